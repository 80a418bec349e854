/**
 * Contacts: certificates harvested from signed mail (Notes' "Add sender to address book", DESIGN.md
 * security model 4), so the person can encrypt to correspondents later and trust one directly.
 * One record per certificate: a newer certificate for an address becomes the one to encrypt to,
 * and the older stays (old mail still verifies against it, and it is evidence).
 */
import { decodeBase64 } from '../../crypto/encoding/base64';
import type { SignerReport, Verdict, VerificationStatus } from '../../crypto/verdict';
import { SignetError } from '../../shared/errors';
import type { ContactRecord, SignetDatabase } from './schema';
import { writeAtomically } from './write-atomically';

/**
 * Statuses whose signature itself verified (the certificate signed exactly this message), so the
 * certificate really belongs to whoever holds its key. `expired` and `revoked` certificates are
 * not harvested: nobody should encrypt to them.
 */
const HARVESTED_STATUSES: ReadonlySet<VerificationStatus> = new Set(['valid', 'weak', 'untrusted', 'mismatch']);

/**
 * Statuses that say the certificate itself is trusted (it chains to an anchor the person imported):
 * `mismatch` too, since only the From address differed. An `untrusted` certificate is kept (it can
 * be trusted later) but never chosen for encryption: anyone can make a self-signed certificate
 * carrying jethro@jedco.example, and a page can hand Signet mail signed with it.
 */
const TRUSTED_CERTIFICATE_STATUSES: ReadonlySet<VerificationStatus> = new Set(['valid', 'weak', 'mismatch']);

/**
 * Content scripts may ask for verification, so a hostile page could feed Signet endless mail
 * signed with throw-away certificates: past this many contacts, untrusted ones are not added.
 */
export const MAXIMUM_CONTACTS_BEFORE_UNTRUSTED_ARE_REFUSED = 5000;

/** Stores (or refreshes) the certificate of every signer whose signature verified. */
export async function harvestSignerCertificates(database: SignetDatabase, verdict: Verdict, seenAt: string): Promise<void> {
  const harvest = verdict.signers.flatMap((signer) => toCandidate(signer));
  if (harvest.length === 0) return;
  await writeAtomically(database, ['contacts'], async (transaction) => {
    const store = transaction.objectStore('contacts');
    const crowded = (await store.count()) >= MAXIMUM_CONTACTS_BEFORE_UNTRUSTED_ARE_REFUSED;
    for (const candidate of harvest) {
      const existing = await store.get(candidate.id);
      if (!existing && crowded && !TRUSTED_CERTIFICATE_STATUSES.has(candidate.status)) continue;
      await store.put(
        existing
          ? {
              ...existing,
              capabilities: candidate.capabilities.length > 0 ? candidate.capabilities : existing.capabilities,
              lastSeen: seenAt,
              lastStatus: candidate.status,
            }
          : {
              id: candidate.id,
              emailAddresses: candidate.emailAddresses,
              certificate: candidate.certificate,
              summary: candidate.summary,
              capabilities: candidate.capabilities,
              explicitlyTrusted: false,
              firstSeen: seenAt,
              lastSeen: seenAt,
              lastStatus: candidate.status,
            },
      );
    }
  });
}

interface HarvestCandidate {
  id: string;
  emailAddresses: string[];
  certificate: Uint8Array;
  summary: NonNullable<SignerReport['certificate']>;
  capabilities: string[];
  status: VerificationStatus;
}

function toCandidate(signer: SignerReport): HarvestCandidate[] {
  const summary = signer.certificate;
  if (!HARVESTED_STATUSES.has(signer.status) || !summary || !signer.certificateDerBase64) return [];
  if (summary.emailAddresses.length === 0) return [];
  return [
    {
      id: summary.fingerprintSha256,
      emailAddresses: summary.emailAddresses.map((address) => address.toLowerCase()),
      certificate: decodeBase64(signer.certificateDerBase64),
      summary,
      capabilities: signer.capabilities,
      status: signer.status,
    },
  ];
}

export async function listContactRecords(database: SignetDatabase): Promise<ContactRecord[]> {
  const records = await database.getAll('contacts');
  return records.sort(
    (left, right) =>
      (left.emailAddresses[0] ?? '').localeCompare(right.emailAddresses[0] ?? '') ||
      Date.parse(right.summary.notBefore) - Date.parse(left.summary.notBefore),
  );
}

export async function getContactRecord(database: SignetDatabase, contactId: string): Promise<ContactRecord> {
  const record = await database.get('contacts', contactId);
  if (!record) throw new SignetError('contact-not-found', 'Signet has no certificate with that fingerprint among its contacts.');
  return record;
}

/** Trusts (or stops trusting) one harvested certificate directly, whatever its issuer. */
export async function setContactTrusted(database: SignetDatabase, contactId: string, trusted: boolean): Promise<ContactRecord> {
  return writeAtomically(database, ['contacts'], async (transaction) => {
    const store = transaction.objectStore('contacts');
    const record = await store.get(contactId);
    if (!record) throw new SignetError('contact-not-found', 'Signet has no certificate with that fingerprint among its contacts.');
    const updated = { ...record, explicitlyTrusted: trusted };
    await store.put(updated);
    return updated;
  });
}

/** Whether Signet may encrypt to this certificate: trusted through an anchor, or directly by the person. */
export function isTrustedForEncryption(record: ContactRecord): boolean {
  return record.explicitlyTrusted || (record.lastStatus !== undefined && TRUSTED_CERTIFICATE_STATUSES.has(record.lastStatus));
}

/**
 * For each address, the certificate to encrypt to: the one issued last (latest notBefore) among
 * the trusted ones not expired at `now`. Returns the ids of those certificates.
 */
export function preferredForEncryption(records: readonly ContactRecord[], now: Date): Set<string> {
  const newestByAddress = new Map<string, ContactRecord>();
  for (const record of records) {
    if (!isTrustedForEncryption(record) || Date.parse(record.summary.notAfter) < now.getTime()) continue;
    for (const address of record.emailAddresses) {
      const current = newestByAddress.get(address);
      if (!current || Date.parse(record.summary.notBefore) > Date.parse(current.summary.notBefore)) {
        newestByAddress.set(address, record);
      }
    }
  }
  return new Set([...newestByAddress.values()].map((record) => record.id));
}

/** The certificates verification may use: every contact (for mail sent without certificates) and the directly trusted ones. */
export function contactCertificates(records: readonly ContactRecord[]): { known: Uint8Array[]; explicitlyTrusted: Uint8Array[] } {
  return {
    known: records.map((record) => record.certificate),
    explicitlyTrusted: records.filter((record) => record.explicitlyTrusted).map((record) => record.certificate),
  };
}
