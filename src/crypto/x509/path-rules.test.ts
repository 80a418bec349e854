import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPathAcceptable, validateCertificatePath, type PathValidationResult } from './validate-path';

/**
 * One test per RFC 5280 rule, on certificates `openssl` makes for this run
 * (test/fixtures/make-path-rules.sh): each breaking case would be accepted without the rule, and
 * its twin that keeps the rule is accepted, so the test can't pass by refusing everything.
 */
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'signet-path-rules-'));
  execFileSync('bash', [join(__dirname, '../../../test/fixtures/make-path-rules.sh'), directory]);
}, 120_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function der(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(directory, name.endsWith('.crl') ? name : `${name}.der`)));
}

async function validate(leaf: string, intermediates: string[], options: { crls?: string[]; revocationRequired?: boolean } = {}): Promise<PathValidationResult> {
  return validateCertificatePath({
    leaf: der(leaf),
    candidates: intermediates.map(der),
    trustAnchors: [der('root')],
    crls: options.crls?.map(der),
    revocationRequired: options.revocationRequired,
    time: new Date(),
    purpose: 'any',
  });
}

function expectRefused(result: PathValidationResult, reason: RegExp): void {
  expect(isPathAcceptable(result)).toBe(false);
  expect(result.details.join('\n')).toMatch(reason);
}

describe('RFC 5280 path rules', () => {
  it('accepts the good twin: a leaf under a proper CA', async () => {
    expect(isPathAcceptable(await validate('good-leaf', ['good-ca']))).toBe(true);
  });

  it('refuses a certificate issued by a certificate that is not a CA (basicConstraints cA false)', async () => {
    expectRefused(await validate('not-ca-leaf', ['not-ca']), /Not a CA certificate/);
  });

  it('refuses a certificate issued by a certificate without basicConstraints', async () => {
    expectRefused(await validate('no-basic-constraints-leaf', ['no-basic-constraints-ca']), /Not a CA certificate/);
  });

  it('refuses a second CA below a CA with pathLenConstraint 0, and allows it below pathLenConstraint 1', async () => {
    expectRefused(await validate('pathlen0-leaf', ['pathlen0-ca', 'pathlen0-sub-ca']), /Path length constraint exceeded/);
    expect(isPathAcceptable(await validate('pathlen1-leaf', ['pathlen1-ca', 'pathlen1-sub-ca']))).toBe(true);
  });

  it('refuses a certificate signed by a CA key without keyCertSign', async () => {
    expectRefused(await validate('no-cert-sign-leaf', ['no-cert-sign-ca']), /keyCertSign/);
  });

  it("doesn't take revocation answers from a CRL signed by a key without cRLSign", async () => {
    const refused = await validate('no-crl-sign-leaf', ['no-crl-sign-ca'], { crls: ['no-crl-sign-ca.crl', 'root.crl'], revocationRequired: true });
    expect(refused.problems).toEqual(expect.arrayContaining(['revocation-unknown', 'crl-invalid']));
    expect(isPathAcceptable(refused, true)).toBe(false);
    const good = await validate('good-leaf', ['good-ca'], { crls: ['good-ca.crl', 'root.crl'], revocationRequired: true });
    expect(good.problems).toEqual([]);
    expect(good.revocation.map((answer) => answer.status)).toEqual(['good', 'good']);
  });

  it('refuses a subject outside a permitted directoryName subtree', async () => {
    expectRefused(await validate('dir-bad-leaf', ['dir-ca']), /Name constraints: the subject name is outside/);
    expect(isPathAcceptable(await validate('dir-good-leaf', ['dir-ca']))).toBe(true);
  });

  it('refuses an e-mail address outside a permitted rfc822Name subtree, in the subject alternative name', async () => {
    expectRefused(await validate('email-bad-leaf', ['email-ca']), /"bob@hacker.example" is outside the permitted rfc822Name/);
    expect(isPathAcceptable(await validate('email-good-leaf', ['email-ca']))).toBe(true);
  });

  it("refuses an e-mail address outside a permitted rfc822Name subtree in the subject's emailAddress attribute", async () => {
    expectRefused(await validate('email-subject-bad-leaf', ['email-ca']), /"bob@hacker.example" is outside the permitted rfc822Name/);
  });

  it('refuses a dNSName in an excluded subtree', async () => {
    expectRefused(await validate('dns-bad-leaf', ['dns-ca']), /"mail.evil.example" is in an excluded dNSName subtree/);
    expect(isPathAcceptable(await validate('dns-good-leaf', ['dns-ca']))).toBe(true);
  });

  it('refuses a URI whose host is outside a permitted uniformResourceIdentifier subtree', async () => {
    expectRefused(await validate('uri-bad-leaf', ['uri-ca']), /outside the permitted uniformResourceIdentifier/);
    expect(isPathAcceptable(await validate('uri-good-leaf', ['uri-ca']))).toBe(true);
  });

  it('refuses a leaf without the policy a CA requires explicitly (requireExplicitPolicy 0)', async () => {
    expectRefused(await validate('explicit-bad-leaf', ['explicit-ca']), /No acceptable certificate policy/);
    expectRefused(await validate('explicit-other-leaf', ['explicit-ca']), /No acceptable certificate policy/);
    expect(isPathAcceptable(await validate('explicit-good-leaf', ['explicit-ca']))).toBe(true);
  });

  it('follows a policy mapping, and refuses it where inhibitPolicyMapping is 0', async () => {
    // The mapping CA asserts policy A and maps A to B for the certificates below it, with an
    // explicit policy required: the leaf's B is acceptable only through the mapping.
    expect(isPathAcceptable(await validate('mapping-ca-policy-leaf', ['mapping-ca']))).toBe(true);
    // The same mapping below a CA that set inhibitPolicyMapping 0: the mapped policy is dropped.
    expectRefused(
      await validate('mapping-inhibited-leaf', ['inhibit-mapping-ca', 'mapping-inhibited-ca']),
      /No acceptable certificate policy/,
    );
  });

  it('accepts anyPolicy in a leaf, unless a CA inhibits anyPolicy', async () => {
    expect(isPathAcceptable(await validate('any-policy-leaf', ['any-policy-ca']))).toBe(true);
    expectRefused(await validate('any-policy-inhibited-leaf', ['any-policy-inhibited-ca']), /No acceptable certificate policy/);
  });

  it('refuses a certificate with an unknown critical extension and ignores an unknown non-critical one', async () => {
    expectRefused(await validate('unknown-critical-leaf', ['good-ca']), /Unknown critical extension 1\.3\.6\.1\.4\.1\.55555\.2\.1/);
    expect(isPathAcceptable(await validate('unknown-noncritical-leaf', ['good-ca']))).toBe(true);
  });

  it('chains names that differ only in case and spacing, and no others', async () => {
    expect(isPathAcceptable(await validate('spaced-issuer-leaf', ['good-ca']))).toBe(true);
    const wrong = await validate('wrong-issuer-leaf', ['good-ca']);
    expect(wrong.trusted).toBe(false);
    expect(wrong.problems).toContain('no-trust-anchor');
  });
});
