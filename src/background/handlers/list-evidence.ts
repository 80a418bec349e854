import type { EvidenceSummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { listEvidenceRecords } from '../store/evidence';
import type { EvidenceRecord } from '../store/schema';

/** Every kept verdict, newest first, for the management page's evidence section. */
export async function handleListEvidence(_request: RequestOf<'listEvidence'>, context: HandlerContext): Promise<EvidenceSummary[]> {
  const records = await listEvidenceRecords(await context.database());
  return records.map(toEvidenceSummary);
}

export function toEvidenceSummary(record: EvidenceRecord): EvidenceSummary {
  const signer = record.verdict.signers.find((report) => report.status === record.verdict.status) ?? record.verdict.signers[0];
  const addresses = signer?.certificate?.emailAddresses ?? [];
  return {
    messageKey: record.messageKey,
    messageId: record.messageId,
    status: record.verdict.status,
    signerAddress: addresses.find((address) => address === record.verdict.fromAddress) ?? addresses[0],
    subject: record.verdict.protectedHeaders?.Subject ?? readSubject(record.rawMessage),
    fromAddress: record.verdict.fromAddress,
    recordedAt: record.recordedAt,
    verificationCount: record.verifications?.length ?? 1,
  };
}

/** The outer Subject, undecoded, for telling kept messages apart in the list (bounded read). */
function readSubject(raw: Uint8Array | undefined): string | undefined {
  if (!raw) return undefined;
  const head = new TextDecoder('latin1').decode(raw.subarray(0, 64 * 1024));
  const headerEnd = head.search(/\r?\n\r?\n/);
  const header = headerEnd < 0 ? head : head.slice(0, headerEnd);
  const match = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(header);
  return match?.[1]?.replace(/\r?\n[ \t]/g, ' ').slice(0, 300);
}
