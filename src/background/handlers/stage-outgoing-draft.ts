/**
 * `stageOutgoingDraft` (issue 6 item 3): a content script cancelled the webmail's Send of a draft
 * with Sign or Encrypt on and hands the compose fields over. Nothing is signed or sent here: the
 * draft waits for the person's click in Signet's send-confirmation frame. When encrypting, the
 * recipients without a usable certificate come back at once, so the compose window can show the
 * list before anything else happens (nothing is sent unencrypted by surprise).
 */
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import { outgoingDrafts, type OutgoingDrafts } from '../outgoing/outgoing-drafts';
import { planOutgoingDraft, providerNameFor } from '../outgoing/plan-outgoing-draft';
import { readOutgoingDraft } from '../outgoing/read-outgoing-draft';
import type { HandlerContext } from '../router';
import { SignetError } from '../../shared/errors';

export async function handleStageOutgoingDraft(
  request: RequestOf<'stageOutgoingDraft'>,
  context: HandlerContext,
  drafts: OutgoingDrafts = outgoingDrafts,
): Promise<ResponseOf<'stageOutgoingDraft'>> {
  const draft = readOutgoingDraft(request.draft);
  if (typeof request.sign !== 'boolean' || typeof request.encrypt !== 'boolean') {
    throw new SignetError('bad-request', 'The request must say whether to sign and whether to encrypt.');
  }
  const stored = { draft, sign: request.sign, encrypt: request.encrypt, tabId: context.sender.tabId, pageUrl: context.sender.url };
  const plan = await planOutgoingDraft(await context.database(), { ...stored, stagedAt: 0 }, providerNameFor(stored.pageUrl));
  const token = await drafts.stage(stored);
  return { token, missingCertificates: plan.missingCertificates };
}
