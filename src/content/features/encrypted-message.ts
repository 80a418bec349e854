/**
 * Encrypted messages (issue 5 item 4, DESIGN.md security model 3): the ciphertext was staged in
 * the background; here the body is replaced by Signet's decrypt frame, which decrypts only when
 * the person clicks inside it and shows the plaintext there, out of the page's reach. Only the
 * verdict of what was inside comes back to this tab (for the badge), never the content.
 */
import { createSignetFrame, setSignetFrameHeight } from '../frames/signet-frame';
import type { OpenedMessage } from '../message/opened-message';
import { onBackgroundEvent, type ContentFeature, type FeatureContext } from './feature';

/** Room for the Decrypt button and its explanation, then for a message (the frame scrolls; the person can resize it). */
const HEIGHT_BEFORE_DECRYPTION = 170;
const HEIGHT_AFTER_DECRYPTION = 480;

async function showDecryptFrame(message: OpenedMessage, context: FeatureContext): Promise<void> {
  const encryption = await message.encryption();
  const { view } = message;
  if (!encryption.encrypted || view.signal.aborted) return;
  const frame = createSignetFrame(view.element.ownerDocument, context.extensionUrl, {
    name: 'decrypt',
    parameters: { token: encryption.token },
    title: 'Signet: encrypted message',
    heightPixels: HEIGHT_BEFORE_DECRYPTION,
  });
  if (!context.adapter.replaceBody(view, frame)) return;
  view.signal.addEventListener('abort', () => frame.remove(), { once: true });
  onBackgroundEvent(
    context,
    'decrypted',
    (event) => {
      if (event.token !== encryption.token) return;
      setSignetFrameHeight(frame, HEIGHT_AFTER_DECRYPTION);
      message.announceDecryptedVerdict(event.verdict);
    },
    view.signal,
  );
}

function onReadView(message: OpenedMessage, context: FeatureContext): void {
  // Failures (download, staging) are shown by the verification badge, which awaits the same promise.
  showDecryptFrame(message, context).catch(() => undefined);
}

export const encryptedMessage: ContentFeature = { id: 'encrypted-message', onReadView };
