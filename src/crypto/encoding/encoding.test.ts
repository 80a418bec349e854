import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Lines, encodeBase64Url } from './base64';
import { asciiBytes, bytesEqual, concatBytes, constantTimeEqual, latin1String } from './bytes';
import { decodeHex, encodeHex } from './hex';
import { decodePemBlocks, encodePem, looksLikePem } from './pem';
import { ensureFixtures } from '../pkcs12/fixtures.test-support';

beforeAll(ensureFixtures);

describe('base64', () => {
  it('matches the RFC 4648 §10 test vectors both ways', () => {
    const vectors: [string, string][] = [
      ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(asciiBytes(plain))).toBe(encoded);
      expect(latin1String(decodeBase64(encoded))).toBe(plain);
    }
  });

  it('round-trips a 50 MB attachment without overflowing the stack', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024 + 1);
    for (let index = 0; index < bytes.length; index += 4096) bytes[index] = index & 0xff;
    bytes[bytes.length - 1] = 0xee;
    const encoded = encodeBase64(bytes);
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(bytesEqual(decodeBase64(encoded), bytes)).toBe(true);
  });

  it('decodes folded MIME base64 the same as openssl does', () => {
    const directory = mkdtempSync(join(tmpdir(), 'signet-base64-'));
    const bytes = new Uint8Array(1000).map((_, index) => (index * 7 + 3) & 0xff);
    writeFileSync(join(directory, 'data.bin'), bytes);
    const opensslBase64 = execFileSync('openssl', ['base64', '-in', join(directory, 'data.bin')]).toString();
    expect(bytesEqual(decodeBase64(opensslBase64), bytes)).toBe(true);
    expect(encodeBase64Lines(bytes, 64, '\n')).toBe(opensslBase64.trimEnd());
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => decodeBase64('Zm9v!')).toThrow(RangeError);
    expect(() => decodeBase64('Z')).toThrow(RangeError);
  });

  it("hands the bytes to the engine's own toBase64 where there is one (Chromium), with the same result", () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 37) % 256);
    const expected = encodeBase64(bytes.slice());
    let nativeCalls = 0;
    Object.defineProperty(bytes, 'toBase64', {
      value: () => {
        nativeCalls += 1;
        return Buffer.from(bytes).toString('base64');
      },
    });
    expect(encodeBase64(bytes)).toBe(expected);
    expect(nativeCalls).toBe(1);
  });

  it('speaks base64url without padding', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(encodeBase64Url(bytes)).toBe('-_-_');
    expect(bytesEqual(decodeBase64Url('-_-_'), bytes)).toBe(true);
    expect(encodeBase64Url(asciiBytes('f'))).toBe('Zg');
  });
});

describe('hex', () => {
  it('round-trips and accepts colon-separated upper case fingerprints', () => {
    expect(encodeHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(encodeHex(decodeHex('00:01:AB:FF'))).toBe('0001abff');
    expect(() => decodeHex('abc')).toThrow(RangeError);
    expect(() => decodeHex('zz')).toThrow(RangeError);
  });
});

describe('bytes', () => {
  it('joins and compares', () => {
    const joined = concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3]));
    expect([...joined]).toEqual([1, 2, 3]);
    expect(bytesEqual(joined, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(joined, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(joined, new Uint8Array([1, 2]))).toBe(false);
  });
});

describe('PEM', () => {
  it('reads every certificate of a chain file and skips text around them', () => {
    const chain = readFileSync(new URL('../../../test/fixtures/generated/jedco-chain.pem', import.meta.url), 'utf8');
    const blocks = decodePemBlocks(`Bag Attributes: x\n${chain}`, 'CERTIFICATE');
    expect(blocks).toHaveLength(2);
    expect(blocks[0].der[0]).toBe(0x30);
    expect(encodePem('CERTIFICATE', blocks[0].der) + encodePem('CERTIFICATE', blocks[1].der)).toBe(chain);
    expect(looksLikePem(new TextEncoder().encode(chain))).toBe(true);
  });

  it('filters by label', () => {
    const text = encodePem('CERTIFICATE', new Uint8Array([0x30, 0])) + encodePem('PRIVATE KEY', new Uint8Array([0x30, 1]));
    expect(decodePemBlocks(text)).toHaveLength(2);
    expect(decodePemBlocks(text, 'PRIVATE KEY').map((block) => [...block.der])).toEqual([[0x30, 1]]);
  });
});
