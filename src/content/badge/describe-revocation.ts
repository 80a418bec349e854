/**
 * The badge details' "Revocation" row (issue 4 item 6, DESIGN.md security model 5): which sources
 * were consulted for which certificate and what they answered, so "unknown" is visible with its
 * reason (a server down, permission not granted) rather than hidden.
 */
import type { RevocationAnswer, SignerReport } from '../../crypto/verdict';

const SOURCE_NAMES: Record<RevocationAnswer['source'], string> = { ocsp: 'OCSP', crl: 'CRL' };

export function describeRevocationAnswer(answer: RevocationAnswer, signer: SignerReport | undefined): string {
  const certificate = signer?.chain.find((candidate) => candidate.fingerprintSha256 === answer.certificateFingerprint);
  const whose = certificate ? commonName(certificate.subject) : 'a certificate of the path';
  const where = answer.location === 'given' ? SOURCE_NAMES[answer.source] : `${SOURCE_NAMES[answer.source]} ${answer.location}`;
  switch (answer.status) {
    case 'good':
      return `${whose}: not revoked (${where})`;
    case 'revoked':
      return `${whose}: revoked${answer.revocationTime ? ` on ${answer.revocationTime.slice(0, 10)}` : ''}${answer.revocationReason ? ` (${answer.revocationReason})` : ''} (${where})`;
    case 'unknown':
      return `${whose}: not checked (${where}${answer.detail ? `: ${answer.detail}` : ''})`;
  }
}

/** `CN=Jethro Bodine, O=Jed Co` -> `Jethro Bodine`; the whole name when it has no CN. */
function commonName(subject: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1] ?? subject;
}
