import type { ContactSummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { listContactRecords, preferredForEncryption } from '../store/contacts';
import { toContactSummary } from './contact-summaries';

/** Every harvested certificate, for the management page's contacts section. */
export async function handleListContacts(_request: RequestOf<'listContacts'>, context: HandlerContext): Promise<ContactSummary[]> {
  const records = await listContactRecords(await context.database());
  const preferred = preferredForEncryption(records, new Date());
  return records.map((record) => toContactSummary(record, preferred));
}
