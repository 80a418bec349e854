/**
 * `getOutgoingDraft` (issue 6 item 3): what the send-confirmation frame shows (From, recipients,
 * subject, what will be done) and, while sending, the progress. Privileged: the draft's text stays
 * between the compose window that gave it and Signet's frame.
 */
import type { OutgoingDraftSummary, RequestOf } from '../../shared/protocol';
import { outgoingDrafts, type OutgoingDrafts } from '../outgoing/outgoing-drafts';
import { planOutgoingDraft, providerNameFor, summarizeOutgoingDraft } from '../outgoing/plan-outgoing-draft';
import type { HandlerContext } from '../router';
import { findOwnOutgoingDraft } from './outgoing-draft-access';

export async function handleGetOutgoingDraft(
  request: RequestOf<'getOutgoingDraft'>,
  context: HandlerContext,
  drafts: OutgoingDrafts = outgoingDrafts,
): Promise<OutgoingDraftSummary> {
  const { token, stored } = await findOwnOutgoingDraft(request.token, context, drafts);
  const plan = await planOutgoingDraft(await context.database(), stored, providerNameFor(stored.pageUrl));
  return summarizeOutgoingDraft(stored, plan, drafts.progressOf(token));
}
