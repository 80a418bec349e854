/**
 * Signet in one compose window (issue 6 items 1-3 and 5): the Sign and Encrypt toggles beside
 * Send, each recipient's certificate state as addresses are typed, and the interception of Send.
 *
 * With Sign or Encrypt on, the webmail's own send is cancelled in the capture phase (click on
 * Send, Enter/Space on it, Ctrl/Meta+Enter anywhere in the window: InboxSDK's presending stream,
 * GMAIL-NOTES.md §3); a person's Send (a trusted event) then hands the fields to the background and
 * opens the send-confirmation frame. Nothing is signed or sent from here: the background does that
 * only on the frame's request. Events a page script makes (isTrusted false) are cancelled too, and
 * start nothing. The compose window is closed only after the background reports it sent; any
 * failure leaves the draft as it was.
 *
 * A person turning Encrypt on puts Signet's secure editor in place of the webmail's body editor
 * (DESIGN.md security model 3; `compose-secure-editor.ts`): the body then goes from that frame to
 * the background only, and the send uses it instead of the page's.
 */
import { encodeBase64 } from '../../crypto/encoding/base64';
import { isSignetError } from '../../shared/errors';
import type { ComposeIdentity, OutgoingDraft, RecipientCertificateAnswer } from '../../shared/protocol';
import type { ComposeView } from '../adapters/adapter';
import { createSendConfirmationFrame, listenToSendConfirmation } from './compose-confirmation-frame';
import { createComposeStatus } from './compose-status';
import { createComposeToggle } from './compose-toggle';
import { attachSecureEditor, type SecureEditor } from './compose-secure-editor';
import type { ComposeWindowAdapter } from './compose-window-adapter';
import type { FeatureContext } from './feature';

/** Wait this long after typing stops before looking certificates up. */
const LOOK_UP_DELAY_MILLISECONDS = 300;

