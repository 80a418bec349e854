import { describe, expect, it } from 'vitest';
import { sortProblemsWorstFirst, statusOfProblems } from './status-of-problems';

describe('from problems to a status', () => {
  it('a good signature with only informational problems stays valid', () => {
    expect(statusOfProblems(['revocation-unknown', 'subject-not-protected', 'explicitly-trusted'])).toBe('valid');
  });

  it("an untrusted certificate's address proves nothing: untrusted outranks mismatch", () => {
    expect(statusOfProblems(['signer-email-mismatch', 'no-trust-anchor'])).toBe('untrusted');
  });

  it('a changed body outranks everything', () => {
    expect(statusOfProblems(['weak-hash', 'certificate-revoked', 'digest-mismatch'])).toBe('invalid');
    expect(statusOfProblems(['weak-key', 'certificate-expired'])).toBe('expired');
  });

  it('lists the deciding problem first, without duplicates', () => {
    expect(sortProblemsWorstFirst(['subject-not-protected', 'revocation-unknown', 'signer-email-mismatch', 'revocation-unknown'])).toEqual([
      'signer-email-mismatch',
      'revocation-unknown',
      'subject-not-protected',
    ]);
    expect(sortProblemsWorstFirst(['no-signature', 'signature-removed-in-transit'])).toEqual(['signature-removed-in-transit', 'no-signature']);
  });
});
