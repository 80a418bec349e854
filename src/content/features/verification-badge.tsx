/** @jsxImportSource preact */
/**
 * Verification badge (issue 5 item 3): for every opened message, the raw source goes to the
 * background (`verifyMessage`; no cryptography in the page) and the verdict is shown beside the
 * sender. Encrypted messages wait for the verdict of what's inside, which arrives once the person
 * decrypts them in Signet's frame. An `untrusted` signer can be trusted from the details panel.
 */
import { render } from 'preact';
import { describeProblem } from '../../crypto/problem-descriptions';
import type { SignerReport } from '../../crypto/verdict';
import { serializeError } from '../../shared/errors';
import { BadgeHost } from '../badge/badge-host';
import { badgeHooks } from '../badge/badge-hooks';
import { BadgeView, type BadgeState } from '../badge/badge-view';
import type { OpenedMessage } from '../message/opened-message';
import { openTrustSenderFrame } from '../frames/open-trust-sender-frame';
import { onBackgroundEvent, type ContentFeature, type FeatureContext } from './feature';

function onReadView(message: OpenedMessage, context: FeatureContext): void {
  const { view } = message;
  const host = new BadgeHost(context.adapter, view, () => render(null, host.content));
  const show = (state: BadgeState): void => {
    host.setHooks(badgeHooks(state));
    render(
      <BadgeView
        state={state}
        describeProblem={describeProblem}
        onTrustSender={(signer: SignerReport) => openTrustSenderFrame(message, context, signer)}
      />,
      host.content,
    );
  };
  show({ kind: 'checking' });
  host.place();

  let decryptedShown = false;
  const check = async (): Promise<void> => {
    try {
      const encryption = await message.encryption();
      if (encryption.encrypted) {
        if (!decryptedShown) show({ kind: 'encrypted' });
        return;
      }
      const verdict = await context.sendRequest('verifyMessage', {
        rawBase64: await message.rawBase64(),
        messageId: view.messageId,
      });
      if (!view.signal.aborted) show({ kind: 'verdict', verdict });
    } catch (error) {
      if (!view.signal.aborted) show({ kind: 'failed', message: serializeError(error).message });
    }
  };

  message.onDecryptedVerdict((verdict) => {
    decryptedShown = true;
    show({ kind: 'verdict', verdict, decrypted: true });
  });
  // Trusting a sender (in the trust-sender frame) can change this message's verdict too.
  onBackgroundEvent(context, 'trust-changed', () => void check(), view.signal);
  void check();
}

export const verificationBadge: ContentFeature = { id: 'verification-badge', onReadView };
