/**
 * The verdict: what Signet concludes about one message (DESIGN.md, "Verification verdicts").
 * The same object is printed by the CLI as JSON, stored as evidence, and rendered by the badge.
 */

/** Worst first: a message gets the first status of this list that applies to it. */
export const STATUSES_WORST_FIRST = [
  'invalid',
  'revoked',
  'expired',
  'untrusted',
  'mismatch',
  'weak',
  'valid',
  'unsigned',
] as const;

export type VerificationStatus = (typeof STATUSES_WORST_FIRST)[number];

/** The worst of several statuses among signed ones (several signers: each judged, the worst wins). */
export function worstStatus(statuses: VerificationStatus[]): VerificationStatus {
  let worst: VerificationStatus = 'unsigned';
  for (const status of statuses) {
    if (STATUSES_WORST_FIRST.indexOf(status) < STATUSES_WORST_FIRST.indexOf(worst)) worst = status;
  }
  return worst;
}

/** Machine codes for every reason; `problem-descriptions.ts` says each in plain words. */
export type ProblemCode =
  // the signature itself
  | 'digest-mismatch'
  | 'bad-signature'
  | 'no-signer'
  | 'malformed-cms'
  | 'malformed-mime'
  | 'content-type-mismatch'
  | 'embedded-and-detached-content'
  | 'signer-certificate-missing'
  | 'unsupported-algorithm'
  | 'refused-algorithm'
  | 'date-mismatch'
  | 'signature-over-ciphertext'
  | 'signature-removed-in-transit'
  | 'nested-signature-ignored'
  // the algorithm policy
  | 'weak-hash'
  | 'weak-key'
  | 'weak-encryption'
  // the certificate and its path (RFC 5280)
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'issuer-expired'
  | 'no-trust-anchor'
  | 'not-for-email'
  | 'invalid-path'
  | 'explicitly-trusted'
  // revocation
  | 'certificate-revoked'
  | 'revoked-after-signing-key-not-compromised'
  | 'revocation-unknown'
  | 'crl-invalid'
  /** Revocation not checked: the person has not let Signet reach the CRL/OCSP/AIA servers. */
  | 'revocation-not-permitted'
  // the From rule
  | 'signer-email-mismatch'
  | 'from-missing'
  | 'from-several-mailboxes'
  | 'subject-not-protected'
  // no signature
  | 'no-signature';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** Lower-case hex SHA-256 of the DER, no separators. */
  fingerprintSha256: string;
  emailAddresses: string[];
  notBefore: string;
  notAfter: string;
  keyAlgorithm: 'RSA' | 'EC' | 'Ed25519' | 'DSA' | 'unknown';
  keySizeBits: number;
}

export interface RevocationAnswer {
  /** The certificate's SHA-256 fingerprint. */
  certificateFingerprint: string;
  source: 'crl' | 'ocsp';
  /** Where it came from: a URL, or 'given' for a CRL passed in by the caller. */
  location: string;
  status: 'good' | 'revoked' | 'unknown';
  revocationReason?: string;
  revocationTime?: string;
  detail?: string;
}

export interface SignerReport {
  status: Exclude<VerificationStatus, 'unsigned'>;
  certificate?: CertificateSummary;
  /** The path from the signer up to its anchor, signer first; empty when none was built. */
  chain: CertificateSummary[];
  /** The signer's claim (RFC 5652 §11.3), ISO 8601. */
  signingTime?: string;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  problems: ProblemCode[];
  /** S/MIME capabilities (RFC 8551 §2.5.2) the signer advertised, as algorithm OIDs in preference order. */
  capabilities: string[];
  /** DER of the signer certificate, base64; kept so contacts and evidence can store it. */
  certificateDerBase64?: string;
}

export interface EncryptionReport {
  /** e.g. 'AES-256-CBC', 'AES-128-GCM', 'DES-EDE3-CBC' */
  contentEncryption: string;
  /** e.g. 'RSAES-PKCS1-v1_5', 'RSAES-OAEP', 'ECDH' */
  keyManagement: string[];
  weak: boolean;
}

/** One layer of a (possibly triple-wrapped) message, outermost first (RFC 8551 §3.7). */
export type LayerReport =
  | { kind: 'signed'; form: 'detached' | 'opaque'; status: Exclude<VerificationStatus, 'unsigned'>; counted: boolean }
  | { kind: 'encrypted'; encryption: EncryptionReport };

export interface Verdict {
  status: VerificationStatus;
  signers: SignerReport[];
  /** The earliest claimed signing time among the signers. */
  signingTime?: string;
  /** Every problem, message-level and per signer, without duplicates. */
  problems: ProblemCode[];
  /** The From mailbox's address as compared (protected From when the signed part carries one). */
  fromAddress?: string;
  encryption?: EncryptionReport;
  layers: LayerReport[];
  /** RFC 9788 protected headers found inside the signed part (name -> decoded value). */
  protectedHeaders?: Record<string, string>;
  revocation: RevocationAnswer[];
}
