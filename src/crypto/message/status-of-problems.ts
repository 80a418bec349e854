/**
 * Which status each problem forces (DESIGN.md, "Verification verdicts"). A signer's status is the
 * worst its problems allow; problems that only inform (revocation unknown, explicitly trusted...)
 * leave a good signature valid.
 */
import { worstStatus, type ProblemCode, type VerificationStatus } from '../verdict';

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
  'subject-not-protected': 'valid',
  'no-signature': 'valid',
};

export function statusOfProblems(problems: readonly ProblemCode[]): SignedStatus {
  const status = worstStatus(['valid', ...problems.map((problem) => STATUS_OF_PROBLEM[problem])]);
  return status === 'unsigned' ? 'valid' : status;
}
