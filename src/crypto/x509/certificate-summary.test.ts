import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodePemBlocks } from '../encoding/pem';
import { certificateEmailAddresses, summarizeCertificate } from './certificate-summary';
import { ensureFixtures } from '../pkcs12/fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const generated = join(repositoryRoot, 'test/fixtures/generated');
const certificateOf = (name: string) => decodePemBlocks(readFileSync(join(generated, `${name}.pem`), 'utf8'), 'CERTIFICATE')[0].der;

function opensslField(name: string, ...options: string[]): string {
  return execFileSync('openssl', ['x509', '-in', join(generated, `${name}.pem`), '-noout', ...options]).toString().trim();
}

beforeAll(() => {
  ensureFixtures();
});

describe("a certificate as a person sees it", () => {
  it("Jethro's certificate reads the way it should", async () => {
    const summary = await summarizeCertificate(certificateOf('jethro'));
    expect(summary.subject).toBe('CN=Jethro Bodine, E=jethro@jedco.example, O=Jed Co');
    expect(summary.issuer).toBe('CN=Jed Co Mail CA, O=Jed Co');
    expect(summary.emailAddresses).toEqual(['jethro@jedco.example']);
    expect(summary.keyAlgorithm).toBe('RSA');
    expect(summary.keySizeBits).toBe(2048);
    expect(summary.notBefore).toBe('2025-01-01T00:00:00.000Z');
    expect(summary.notAfter).toBe('2045-12-31T00:00:00.000Z');
    expect(summary.fingerprintSha256).toBe(opensslField('jethro', '-sha256', '-fingerprint').split('=')[1].replace(/:/g, '').toLowerCase());
    expect(summary.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.serialNumber).toBe(opensslField('jethro', '-serial').split('=')[1].toLowerCase());
  });

  it('EC, RSA 4096 and RSA 1024 keys are named with their sizes', async () => {
    expect(await summarizeCertificate(certificateOf('ellie-may'))).toMatchObject({ keyAlgorithm: 'EC', keySizeBits: 256 });
    expect(await summarizeCertificate(certificateOf('jed'))).toMatchObject({ keyAlgorithm: 'EC', keySizeBits: 384 });
    expect(await summarizeCertificate(certificateOf('granny'))).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 4096 });
    expect(await summarizeCertificate(certificateOf('pearl'))).toMatchObject({ keyAlgorithm: 'RSA', keySizeBits: 1024 });
  });

  it('a server certificate has no e-mail address; the root names only itself', async () => {
    expect(certificateEmailAddresses(certificateOf('webserver'))).toEqual([]);
    const root = await summarizeCertificate(certificateOf('jedco-root'));
    expect(root.subject).toBe('CN=Jed Co Root CA, O=Jed Co');
    expect(root.issuer).toBe(root.subject);
  });

  it('addresses from the SAN and the subject are lower-cased and listed once', () => {
    const directory = mkdtempSync(join(tmpdir(), 'signet-summary-'));
    const key = join(directory, 'key.pem');
    const certificate = join(directory, 'cert.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', certificate, '-days', '1',
      '-subj', '/CN=Bodine\\, Jethro/emailAddress=Jethro@JedCo.example',
      '-addext', 'subjectAltName=email:JETHRO@jedco.example,email:orders@jedco.example,DNS:jedco.example']);
    const der = decodePemBlocks(readFileSync(certificate, 'utf8'), 'CERTIFICATE')[0].der;
    expect(certificateEmailAddresses(der)).toEqual(['jethro@jedco.example', 'orders@jedco.example']);
  });

  it('a comma inside a name is escaped, so it cannot pass for another attribute', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'signet-summary-'));
    const key = join(directory, 'key.pem');
    const certificate = join(directory, 'cert.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', certificate, '-days', '1', '-subj', '/O=Jed Co/CN=Bodine\\, O=Jed Co']);
    const der = decodePemBlocks(readFileSync(certificate, 'utf8'), 'CERTIFICATE')[0].der;
    expect((await summarizeCertificate(der)).subject).toBe('CN=Bodine\\, O\\=Jed Co, O=Jed Co');
  });

  it('garbage is malformed-certificate, not a crash', async () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array([0x30, 0x03, 1, 2, 3]), crypto.getRandomValues(new Uint8Array(500))]) {
      await expect(summarizeCertificate(bytes)).rejects.toSatisfy((error) => isSignetError(error, 'malformed-certificate'));
      expect(() => certificateEmailAddresses(bytes)).toThrow();
    }
  });
});
