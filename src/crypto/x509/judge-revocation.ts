import type { ProblemCode } from '../verdict';

/**
 * Does a revocation undo a signature? DESIGN.md security model 5 and issue 4 item 1: the signing
 * time is only the signer's own claim, so a key that was compromised (keyCompromise, cACompromise,
 * or no reason given, which may hide a compromise) is never trusted, whatever time the signature
 * claims. Only when the CA says the key was not compromised (superseded, affiliationChanged,
 * cessationOfOperation, RFC 5280 §5.3.1) and the revocation came after the signing time does the
 * signature stand, with a problem code that says so.
 */
export const REASONS_WITHOUT_COMPROMISE: ReadonlySet<string> = new Set(['superseded', 'affiliationChanged', 'cessationOfOperation']);

export type RevocationJudgement =
  | { revoked: true; problem: 'certificate-revoked' }
  | { revoked: false; problem: 'revoked-after-signing-key-not-compromised' };

export function judgeRevocation(revocation: { revokedAt?: Date; reason?: string }, signingTime: Date | undefined): RevocationJudgement {
  const harmless = revocation.reason !== undefined && REASONS_WITHOUT_COMPROMISE.has(revocation.reason);
  if (harmless && signingTime !== undefined && revocation.revokedAt !== undefined && revocation.revokedAt > signingTime) {
    return { revoked: false, problem: 'revoked-after-signing-key-not-compromised' };
  }
  return { revoked: true, problem: 'certificate-revoked' };
}

export type RevocationProblem = Extract<ProblemCode, 'certificate-revoked' | 'revoked-after-signing-key-not-compromised'>;
