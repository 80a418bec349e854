import type { ContactSummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { getContactRecord, listContactRecords, preferredForEncryption } from '../store/contacts';
import { toContactSummary } from './contact-summaries';
import { ID_MAX_LENGTH, requireString } from './request-fields';

/** One harvested certificate, for the trust-sender frame to show what would be trusted. */
export async function handleGetContact(request: RequestOf<'getContact'>, context: HandlerContext): Promise<ContactSummary> {
  const contactId = requireString(request.contactId, 'contactId', ID_MAX_LENGTH);
  const database = await context.database();
  const record = await getContactRecord(database, contactId);
  return toContactSummary(record, preferredForEncryption(await listContactRecords(database), new Date()));
}
