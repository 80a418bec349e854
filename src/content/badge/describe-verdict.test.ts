import { describe, expect, test } from 'vitest';
import type { CertificateSummary, SignerReport, Verdict, VerificationStatus } from '../../crypto/verdict';
import { describeVerdict, formatFingerprint } from './describe-verdict';

function certificate(...emailAddresses: string[]): CertificateSummary {
  return {
    subject: `CN=${emailAddresses[0] ?? 'nobody'}`,
    issuer: 'CN=Jed Co Mail CA',
    serialNumber: '01',
    fingerprintSha256: 'ab'.repeat(32),
    emailAddresses,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    keyAlgorithm: 'RSA',
    keySizeBits: 2048,
  };
}

function verdict(status: VerificationStatus, options: { signer?: CertificateSummary; from?: string; problems?: Verdict['problems'] } = {}): Verdict {
  const signers: SignerReport[] =
    status === 'unsigned' || !options.signer
      ? []
      : [{ status, certificate: options.signer, chain: [], digestAlgorithm: 'SHA-256', signatureAlgorithm: 'RSA', problems: [], capabilities: [] }];
  return { status, signers, problems: options.problems ?? [], fromAddress: options.from, layers: [], revocation: [] };
}

describe('what the badge says', () => {
  test('Jethro’s signed order names his address in full, in good tone', () => {
    const description = describeVerdict(verdict('valid', { signer: certificate('jethro@jedco.example'), from: 'jethro@jedco.example' }));
    expect(description).toMatchObject({ tone: 'good', label: 'Verified', signerAddress: 'jethro@jedco.example' });
    expect(description.headline).toContain('jethro@jedco.example');
  });

  test('Bob’s forged order names bob@hacker.example as the signer and Jethro’s address as the sender', () => {
    const description = describeVerdict(verdict('mismatch', { signer: certificate('bob@hacker.example'), from: 'jethro@jedco.example' }));
    expect(description.signerAddress).toBe('bob@hacker.example');
    expect(description.tone).toBe('bad');
    expect(description.headline).toBe('Signed by bob@hacker.example, not by the sender jethro@jedco.example');
  });

  test('of several certificate addresses, the one matching From is shown', () => {
    const description = describeVerdict(verdict('valid', { signer: certificate('orders@jedco.example', 'jethro@jedco.example'), from: 'jethro@jedco.example' }));
    expect(description.signerAddress).toBe('jethro@jedco.example');
  });

  test('an unsigned message gets a neutral badge and no signer', () => {
    expect(describeVerdict(verdict('unsigned', { problems: ['no-signature'] }))).toMatchObject({ tone: 'neutral', label: 'Not signed', signerAddress: '' });
  });

  test('a signature stripped in transit is said in plain words, not only "unsigned"', () => {
    const description = describeVerdict(verdict('unsigned', { problems: ['no-signature', 'signature-removed-in-transit'] }));
    expect(description.headline).toBe('The signature was removed or damaged in transit');
    expect(description.tone).toBe('warning');
  });

  test('a tampered order is invalid, in bad tone', () => {
    const description = describeVerdict(verdict('invalid', { signer: certificate('jethro@jedco.example'), problems: ['digest-mismatch'] }));
    expect(description.tone).toBe('bad');
    expect(description.headline).toMatch(/changed/);
  });

  test('fingerprints read as colon-separated pairs', () => {
    expect(formatFingerprint('ab01ff')).toBe('AB:01:FF');
  });
});
