import type { ContactSummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { listContactRecords, preferredForEncryption, setContactTrusted } from '../store/contacts';
import { toContactSummary } from './contact-summaries';
import { notifyTab } from './notify-tab';
import { ID_MAX_LENGTH, requireString } from './request-fields';

/**
 * Trusts a harvested certificate directly (Notes' cross-certify, DESIGN.md security model 4):
 * from now on it counts as trusted whoever issued it. Privileged: only the trust-sender frame (or
 * the management page) asks, after the person read what they trust and clicked. The tab the frame
 * is in re-verifies its messages.
 */
export async function handleTrustSenderCertificate(
  request: RequestOf<'trustSenderCertificate'>,
  context: HandlerContext,
): Promise<ContactSummary> {
  return changeTrust(request.contactId, true, context);
}

export async function handleUntrustSenderCertificate(
  request: RequestOf<'untrustSenderCertificate'>,
  context: HandlerContext,
): Promise<ContactSummary> {
  return changeTrust(request.contactId, false, context);
}

async function changeTrust(contactIdField: unknown, trusted: boolean, context: HandlerContext): Promise<ContactSummary> {
  const contactId = requireString(contactIdField, 'contactId', ID_MAX_LENGTH);
  const database = await context.database();
  const record = await setContactTrusted(database, contactId, trusted);
  await notifyTab(context.sender.tabId, { kind: 'trust-changed', fingerprint: record.id });
  return toContactSummary(record, preferredForEncryption(await listContactRecords(database), new Date()));
}
