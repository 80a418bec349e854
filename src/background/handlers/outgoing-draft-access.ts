/** Finding a staged outgoing draft for a request: known token, and asked from the tab that staged it. */
import { SignetError } from '../../shared/errors';
import type { OutgoingDrafts, StoredOutgoingDraft } from '../outgoing/outgoing-drafts';
import type { HandlerContext } from '../router';
import { requireString } from './request-fields';

export async function findOwnOutgoingDraft(
  token: unknown,
  context: HandlerContext,
  drafts: OutgoingDrafts,
): Promise<{ token: string; stored: StoredOutgoingDraft }> {
  const checkedToken = requireString(token, 'token', 64);
  const stored = await drafts.find(checkedToken);
  if (!stored) throw new SignetError('bad-request', 'Signet no longer has this draft at hand. Press Send in the compose window again.');
  if (stored.tabId !== undefined && stored.tabId !== context.sender.tabId) {
    throw new SignetError('forbidden-sender', 'This draft belongs to a compose window in another tab.');
  }
  return { token: checkedToken, stored };
}
