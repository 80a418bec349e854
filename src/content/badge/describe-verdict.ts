/**
 * What the badge says for a verdict, in words and tone (DESIGN.md "Verification verdicts"). The
 * signer is always named by the full e-mail address from the certificate, never a display name:
 * a display name is whatever the sender typed.
 */
import type { SignerReport, Verdict, VerificationStatus } from '../../crypto/verdict';

export type BadgeTone = 'good' | 'warning' | 'bad' | 'neutral';

export interface VerdictDescription {
  /** One or two words beside the icon, e.g. "Verified". */
  label: string;
  /** The sentence the person reads, naming the signer's address in full. */
  headline: string;
  tone: BadgeTone;
  /** The address `data-signet-signer` carries: the signer's, '' when there is none. */
  signerAddress: string;
  /** The signer the headline speaks of. */
  signer?: SignerReport;
}

const LABELS: Record<VerificationStatus, string> = {
  valid: 'Verified',
  weak: 'Weak signature',
  mismatch: 'Wrong signer',
  untrusted: 'Untrusted signer',
  expired: 'Expired certificate',
  revoked: 'Revoked certificate',
  invalid: 'Invalid signature',
  unsigned: 'Not signed',
};

const TONES: Record<VerificationStatus, BadgeTone> = {
  valid: 'good',
  weak: 'warning',
  mismatch: 'bad',
  untrusted: 'warning',
  expired: 'bad',
  revoked: 'bad',
  invalid: 'bad',
  unsigned: 'neutral',
};

export function describeVerdict(verdict: Verdict): VerdictDescription {
  const signer = pickSigner(verdict);
  const signerAddress = pickSignerAddress(signer, verdict.fromAddress);
  const shownSigner = signerAddress || signer?.certificate?.subject || 'an unknown signer';
  const from = verdict.fromAddress ? verdict.fromAddress : 'no single sender address';
  const removedInTransit = verdict.problems.includes('signature-removed-in-transit');
  const base = { label: LABELS[verdict.status], tone: TONES[verdict.status], signerAddress, signer };
  switch (verdict.status) {
    case 'valid':
      return { ...base, headline: `Signed by ${shownSigner}` };
    case 'weak':
      return { ...base, headline: `Signed by ${shownSigner}, but with a weak algorithm or key` };
    case 'mismatch':
      return { ...base, headline: `Signed by ${shownSigner}, not by the sender ${from}` };
    case 'untrusted':
      return { ...base, headline: `Signed by ${shownSigner}, whose certificate you don't trust yet` };
    case 'expired':
      return { ...base, headline: `Signed by ${shownSigner} with a certificate that was not valid at the time` };
    case 'revoked':
      return { ...base, headline: `Signed by ${shownSigner} with a revoked certificate` };
    case 'invalid':
      return {
        ...base,
        headline: removedInTransit
          ? 'The signature was removed or damaged in transit'
          : 'The signature does not match this message: it was changed, or the signature is broken',
      };
    case 'unsigned':
      return removedInTransit
        ? { ...base, label: 'Signature lost', tone: 'warning', headline: 'The signature was removed or damaged in transit' }
        : { ...base, headline: 'This message is not signed: nothing proves who wrote it' };
  }
}

/** The signer the status speaks of: the first whose own status is the message's. */
function pickSigner(verdict: Verdict): SignerReport | undefined {
  return verdict.signers.find((signer) => signer.status === verdict.status) ?? verdict.signers[0];
}

/** The certificate's address that matches From when there is one, else its first address. */
function pickSignerAddress(signer: SignerReport | undefined, fromAddress: string | undefined): string {
  const addresses = signer?.certificate?.emailAddresses ?? [];
  const from = fromAddress?.toLowerCase();
  return addresses.find((address) => address.toLowerCase() === from) ?? addresses[0] ?? '';
}

/** `ab12cd…` -> `AB:12:CD:…`, the way certificate viewers show fingerprints. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}
