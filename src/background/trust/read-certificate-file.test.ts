import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePemBlocks } from '../../crypto/encoding/pem';
import { isSignetError } from '../../shared/errors';
import { readCertificateFile } from './read-certificate-file';

const generated = (name: string) => new URL(`../../../test/fixtures/generated/${name}`, import.meta.url).pathname;
const bytes = (path: string) => new Uint8Array(readFileSync(path));
const chainPem = readFileSync(generated('jedco-chain.pem'), 'latin1');
const chainDer = decodePemBlocks(chainPem, 'CERTIFICATE').map((block) => block.der);

/** `openssl crl2pkcs7 -nocrl` writes the "certificates only" .p7b that Windows exports. */
function opensslP7b(outform: 'DER' | 'PEM'): Uint8Array {
  const path = join(mkdtempSync(join(tmpdir(), 'signet-p7b-')), `chain.p7b`);
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', generated('jedco-chain.pem'), '-outform', outform, '-out', path]);
  return bytes(path);
}

describe('reading a trust-anchor file', () => {
  it('reads a PEM chain, every certificate in order', () => {
    expect(readCertificateFile(new TextEncoder().encode(chainPem))).toEqual(chainDer);
  });

  it('reads a DER certificate as Windows exports a .cer', () => {
    expect(readCertificateFile(bytes(generated('jedco-root.cer')))).toEqual([bytes(generated('jedco-root.cer'))]);
  });

  it('reads a .p7b bundle written by openssl, in DER and in PEM', () => {
    for (const outform of ['DER', 'PEM'] as const) {
      const certificates = readCertificateFile(opensslP7b(outform));
      expect(certificates.map((der) => der.length).sort()).toEqual(chainDer.map((der) => der.length).sort());
      expect(new Set(certificates.map((der) => Buffer.from(der).toString('hex')))).toEqual(
        new Set(chainDer.map((der) => Buffer.from(der).toString('hex'))),
      );
    }
  });

  it('refuses a file without certificates, or garbage, with malformed-certificate', () => {
    const refusals = [new TextEncoder().encode('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), new Uint8Array([1, 2, 3, 4]), new Uint8Array()];
    for (const file of refusals) {
      let caught: unknown;
      try {
        readCertificateFile(file);
      } catch (error) {
        caught = error;
      }
      expect(isSignetError(caught, 'malformed-certificate')).toBe(true);
    }
  });
});
