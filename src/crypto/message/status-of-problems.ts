/**
 * Which status each problem forces (DESIGN.md, "Verification verdicts"). A signer's status is the
 * worst its problems allow; problems that only inform (revocation unknown, explicitly trusted...)
 * leave a good signature valid.
 */
import { STATUSES_WORST_FIRST, worstStatus, type ProblemCode, type VerificationStatus } from '../verdict';

type SignedStatus = Exclude<VerificationStatus, 'unsigned'>;

const STATUS_OF_PROBLEM: Record<ProblemCode, SignedStatus> = {
  'digest-mismatch': 'invalid',
  'bad-signature': 'invalid',
  'no-signer': 'invalid',
  'malformed-cms': 'invalid',
  'malformed-mime': 'invalid',
  'content-type-mismatch': 'invalid',
  'embedded-and-detached-content': 'invalid',
  'signer-certificate-missing': 'invalid',
  'unsupported-algorithm': 'invalid',
  'refused-algorithm': 'invalid',
  'date-mismatch': 'invalid',
  'certificate-revoked': 'revoked',
  'certificate-expired': 'expired',
  'certificate-not-yet-valid': 'expired',
  'issuer-expired': 'expired',
  'no-trust-anchor': 'untrusted',
  'not-for-email': 'untrusted',
  'invalid-path': 'untrusted',
  'signer-email-mismatch': 'mismatch',
  'from-missing': 'mismatch',
  'from-several-mailboxes': 'mismatch',
  'weak-hash': 'weak',
  'weak-key': 'weak',
  // Informational: they explain, they don't decide.
  'signature-over-ciphertext': 'valid',
  'signature-removed-in-transit': 'valid',
  'nested-signature-ignored': 'valid',
  'weak-encryption': 'valid',
  'explicitly-trusted': 'valid',
  'revoked-after-signing-key-not-compromised': 'valid',
  'revocation-unknown': 'valid',
  'crl-invalid': 'valid',
  'revocation-not-permitted': 'valid',
  'subject-not-protected': 'valid',
  'no-signature': 'valid',
};

export function statusOfProblems(problems: readonly ProblemCode[]): SignedStatus {
  const status = worstStatus(['valid', ...problems.map((problem) => STATUS_OF_PROBLEM[problem])]);
  return status === 'unsigned' ? 'valid' : status;
}

/** Among the problems that only inform, the ones that explain the most come first. */
const INFORMATIONAL_ORDER: ProblemCode[] = [
  'signature-removed-in-transit',
  'nested-signature-ignored',
  'signature-over-ciphertext',
  'no-signature',
  'weak-encryption',
  'revocation-unknown',
  'revocation-not-permitted',
  'crl-invalid',
  'revoked-after-signing-key-not-compromised',
  'explicitly-trusted',
  'subject-not-protected',
];

/**
 * Problems without duplicates, those that decide the status first, so `problems[0]` explains the
 * verdict (the badge and the CLI's --explain show them in this order).
 */
export function sortProblemsWorstFirst(problems: Iterable<ProblemCode>): ProblemCode[] {
  const rank = (problem: ProblemCode): number => {
    const status = STATUS_OF_PROBLEM[problem];
    const informational = INFORMATIONAL_ORDER.indexOf(problem);
    return STATUSES_WORST_FIRST.indexOf(status) * 100 + (informational < 0 ? 0 : informational);
  };
  return [...new Set(problems)].sort((left, right) => rank(left) - rank(right));
}
