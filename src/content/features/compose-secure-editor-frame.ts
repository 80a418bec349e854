/**
 * Signet's secure editor in a compose window (DESIGN.md security model 3): an extension-origin
 * `<iframe data-signet-frame="secure-compose">` in place of the webmail's body editor, so the text
 * of a message to be encrypted is never in the webmail's DOM nor in its autosaved drafts. The
 * page holds only the element; what is typed goes from the frame to the background.
 */

import { listenToFrameMessages } from '../frames/signet-frame';

export const SECURE_COMPOSE_FRAME = 'secure-compose';
export const SECURE_COMPOSE_PAGE = 'src/popup/frames/secure-compose/index.html';

/** What the frame tells the content script: the person confirmed taking the text back to the webmail, or kept encrypting. */
export type SecureComposeMessage = { signetFrame: typeof SECURE_COMPOSE_FRAME; kind: 'hand-back'; text: string } | { signetFrame: typeof SECURE_COMPOSE_FRAME; kind: 'keep-encrypted' };

/**
 * The frame, told its session's token by message on each load: the token is never in the page's
 * DOM (not in `src`), so the page can't open a second Signet editor on the same session.
 */
export function createSecureComposeFrame(document: Document, extensionUrl: (path: string) => string, token: string, signal: AbortSignal): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const url = new URL(extensionUrl(SECURE_COMPOSE_PAGE));
  frame.addEventListener('load', () => frame.contentWindow?.postMessage({ signetFrame: SECURE_COMPOSE_FRAME, kind: 'session', token }, url.origin), { signal });
  frame.setAttribute('data-signet-frame', SECURE_COMPOSE_FRAME);
  frame.title = 'Signet: secure editor';
  frame.src = url.href;
  frame.setAttribute(
    'style',
    'all: initial !important; display: block !important; width: 100% !important; height: 240px; min-height: 160px !important; ' +
      'border: 1px solid #1a73e8 !important; border-radius: 4px !important; background: #fff !important; box-sizing: border-box !important; ' +
      'visibility: visible !important; opacity: 1 !important;',
  );
  return frame;
}

/** Asks the frame to have the person confirm turning Encrypt off (the frame decides, on a person's click). */
export function askSecureComposeToHandBack(frame: HTMLIFrameElement, extensionOrigin: string): void {
  frame.contentWindow?.postMessage({ signetFrame: SECURE_COMPOSE_FRAME, kind: 'ask-hand-back' }, extensionOrigin);
}

/** Accepts messages only from this frame's window and the extension's origin. */
export function listenToSecureCompose(
  frame: HTMLIFrameElement,
  extensionOrigin: string,
  onMessage: (message: SecureComposeMessage) => void,
  signal: AbortSignal,
): void {
  listenToFrameMessages(frame, extensionOrigin, isSecureComposeMessage, onMessage, signal);
}

function isSecureComposeMessage(data: unknown): data is SecureComposeMessage {
  if (typeof data !== 'object' || data === null || !('signetFrame' in data) || data.signetFrame !== SECURE_COMPOSE_FRAME || !('kind' in data)) return false;
  if (data.kind === 'keep-encrypted') return true;
  return data.kind === 'hand-back' && 'text' in data && typeof data.text === 'string';
}
