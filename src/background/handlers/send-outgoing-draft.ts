/**
 * `sendOutgoingDraft` (issue 6 items 3-5): privileged, so only Signet's send-confirmation frame can
 * ask, after a trusted click there (DESIGN.md security model 2): a webmail page, even with an XSS,
 * can't make Signet sign or send. The draft is built, signed and/or encrypted, sent through the
 * provider's API, fetched back and checked. Any failure leaves the staged draft (and the compose
 * window, which closes only after a successful send) as it was, and says what happened.
 *
 * A second call for the same draft is refused, except to resend with an opaque signature after the
 * self-check found the detached one altered.
 */
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import type { EncryptionRecipient } from '../../crypto/message/encrypt-message';
import { SignetError, serializeError } from '../../shared/errors';
import type { RequestOf, SentDraft, SendProgress } from '../../shared/protocol';
import { buildOutgoingMessages } from '../outgoing/build-outgoing-message';
import { readComposeSettings } from '../outgoing/compose-settings';
import { outgoingDrafts, type OutgoingDrafts, type StoredOutgoingDraft } from '../outgoing/outgoing-drafts';
import { planOutgoingDraft, providerNameFor } from '../outgoing/plan-outgoing-draft';
import { describeMissingCertificate } from '../outgoing/recipient-certificates';
import { checkSentCopy } from '../outgoing/self-check';
import type { HandlerContext } from '../router';
import { gmailOAuth } from '../transports/chrome-identity-launcher';
import { chooseTransport } from '../transports/choose-transport';
import type { MailTransport, ThreadingHeaders } from '../transports/mail-transport';
import { findOwnOutgoingDraft } from './outgoing-draft-access';
import { requireOneOf } from './request-fields';

export interface SendDependencies {
  drafts: OutgoingDrafts;
  transportFor: (stored: StoredOutgoingDraft, gmailOAuthClientId: string) => MailTransport;
}

const DEFAULT_DEPENDENCIES: SendDependencies = {
  drafts: outgoingDrafts,
  transportFor: (stored, gmailOAuthClientId) =>
    chooseTransport({ pageUrl: stored.pageUrl, account: stored.draft.from, gmailOAuthClientId, oauth: gmailOAuth }),
};

export async function handleSendOutgoingDraft(
  request: RequestOf<'sendOutgoingDraft'>,
  context: HandlerContext,
  dependencies: SendDependencies = DEFAULT_DEPENDENCIES,
): Promise<SentDraft> {
  const { drafts } = dependencies;
  const form = request.form === undefined ? 'detached' : requireOneOf(request.form, 'form', ['detached', 'opaque'] as const);
  const { token, stored } = await findOwnOutgoingDraft(request.token, context, drafts);
  checkNotSentAlready(stored, form);
  const report = (progress: SendProgress): void => drafts.reportProgress(token, progress);
  try {
    const sent = await sendDraft(stored, form, context, dependencies, report);
    await drafts.markSent(token, sent);
    report({ step: 'done', fraction: 1, description: sent.selfCheck.description });
    return sent;
  } catch (error) {
    report({ step: 'failed', fraction: 0, description: `${serializeError(error).message} Your draft is unchanged.` });
    throw error;
  }
}

function checkNotSentAlready(stored: StoredOutgoingDraft, form: 'detached' | 'opaque'): void {
  if (!stored.sent) return;
  const mayResendOpaque = stored.sign && stored.sent.form === 'detached' && stored.sent.selfCheck.outcome === 'altered' && form === 'opaque';
  if (!mayResendOpaque) throw new SignetError('bad-request', 'This message was sent already.');
}

async function sendDraft(
  stored: StoredOutgoingDraft,
  form: 'detached' | 'opaque',
  context: HandlerContext,
  { transportFor }: SendDependencies,
  report: (progress: SendProgress) => void,
): Promise<SentDraft> {
  const database = await context.database();
  report({ step: 'building', fraction: 0.05, description: 'Checking the sender’s digital ID and the recipients’ certificates…' });
  const plan = await planOutgoingDraft(database, stored, providerNameFor(stored.pageUrl));
  const { identity } = plan;
  if ((stored.sign || stored.encrypt) && !identity) {
    throw new SignetError('identity-not-found', `Signet has no digital ID for ${stored.draft.from}. Import one on the management page.`);
  }
  if (stored.encrypt && plan.missingCertificates.length > 0) {
    throw new SignetError(
      'recipient-certificate-unusable',
      `Not sent: Signet can't encrypt to everyone. ${plan.missingCertificates.map(describeMissingCertificate).join(' ')}`,
    );
  }
  const settings = await readComposeSettings(database);
  const transport = transportFor(stored, settings.gmailOAuthClientId);

  let threading: ThreadingHeaders | undefined;
  if (stored.draft.repliedMessageId) {
    report({ step: 'building', fraction: 0.1, description: 'Reading the message you reply to (for threading)…' });
    threading = await transport.fetchThreadingHeaders(stored.draft.repliedMessageId);
  }

  report({ step: 'building', fraction: 0.15, description: 'Building the message…' });
  const encryptionRecipients = new Map<string, EncryptionRecipient>(
    plan.recipients.flatMap((choice) => (choice.certificate ? [[choice.answer.address, { certificate: choice.certificate, capabilities: choice.capabilities }]] : [])),
  );
  const messages = await buildOutgoingMessages({
    draft: stored.draft,
    sign: stored.sign,
    encrypt: stored.encrypt,
    form,
    signer: identity && { key: createPrivateKeyHandle(identity.keys), certificates: identity.certificates },
    encryptionRecipients,
    threading,
    onStep: (step) =>
      report(
        step === 'signing'
          ? { step, fraction: 0.25, description: 'Signing with your digital ID…' }
          : { step, fraction: 0.45, description: 'Encrypting for every recipient and you…' },
      ),
  });

  const total = 1 + messages.separateCopies.length;
  report({ step: 'sending', fraction: 0.6, description: `Sending through ${providerNameFor(stored.pageUrl)}…` });
  const sent = await transport.sendMessage(messages.main, {
    threadId: stored.draft.threadId,
    onProgress: (fraction) => report({ step: 'sending', fraction: 0.6 + (0.2 * fraction) / total, description: 'Sending…' }),
  });
  for (const [index, copy] of messages.separateCopies.entries()) {
    report({ step: 'sending', fraction: 0.6 + (0.2 * (index + 1)) / total, description: `Sending the separate copy for ${copy.address}…` });
    await transport.sendMessage(copy.raw, { threadId: stored.draft.threadId });
  }

  report({ step: 'checking', fraction: 0.85, description: 'Fetching the sent copy back to check it…' });
  let selfCheck: SentDraft['selfCheck'];
  try {
    selfCheck = await checkSentCopy(await transport.fetchRawMessage(sent.id), { signed: stored.sign, encrypted: stored.encrypt }, identity, database);
  } catch (error) {
    selfCheck = { outcome: 'not-checked', description: `The message was sent, but its sent copy could not be checked: ${serializeError(error).message}` };
  }
  return { messageId: sent.id, threadId: sent.threadId, form, selfCheck, separateCopies: messages.separateCopies.length };
}
