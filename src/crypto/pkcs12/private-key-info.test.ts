import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePemBlocks } from '../encoding/pem';
import { encodeDerSequence, encodeNode, parseBer, sequenceItems } from './asn1';
import { describePrivateKey, normalizePkcs8 } from './private-key-info';
import { ensureFixtures } from './fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const pkcs8Of = (name: string) =>
  decodePemBlocks(readFileSync(join(repositoryRoot, 'test/fixtures/generated', `${name}.key`), 'utf8'), 'PRIVATE KEY')[0].der;

beforeAll(() => {
  ensureFixtures();
});

describe('what a private key is', () => {
  it('names the type, size and curve of each person in the story', async () => {
    expect(await describePrivateKey(pkcs8Of('jethro'))).toMatchObject({ keyType: 'RSA', keySizeBits: 2048 });
    expect(await describePrivateKey(pkcs8Of('granny'))).toMatchObject({ keyType: 'RSA', keySizeBits: 4096 });
    expect(await describePrivateKey(pkcs8Of('ellie-may'))).toMatchObject({ keyType: 'EC', keySizeBits: 256, namedCurve: 'P-256' });
    expect(await describePrivateKey(pkcs8Of('jed'))).toMatchObject({ keyType: 'EC', keySizeBits: 384, namedCurve: 'P-384' });
    await expect(describePrivateKey(pkcs8Of('pearl'))).rejects.toThrow(/1024-bit/);
  });

  it('a key with PKCS#8 attributes (as Windows writes it) is stored without them', () => {
    const plain = pkcs8Of('jethro');
    const items = sequenceItems(parseBer(plain, 'key'), 'key');
    const emptyAttributes = Uint8Array.of(0xa0, 0x00);
    const withAttributes = encodeDerSequence([...items.map(encodeNode), emptyAttributes]);
    expect(withAttributes.length).toBe(plain.length + 2);
    expect(normalizePkcs8(withAttributes)).toEqual(plain);
    expect(normalizePkcs8(plain)).toBe(plain);
  });
});
