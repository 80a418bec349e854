import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../pkcs12/fixtures.test-support';
import { decodePemBlocks } from '../../encoding/pem';
import { collectNetworkOrigins } from './network-origins';

const fixtures = join(__dirname, '../../../../test/fixtures/generated');
const certificate = (name: string): Uint8Array => decodePemBlocks(readFileSync(join(fixtures, `${name}.pem`), 'utf8'), 'CERTIFICATE')[0].der;

beforeAll(() => {
  ensureFixtures();
});

describe('collectNetworkOrigins', () => {
  it("names the CRL and OCSP origins Jethro's certificate points at, once each", async () => {
    const origins = await collectNetworkOrigins([certificate('jethro'), certificate('jedco-mail-ca'), new Uint8Array([1, 2])]);
    expect(origins).toEqual(['http://127.0.0.1:18080/*', 'http://127.0.0.1:18081/*']);
  });

  it('asks for nothing for a certificate without revocation pointers', async () => {
    expect(await collectNetworkOrigins([certificate('stranger')])).toEqual([]);
  });
});
