/**
 * `stageOutgoingDraft` (issue 6 item 3): a content script cancelled the webmail's Send of a draft
 * with Sign or Encrypt on and hands the compose fields over. Nothing is signed or sent here: the
 * draft waits for the person's click in Signet's send-confirmation frame. When encrypting, the
 * recipients without a usable certificate come back at once, so the compose window can show the
 * list before anything else happens (nothing is sent unencrypted by surprise).
 *
 * With a `secureComposeToken`, the body is the one typed in Signet's secure-compose frame
 * (DESIGN.md security model 3), taken from the background's own copy, never from the page: the
 * page's editor is empty then, and whatever it holds is ignored. That text is sent only encrypted.
 */
import type { OutgoingDraft, RequestOf, ResponseOf } from '../../shared/protocol';
import { outgoingDrafts, type OutgoingDrafts } from '../outgoing/outgoing-drafts';
import { planOutgoingDraft, providerNameFor } from '../outgoing/plan-outgoing-draft';
import { readOutgoingDraft } from '../outgoing/read-outgoing-draft';
import { secureComposeBodies, type SecureComposeBodies } from '../outgoing/secure-compose-bodies';
import type { HandlerContext } from '../router';
import { SignetError } from '../../shared/errors';
import { findOwnSecureCompose } from './secure-compose';

export async function handleStageOutgoingDraft(
  request: RequestOf<'stageOutgoingDraft'>,
  context: HandlerContext,
  drafts: OutgoingDrafts = outgoingDrafts,
  bodies: SecureComposeBodies = secureComposeBodies,
): Promise<ResponseOf<'stageOutgoingDraft'>> {
  let draft = readOutgoingDraft(request.draft);
  if (typeof request.sign !== 'boolean' || typeof request.encrypt !== 'boolean') {
    throw new SignetError('bad-request', 'The request must say whether to sign and whether to encrypt.');
  }
  if (request.secureComposeToken !== undefined) {
    if (!request.encrypt) throw new SignetError('bad-request', 'The text typed in Signet’s secure editor is sent only encrypted.');
    draft = await withSecureBody(draft, request.secureComposeToken, context, bodies);
  }
  const stored = { draft, sign: request.sign, encrypt: request.encrypt, tabId: context.sender.tabId, pageUrl: context.sender.url };
  const plan = await planOutgoingDraft(await context.database(), { ...stored, stagedAt: 0 }, providerNameFor(stored.pageUrl));
  const token = await drafts.stage(stored);
  return { token, missingCertificates: plan.missingCertificates };
}

/** The draft with the secure editor's text as its only body (plain text: the editor is plain text). */
async function withSecureBody(draft: OutgoingDraft, token: unknown, context: HandlerContext, bodies: SecureComposeBodies): Promise<OutgoingDraft> {
  const { stored } = await findOwnSecureCompose(token, context, bodies);
  return { ...draft, text: stored.text, html: undefined };
}
