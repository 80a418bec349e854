import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPathAcceptable, validateCertificatePath, type PathValidationResult } from './validate-path';

/**
 * The algorithm policy of DESIGN.md on certificate signatures, with certificates `openssl` signs
 * for this run (test/fixtures/make-algorithm-certificates.sh).
 */
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'signet-algorithms-'));
  execFileSync('bash', [join(__dirname, '../../../test/fixtures/make-algorithm-certificates.sh'), directory]);
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function validate(ca: string, leaf: string): Promise<PathValidationResult> {
  const der = (name: string): Uint8Array => new Uint8Array(readFileSync(join(directory, `${name}.der`)));
  return validateCertificatePath({ leaf: der(leaf), candidates: [], trustAnchors: [der(`${ca}-ca`)], time: new Date(), purpose: 'any' });
}

describe('certificate signature algorithms', () => {
  it('checks RSA PKCS#1 v1.5 with SHA-256 and SHA-512, RSA-PSS, ECDSA P-384 and P-521, and Ed25519', async () => {
    for (const [ca, leaf] of [
      ['rsa', 'rsa-sha256-leaf'],
      ['rsa', 'rsa-sha512-leaf'],
      ['rsa', 'rsa-pss-leaf'],
      ['p384', 'p384-leaf'],
      ['p521', 'p521-leaf'],
      ['ed25519', 'ed25519-leaf'],
    ]) {
      const result = await validate(ca, leaf);
      expect({ leaf, problems: result.problems, trusted: result.trusted }).toEqual({ leaf, problems: [], trusted: true });
    }
  });

  it('refuses a certificate whose signature was altered, for each algorithm', async () => {
    for (const [ca, leaf] of [
      ['rsa', 'rsa-sha256-leaf'],
      ['rsa', 'rsa-pss-leaf'],
      ['p384', 'p384-leaf'],
      ['ed25519', 'ed25519-leaf'],
    ]) {
      const der = new Uint8Array(readFileSync(join(directory, `${leaf}.der`)));
      der[der.length - 2] ^= 0x01;
      const anchor = new Uint8Array(readFileSync(join(directory, `${ca}-ca.der`)));
      const result = await validateCertificatePath({ leaf: der, candidates: [], trustAnchors: [anchor], time: new Date(), purpose: 'any' });
      expect({ leaf, trusted: result.trusted, noAnchor: result.problems.includes('no-trust-anchor') }).toEqual({ leaf, trusted: false, noAnchor: true });
    }
  });

  it('accepts SHA-1 but calls it weak', async () => {
    const result = await validate('rsa', 'rsa-sha1-leaf');
    expect(result.problems).toEqual(['weak-hash']);
    expect(isPathAcceptable(result)).toBe(true);
  });

  it('refuses MD5', async () => {
    const result = await validate('rsa', 'rsa-md5-leaf');
    expect(result.problems).toContain('refused-algorithm');
    expect(isPathAcceptable(result)).toBe(false);
  });

  it('calls an RSA key under 2048 bits in the path weak, and one under 1024 bits refused', async () => {
    expect((await validate('rsa1024', 'rsa1024-leaf')).problems).toEqual(['weak-key']);
    const refused = await validate('rsa512', 'rsa512-leaf');
    expect(refused.problems).toContain('refused-algorithm');
    expect(isPathAcceptable(refused)).toBe(false);
  });
});
