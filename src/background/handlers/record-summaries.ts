import type { IdentitySummary, TrustAnchorSummary } from '../../shared/protocol';
import type { IdentityRecord, TrustAnchorRecord } from '../store/schema';

/** What pages may see of a stored identity: everything but the keys. */
export function toIdentitySummary(record: IdentityRecord, defaultIdentityId: string | undefined): IdentitySummary {
  return {
    id: record.id,
    friendlyName: record.friendlyName,
    certificate: record.summary,
    keyType: record.keyType,
    keySizeBits: record.keySizeBits,
    namedCurve: record.namedCurve,
    certificateCount: record.certificates.length,
    isDefault: record.id === defaultIdentityId,
    importedAt: record.importedAt,
  };
}

export function toTrustAnchorSummary(record: TrustAnchorRecord): TrustAnchorSummary {
  return { id: record.id, certificate: record.summary, importedAt: record.importedAt };
}
