/**
 * The send-confirmation frame (issue 6 item 3, DESIGN.md security model 2): an extension-origin
 * page shown over the webmail, where the person sees From, recipients, subject and what Signet will
 * do, and confirms with a real click the page can't reach or fake. The page holds only the
 * `<iframe data-signet-frame="send-confirmation">`; it is fixed to the window rather than put in
 * the compose window, so it stays (with the self-check's answer) after the compose window closes.
 */

import { listenToFrameMessages } from '../frames/signet-frame';

export const SEND_CONFIRMATION_FRAME = 'send-confirmation';
export const SEND_CONFIRMATION_PAGE = 'src/popup/frames/send-confirmation/index.html';

/** What the frame tells the content script: sent (close the compose window), or close me. */
export type SendConfirmationMessage = { signetFrame: typeof SEND_CONFIRMATION_FRAME; kind: 'sent' | 'close' };

export function createSendConfirmationFrame(document: Document, extensionUrl: (path: string) => string, token: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const url = new URL(extensionUrl(SEND_CONFIRMATION_PAGE));
  url.searchParams.set('token', token);
  frame.setAttribute('data-signet-frame', SEND_CONFIRMATION_FRAME);
  frame.title = 'Signet: confirm sending';
  frame.src = url.href;
  frame.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; z-index: 2147483647 !important; right: 24px !important; bottom: 24px !important; ' +
      'width: 480px !important; max-width: calc(100vw - 48px) !important; height: 460px !important; max-height: calc(100vh - 48px) !important; ' +
      'border: 1px solid #9aa0a6 !important; border-radius: 8px !important; background: #fff !important; ' +
      'box-shadow: 0 4px 16px rgba(0,0,0,.3) !important; display: block !important; visibility: visible !important; opacity: 1 !important;',
  );
  return frame;
}

/** Accepts messages only from this frame's window and the extension's origin. */
export function listenToSendConfirmation(
  frame: HTMLIFrameElement,
  extensionOrigin: string,
  onMessage: (message: SendConfirmationMessage) => void,
  signal: AbortSignal,
): void {
  listenToFrameMessages(frame, extensionOrigin, isSendConfirmationMessage, onMessage, signal);
}

function isSendConfirmationMessage(data: unknown): data is SendConfirmationMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    'signetFrame' in data &&
    data.signetFrame === SEND_CONFIRMATION_FRAME &&
    'kind' in data &&
    (data.kind === 'sent' || data.kind === 'close')
  );
}
