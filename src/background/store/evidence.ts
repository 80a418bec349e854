/**
 * Evidence for non-repudiation (issue 5 item 6): each verification of a signed message is kept
 * with the message exactly as received, so the person can show later what was signed by whom and
 * what Signet concluded then (status, signer certificate, chain, revocation answers).
 * One record per distinct message (keyed by the SHA-256 of its bytes); each verification appends.
 */
import { encodeBase64 } from '../../crypto/encoding/base64';
import { encodeHex } from '../../crypto/encoding/hex';
import type { Verdict } from '../../crypto/verdict';
import { SignetError } from '../../shared/errors';
import type { EvidenceRecord, SignetDatabase } from './schema';
import { writeAtomically } from './write-atomically';

/** Older verifications beyond this are dropped (the first and the latest are what matter). */
export const MAXIMUM_VERIFICATIONS_KEPT = 50;

export async function messageKeyOf(raw: Uint8Array): Promise<string> {
  return encodeHex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw as Uint8Array<ArrayBuffer>)));
}

/** Unsigned mail proves nothing about anyone: only messages with a signature are kept. */
export function isWorthKeeping(verdict: Verdict): boolean {
  return verdict.status !== 'unsigned';
}

/**
 * Content scripts may ask for verification, so a hostile page could feed Signet endless signed
 * junk: once this many messages are kept, new ones are kept only when signed by a certificate
 * Signet trusts (valid, weak, or mismatch: the evidence that matters is about real signers).
 */
export const MAXIMUM_EVIDENCE_BEFORE_UNTRUSTED_ARE_REFUSED = 2000;
const TRUSTED_SIGNER_STATUSES: ReadonlySet<Verdict['status']> = new Set(['valid', 'weak', 'mismatch']);

export async function recordEvidence(
  database: SignetDatabase,
  entry: { raw: Uint8Array; messageId?: string; verdict: Verdict; verifiedAt: string },
): Promise<void> {
  if (!isWorthKeeping(entry.verdict)) return;
  const messageKey = await messageKeyOf(entry.raw);
  const verification = { verifiedAt: entry.verifiedAt, status: entry.verdict.status, revocation: entry.verdict.revocation };
  await writeAtomically(database, ['evidence'], async (transaction) => {
    const store = transaction.objectStore('evidence');
    const existing = await store.get(messageKey);
    if (!existing && !TRUSTED_SIGNER_STATUSES.has(entry.verdict.status)) {
      if ((await store.count()) >= MAXIMUM_EVIDENCE_BEFORE_UNTRUSTED_ARE_REFUSED) return;
    }
    const earlier = existing?.verifications ?? [];
    const verifications = [...earlier, verification];
    if (verifications.length > MAXIMUM_VERIFICATIONS_KEPT) verifications.splice(1, verifications.length - MAXIMUM_VERIFICATIONS_KEPT);
    await store.put({
      messageKey,
      verdict: entry.verdict,
      recordedAt: entry.verifiedAt,
      messageId: entry.messageId ?? existing?.messageId,
      rawMessage: entry.raw,
      verifications,
    });
  });
}

export async function listEvidenceRecords(database: SignetDatabase): Promise<EvidenceRecord[]> {
  const records = await database.getAll('evidence');
  return records.sort((left, right) => right.recordedAt.localeCompare(left.recordedAt));
}

export async function getEvidenceRecord(database: SignetDatabase, messageKey: string): Promise<EvidenceRecord> {
  const record = await database.get('evidence', messageKey);
  if (!record) throw new SignetError('bad-request', 'Signet kept no evidence for that message.');
  return record;
}

/** The exported document: self-contained, readable without Signet (the raw message as base64). */
export interface EvidenceDocument {
  format: 'signet-evidence/1';
  messageKey: string;
  messageId?: string;
  exportedAt: string;
  latestVerdict: Verdict;
  verifications: NonNullable<EvidenceRecord['verifications']>;
  rawMessageBase64?: string;
}

export function buildEvidenceDocument(record: EvidenceRecord, exportedAt: string): EvidenceDocument {
  return {
    format: 'signet-evidence/1',
    messageKey: record.messageKey,
    messageId: record.messageId,
    exportedAt,
    latestVerdict: record.verdict,
    verifications: record.verifications ?? [{ verifiedAt: record.recordedAt, status: record.verdict.status, revocation: record.verdict.revocation }],
    rawMessageBase64: record.rawMessage ? encodeBase64(record.rawMessage) : undefined,
  };
}
