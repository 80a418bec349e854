/**
 * "Trust this sender" (Notes' cross-certify prompt, issue 5 item 5): the badge's button only opens
 * Signet's trust-sender frame, which shows what is being trusted and asks for the click itself.
 * The page can't trust anything: `trustSenderCertificate` is answered only for Signet's own pages.
 */
import type { SignerReport } from '../../crypto/verdict';
import type { FeatureContext } from '../features/feature';
import { onBackgroundEvent } from '../features/feature';
import type { OpenedMessage } from '../message/opened-message';
import { createSignetFrame, listenToFrame } from './signet-frame';

const openFrames = new WeakMap<OpenedMessage, HTMLIFrameElement>();

export function openTrustSenderFrame(message: OpenedMessage, context: FeatureContext, signer: SignerReport): void {
  const certificate = signer.certificate;
  if (!certificate || openFrames.get(message)?.isConnected) return;
  const { view } = message;
  const frame = createSignetFrame(view.element.ownerDocument, context.extensionUrl, {
    name: 'trust-sender',
    parameters: { fingerprint: certificate.fingerprintSha256 },
    title: 'Signet: trust this sender',
    heightPixels: 330,
  });
  if (!context.adapter.insertBelowHeader(view, frame)) return;
  openFrames.set(message, frame);

  const closed = new AbortController();
  const close = (): void => {
    closed.abort();
    frame.remove();
    openFrames.delete(message);
  };
  view.signal.addEventListener('abort', close, { signal: closed.signal });
  const extensionOrigin = new URL(context.extensionUrl('')).origin;
  listenToFrame(frame, extensionOrigin, close, closed.signal);
  onBackgroundEvent(context, 'trust-changed', close, closed.signal);
}
