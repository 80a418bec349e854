/**
 * One plain sentence for every `ProblemCode` (verdict.ts), so the badge, the management page and
 * the CLI explain a verdict to people who don't know what a digest is. Keyed by the union type:
 * adding a code without a sentence doesn't compile.
 */
import type { ProblemCode } from './verdict';

export const PROBLEM_DESCRIPTIONS: Record<ProblemCode, string> = {
  'digest-mismatch': 'The message was changed after it was signed: its content no longer matches the signature.',
  'bad-signature': 'The signature does not match the signer’s certificate: it was forged or damaged.',
  'no-signer': 'The signature block names no signer at all, so it proves nothing.',
  'malformed-cms': 'The signature is damaged or malformed and cannot be checked.',
  'malformed-mime': 'The message structure is damaged, so its signature cannot be checked.',
  'content-type-mismatch': 'The signature claims to cover a different kind of content than the message holds.',
  'embedded-and-detached-content':
    'The signature carries hidden content of its own besides the visible message: a known trick to show one text while another was signed.',
  'signer-certificate-missing':
    'The signer’s certificate is neither in the message nor among your contacts, so the signature cannot be checked.',
  'unsupported-algorithm': 'The message was signed with an algorithm Signet cannot check (for example DSA).',
  'refused-algorithm': 'The message was signed with a broken algorithm (MD5, MD2 or an RSA key under 1024 bits) that anyone could forge.',
  'date-mismatch':
    'The message’s date is more than an hour away from when it was signed: an old signed message may have been sent again.',
  'signature-over-ciphertext':
    'An outer signature covers only the encrypted data, which proves who sent it, not who wrote what is inside; it was not counted.',
  'signature-removed-in-transit':
    'The message still carries a signature file, but its signed structure was removed or damaged in transit, so it cannot be checked.',
  'nested-signature-ignored':
    'A signed part sits inside an unsigned message: the text around it could come from anyone, so the message is not treated as signed.',
  'weak-hash': 'The signature uses SHA-1, which is no longer safe against forgery.',
  'weak-key': 'The signer’s RSA key is shorter than 2048 bits and could be broken.',
  'weak-encryption': 'The message was encrypted with an outdated cipher (such as Triple DES or RC2).',
  'certificate-expired': 'The signer’s certificate had expired when the message was signed.',
  'certificate-not-yet-valid': 'The signer’s certificate was not yet valid when the message was signed.',
  'issuer-expired': 'A certificate authority in the signer’s chain had expired when the message was signed.',
  'no-trust-anchor': 'The signer’s certificate does not lead to any certificate authority you trust.',
  'not-for-email': 'The signer’s certificate is not meant for signing e-mail (for example, a web server certificate).',
  'invalid-path': 'The chain of certificates behind the signer is broken or not allowed.',
  'explicitly-trusted': 'You chose to trust this signer’s certificate directly.',
  'certificate-revoked': 'The signer’s certificate was revoked by its certificate authority.',
  'revoked-after-signing-key-not-compromised':
    'The signer’s certificate was revoked after the message was signed, for a reason that does not put this signature in doubt.',
  'revocation-unknown': 'Signet could not find out whether the signer’s certificate was revoked.',
  'revocation-not-permitted':
    'Revocation not checked: permission not granted. Signet may not reach the servers that say whether this certificate was revoked; allow it under “Check revocation online” on the Signet management page.',
  'crl-invalid': 'A revocation list was found but could not be trusted or was out of date.',
  'signer-email-mismatch': 'The signer’s certificate is for a different e-mail address than the sender shown in From.',
  'from-missing': 'The message has no sender address in From to compare with the signer.',
  'from-several-mailboxes': 'The message names several senders, so the signer cannot be matched to one.',
  'subject-not-protected': 'The subject line is not covered by the signature and could have been changed.',
  'no-signature': 'The message is not signed.',
};

export function describeProblem(problem: ProblemCode): string {
  return PROBLEM_DESCRIPTIONS[problem];
}
