/** Contact records as the pages see them (certificates as summaries, never raw stores). */
import type { ContactSummary } from '../../shared/protocol';
import type { ContactRecord } from '../store/schema';

export function toContactSummary(record: ContactRecord, preferred: ReadonlySet<string>): ContactSummary {
  return {
    id: record.id,
    emailAddresses: record.emailAddresses,
    certificate: record.summary,
    capabilities: record.capabilities,
    explicitlyTrusted: record.explicitlyTrusted,
    lastStatus: record.lastStatus,
    preferredForEncryption: preferred.has(record.id),
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
  };
}
