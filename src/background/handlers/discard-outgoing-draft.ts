/** `discardOutgoingDraft`: the compose window closed or the person cancelled; the staged copy is forgotten. */
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import { outgoingDrafts, type OutgoingDrafts } from '../outgoing/outgoing-drafts';
import type { HandlerContext } from '../router';
import { findOwnOutgoingDraft } from './outgoing-draft-access';

export async function handleDiscardOutgoingDraft(
  request: RequestOf<'discardOutgoingDraft'>,
  context: HandlerContext,
  drafts: OutgoingDrafts = outgoingDrafts,
): Promise<ResponseOf<'discardOutgoingDraft'>> {
  const { token } = await findOwnOutgoingDraft(request.token, context, drafts);
  await drafts.forget(token);
  return { discarded: true };
}
