/** What a caller gives `verifyMessage` (TEAM.md shared interfaces). */
import type { EncryptionReport } from '../verdict';
import type { PathValidationInput, PathValidationResult } from '../x509/validate-path';

export interface VerifyOptions {
  /** DER roots the user imported (an organisation's CA). */
  trustAnchors: Uint8Array[];
  /** DER certificates Signet already knows: contacts (for `-nocerts` mail) and intermediates. */
  knownCertificates?: Uint8Array[];
  /** DER leaf certificates the user trusted directly. */
  explicitlyTrusted?: Uint8Array[];
  /** DER CRLs to judge revocation with. */
  crls?: Uint8Array[];
  /** 'Now', for tests and for checking an old message as of a given time. */
  at?: Date;
  /**
   * Validates a signer's path; defaults to `validateCertificatePath` (offline: only the given
   * certificates and CRLs). The background and the CLI pass one that also fetches intermediates,
   * CRLs and OCSP answers through their injected fetch (DESIGN.md, security model 5).
   */
  validatePath?: (input: PathValidationInput) => Promise<PathValidationResult>;
  /** Opens an encryption layer; absent, an encrypted message can't be looked into. */
  decrypt?: (encryptedEntity: Uint8Array) => Promise<{ content: Uint8Array; encryption: EncryptionReport }>;
}