export function attachToComposeWindow(view: ComposeView, compose: ComposeWindowAdapter, context: FeatureContext, pageSignal: AbortSignal): void {
  const document = view.element.ownerDocument;
  const signal = view.signal;
  let identity: ComposeIdentity | undefined;
  let identityFor: string | undefined;
  let userChoseSign = false;
  let userChoseEncrypt = false;
  let recipientsKey = '';
  let answers: RecipientCertificateAnswer[] = [];
  let lookUpTimer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let secureEditor: SecureEditor | undefined;

  const status = createComposeStatus(document);
  const sign = createComposeToggle(document, {
    action: 'sign',
    label: 'Sign',
    onUserChange: () => {
      userChoseSign = true;
    },
    onUnavailablePress: () => status.showState('idle', sign.host.title),
    signal,
  });
  const encrypt = createComposeToggle(document, {
    action: 'encrypt',
    label: 'Encrypt',
    onUserChange: (pressed) => {
      userChoseEncrypt = true;
      if (pressed && !secureEditor) {
        secureEditor = attachSecureEditor(view, compose, context, {
          onHandedBack: () => {
            secureEditor = undefined;
            encrypt.setPressed(false);
            status.showRecipients(answers, false);
          },
          onFailed: (message) => {
            secureEditor = undefined;
            status.showState('failed', message);
          },
        });
      } else if (!pressed && secureEditor) {
        // Off only once the person confirmed in Signet's frame (the text then goes back to the page).
        encrypt.setPressed(true);
        secureEditor.askToHandBack();
      }
      status.showRecipients(answers, encrypt.pressed);
    },
    onUnavailablePress: () => status.showState('idle', encrypt.host.title),
    signal,
  });
  const toolbar = document.createElement('td');
  toolbar.className = 'gU';
  toolbar.setAttribute('data-signet-compose-toolbar', '');
  toolbar.append(sign.host, encrypt.host, status.host);
  // Unavailable until the background said which digital ID the From address has.
  sign.setAvailable(false, 'Signet is looking up your digital ID…');
  encrypt.setAvailable(false, 'Signet is looking up your digital ID…');
  signal.addEventListener('abort', () => toolbar.remove(), { once: true });

  const placeToolbar = (): void => {
    if (!toolbar.isConnected) compose.placeToolbar(view, toolbar);
  };

  const refreshIdentity = async (): Promise<void> => {
    const from = compose.readFrom(view).toLowerCase();
    if (from === identityFor) return;
    identityFor = from;
    try {
      identity = from ? await context.sendRequest('getComposeIdentity', { fromAddress: from }) : undefined;
    } catch (error) {
      identityFor = undefined; // ask again on the next change
      throw error;
    }
    const usable = identity?.identityId !== undefined;
    const reason = usable ? '' : `Signet has no digital ID for ${from || 'this sender'}: import one on the Signet management page.`;
    sign.setAvailable(usable, reason);
    encrypt.setAvailable(usable, reason);
    status.showIdentity(usable ? `Signet: as ${identity?.subject ?? from}` : reason);
    if (usable && !userChoseSign) sign.setPressed(identity?.alwaysSign ?? false);
  };

  const refreshRecipients = async (): Promise<void> => {
    const { to, cc, bcc } = compose.readRecipients(view);
    const addresses = [...to, ...cc, ...bcc].map(bareAddress).filter((address) => address.includes('@'));
    const key = addresses.join(',');
    if (key === recipientsKey) return;
    recipientsKey = key;
    answers = addresses.length > 0 ? await context.sendRequest('lookUpRecipientCertificates', { addresses }) : [];
    if (key !== recipientsKey) return; // typed on meanwhile: a newer look-up will answer
    if (identity?.encryptWhenPossible && identity.identityId && !userChoseEncrypt) {
      encrypt.setPressed(answers.length > 0 && answers.every((answer) => answer.state === 'usable'));
    }
    status.showRecipients(answers, encrypt.pressed);
  };

  const refresh = (): void => {
    placeToolbar();
    if (lookUpTimer !== undefined) clearTimeout(lookUpTimer);
    lookUpTimer = setTimeout(() => {
      lookUpTimer = undefined;
      void refreshIdentity()
        .then(refreshRecipients)
        .catch((error: unknown) => status.showState('failed', describe(error)));
    }, LOOK_UP_DELAY_MILLISECONDS);
  };
  signal.addEventListener('abort', () => lookUpTimer !== undefined && clearTimeout(lookUpTimer), { once: true });

  const startSecureSend = async (): Promise<void> => {
    if (sending) return;
    sending = true;
    let handedOver = false;
    try {
      status.showState('checking', 'Signet is preparing the message…');
      identityFor = undefined;
      await refreshIdentity();
      const draft = await readDraft(view, compose);
      const secureComposeToken = secureEditor ? await secureEditor.ready : undefined;
      // The secure editor's text is sent only encrypted, whatever became of the toggle meanwhile.
      const encrypting = encrypt.pressed || secureComposeToken !== undefined;
      const staged = await context.sendRequest('stageOutgoingDraft', { draft, sign: sign.pressed, encrypt: encrypting, secureComposeToken });
      if (encrypting && staged.missingCertificates.length > 0) {
        await context.sendRequest('discardOutgoingDraft', { token: staged.token }).catch(() => undefined);
        status.showState(
          'blocked',
          'Not sent: Signet can’t encrypt to everyone. Nothing was sent; your draft is unchanged. Recipients without a usable certificate:',
          staged.missingCertificates,
        );
        return;
      }
      openConfirmation(staged.token);
      handedOver = true;
    } catch (error) {
      status.showState('failed', `Not sent: ${describe(error)} Your draft is unchanged.`);
    } finally {
      if (!handedOver) sending = false;
    }
  };

  const openConfirmation = (token: string): void => {
    const frame = createSendConfirmationFrame(document, context.extensionUrl, token);
    const frameLife = new AbortController();
    let sent = false;
    const closeFrame = (): void => {
      frameLife.abort();
      frame.remove();
      sending = false;
      if (!sent) {
        void context.sendRequest('discardOutgoingDraft', { token }).catch(() => undefined);
        if (!signal.aborted) status.showState('idle', 'Not sent. Your draft is unchanged.');
      }
    };
    listenToSendConfirmation(
      frame,
      new URL(context.extensionUrl('')).origin,
      (message) => {
        if (message.kind === 'close') {
          closeFrame();
          return;
        }
        sent = true;
        status.showState('sent', 'Sent by Signet.');
        compose.discard(view);
      },
      frameLife.signal,
    );
    // The compose window closed without a send: nothing left to confirm.
    signal.addEventListener('abort', () => !sent && closeFrame(), { signal: frameLife.signal });
    pageSignal.addEventListener('abort', closeFrame, { signal: frameLife.signal });
    document.body.append(frame);
    status.showState('confirming', 'Confirm in Signet’s window to send.');
  };

  /** The webmail's Send, in the capture phase: cancelled whenever Signet is to sign or encrypt. */
  const interceptSend = (event: Event): void => {
    if (!sign.pressed && !encrypt.pressed && !secureEditor) return;
    const isKey = event instanceof KeyboardEvent;
    const onSendButton = compose.isSendButton(view, event.target);
    const isSend = isKey
      ? (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) || (onSendButton && (event.key === 'Enter' || event.key === ' '))
      : onSendButton;
    if (!isSend) return;
    event.preventDefault();
    event.stopPropagation();
    event.stopImmediatePropagation();
    if (event.isTrusted && (isKey || event.type === 'click')) void startSecureSend();
  };
  for (const type of ['click', 'mousedown', 'mouseup', 'keydown']) {
    view.element.addEventListener(type, interceptSend, { capture: true, signal });
  }
  for (const type of ['input', 'change', 'focusout']) {
    view.element.addEventListener(type, refresh, { capture: true, signal });
  }
  const observer = new MutationObserver(refresh);
  observer.observe(view.element, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  refresh();
}

async function readDraft(view: ComposeView, compose: ComposeWindowAdapter): Promise<OutgoingDraft> {
  const fields = compose.readFields(view);
  const attachments: OutgoingDraft['attachments'] = [];
  for (const reference of fields.attachments) {
    const { bytes, mediaType } = await compose.fetchAttachment(reference);
    attachments.push({ fileName: reference.fileName, mediaType, contentBase64: encodeBase64(bytes) });
  }
  return {
    from: fields.from,
    to: fields.to,
    cc: fields.cc,
    bcc: fields.bcc,
    subject: fields.subject,
    text: fields.text,
    html: fields.html.trim() === '' ? undefined : fields.html,
    attachments,
    repliedMessageId: fields.repliedMessageId,
    threadId: fields.threadId,
  };
}

/** "Ellie May <ellie@x>" -> "ellie@x", lower-cased, for look-ups only. */
function bareAddress(text: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(text);
  return (angle ? angle[1] : text).trim().toLowerCase();
}

function describe(error: unknown): string {
  if (isSignetError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
