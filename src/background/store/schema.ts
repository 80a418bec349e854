/**
 * The IndexedDB schema of the extension origin (DESIGN.md, "The parts": the background is the only
 * holder of keys and stores). Versioned: each version's step runs once, in order, inside the
 * `versionchange` transaction, so a user upgrading from any older Signet ends up with the same
 * shape as a fresh install.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { IdentityKeys } from '../../crypto/keys/identity-keys';
import type { CertificateSummary, Verdict, VerificationStatus } from '../../crypto/verdict';

export const DATABASE_NAME = 'signet';
export const SCHEMA_VERSION = 2;

/** A digital ID: the certificates from the PKCS#12 file and the non-extractable keys. */
export interface IdentityRecord {
  /** SHA-256 fingerprint of the leaf certificate. */
  id: string;
  friendlyName?: string;
  /** DER, leaf first, then the rest of the chain as the file had it. */
  certificates: Uint8Array[];
  summary: CertificateSummary;
  /** Lower-case; indexed (v2) so compose can find the identity for a From address. */
  emailAddresses: string[];
  keyType: 'RSA' | 'EC';
  keySizeBits: number;
  namedCurve?: string;
  /** Non-extractable CryptoKeys and the wrapped PKCS#8, stored as structured clones. */
  keys: IdentityKeys;
  importedAt: string;
}

/** A root (or intermediate) the user trusts to vouch for senders (security model 4). */
export interface TrustAnchorRecord {
  id: string;
  certificate: Uint8Array;
  summary: CertificateSummary;
  importedAt: string;
}

/** A correspondent's certificate harvested from signed mail (Notes' "add sender to address book"). */
export interface ContactRecord {
  /** SHA-256 fingerprint of the certificate. */
  id: string;
  emailAddresses: string[];
  certificate: Uint8Array;
  summary: CertificateSummary;
  /** SMIMECapabilities (RFC 8551 §2.5.2) as algorithm OIDs, in the sender's order of preference. */
  capabilities: string[];
  explicitlyTrusted: boolean;
  firstSeen: string;
  lastSeen: string;
  /** The verdict of the last good signature seen with it (records from before it was added lack it). */
  lastStatus?: VerificationStatus;
}

/** A fetched CRL or OCSP response, kept until its nextUpdate (security model 5). */
export interface RevocationCacheRecord {
  /** The URL it came from (CRL distribution point or OCSP responder + request). */
  url: string;
  /**
   * `issuer`: what an AIA caIssuers URL served (not yet validated); `intermediate`: a fetched CA
   * certificate that was part of a trusted path, kept as a known certificate until its notAfter.
   */
  kind: 'crl' | 'ocsp' | 'issuer' | 'intermediate';
  body: Uint8Array;
  fetchedAt: string;
  nextUpdate?: string;
}

/** What Signet concluded about a message, so a re-opened message shows the same verdict. */
export interface EvidenceRecord {
  messageKey: string;
  verdict: Verdict;
  recordedAt: string;
  /** For non-repudiation (issue 5 item 6): the webmail's id, the message as received, each verification. */
  messageId?: string;
  rawMessage?: Uint8Array;
  verifications?: EvidenceVerification[];
}

/** One verification of a kept message: when, with which outcome. */
export interface EvidenceVerification {
  verifiedAt: string;
  status: VerificationStatus;
  /** Revocation answers as they were at that time. */
  revocation: Verdict['revocation'];
}

/** Settings are one record per key. */
export interface SettingsMap {
  defaultIdentityId: string;
  /**
   * Compose defaults per identity and the Gmail OAuth client id (issue 6): the JSON of a
   * `ComposeSettings` (text, so every setting value keeps one type), read by `outgoing/compose-settings.ts`.
   */
  composeSettings: string;
  /** JSON of `RevocationAccessSetting` (background/revocation/revocation-setting.ts): online checking on or off, origins wanted. */
  revocationAccess: string;
  /** JSON of `AuthorisedSite[]` (background/sites/authorised-sites.ts): webmail sites the person authorised. */
  authorisedSites: string;
}
export type SettingName = keyof SettingsMap;

export interface SignetSchema extends DBSchema {
  identities: { key: string; value: IdentityRecord; indexes: { byEmail: string } };
  contacts: { key: string; value: ContactRecord; indexes: { byEmail: string } };
  trustAnchors: { key: string; value: TrustAnchorRecord };
  revocationCache: { key: string; value: RevocationCacheRecord };
  evidence: { key: string; value: EvidenceRecord };
  settings: { key: SettingName; value: SettingsMap[SettingName] };
}

export type SignetDatabase = IDBPDatabase<SignetSchema>;
export type SignetStoreName = StoreNames<SignetSchema>;
type UpgradeTransaction = IDBPTransaction<SignetSchema, SignetStoreName[], 'versionchange'>;

/** v1: the six object stores. */
function createVersion1(database: SignetDatabase): void {
  database.createObjectStore('identities', { keyPath: 'id' });
  database.createObjectStore('contacts', { keyPath: 'id' });
  database.createObjectStore('trustAnchors', { keyPath: 'id' });
  database.createObjectStore('revocationCache', { keyPath: 'url' });
  database.createObjectStore('evidence', { keyPath: 'messageKey' });
  database.createObjectStore('settings');
}

/**
 * v2: look-up by e-mail address (compose picks the identity for the From address, encryption
 * finds a contact's certificate). v1 identity records carried their addresses only inside
 * `summary`; copy them to the indexed top-level field.
 */
async function upgradeToVersion2(transaction: UpgradeTransaction): Promise<void> {
  const identities = transaction.objectStore('identities');
  identities.createIndex('byEmail', 'emailAddresses', { multiEntry: true });
  transaction.objectStore('contacts').createIndex('byEmail', 'emailAddresses', { multiEntry: true });
  for (let cursor = await identities.openCursor(); cursor; cursor = await cursor.continue()) {
    const record = cursor.value;
    if (!Array.isArray(record.emailAddresses)) {
      await cursor.update({ ...record, emailAddresses: record.summary.emailAddresses.map((address) => address.toLowerCase()) });
    }
  }
}

/** Runs every step between the stored version and `newVersion`, in order. */
export async function upgradeSchema(
  database: SignetDatabase,
  oldVersion: number,
  newVersion: number,
  transaction: UpgradeTransaction,
): Promise<void> {
  if (oldVersion < 1 && newVersion >= 1) createVersion1(database);
  if (oldVersion < 2 && newVersion >= 2) await upgradeToVersion2(transaction);
}
