import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../crypto/pkcs12/fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const generated = join(repositoryRoot, 'test/fixtures/generated');

/** Runs the CLI as a person would: a separate process through tsx. */
function smime(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/index.ts', ...args], { cwd: repositoryRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function opensslSha256Fingerprint(person: string): string {
  const output = execFileSync('openssl', ['x509', '-in', join(generated, `${person}.pem`), '-noout', '-sha256', '-fingerprint']).toString();
  return output.trim().split('=')[1].replace(/:/g, '').toLowerCase();
}

beforeAll(() => {
  ensureFixtures();
});

// Each case starts a tsx process: allow for a busy machine.
describe('smime p12', { timeout: 120_000 }, () => {
  it("prints Jethro's digital ID as JSON", () => {
    const result = smime('p12', join(generated, 'jethro.p12'), '--password', 'correct horse');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      subject: 'CN=Jethro Bodine, E=jethro@jedco.example, O=Jed Co',
      emailAddresses: ['jethro@jedco.example'],
      keyAlgorithm: 'RSA',
      keySizeBits: 2048,
      certificateCount: 3,
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2045-12-31T00:00:00.000Z',
      fingerprintSha256: opensslSha256Fingerprint('jethro'),
      friendlyName: 'jethro',
    });
  });

  it("names the curve of Ellie May's legacy EC digital ID", () => {
    const summary = JSON.parse(smime('p12', join(generated, 'ellie-may-legacy.p12'), '--password', 'correct horse').stdout);
    expect(summary).toMatchObject({ keyAlgorithm: 'EC', keySizeBits: 256, namedCurve: 'P-256', emailAddresses: ['ellie-may@clampett.example'] });
  });

  it('a wrong password is one line on stderr and exit 3', () => {
    const result = smime('p12', join(generated, 'jethro.p12'), '--password', 'incorrect horse');
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^smime p12: The password is wrong[^\n]*\[wrong-password\]\n$/);
  });

  it('a missing file is one line, no stack trace', () => {
    const result = smime('p12', join(generated, 'nobody.p12'), '--password', 'x');
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^smime p12: digital ID \S+nobody\.p12 does not exist\n$/);
  });

  it('an unknown flag or command is a usage error, exit 2', () => {
    const flag = smime('p12', join(generated, 'jethro.p12'), '--pasword', 'x');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^smime p12: unknown option --pasword[^\n]*\n$/);
    const command = smime('frobnicate');
    expect(command.status).toBe(2);
    expect(command.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
