/**
 * What the secure-compose frame tells the webmail page's content script. Only after the person
 * confirmed in this frame that the text goes back to the webmail does any text travel (`hand-back`);
 * otherwise nothing from the message leaves the frame but towards the background.
 */
export type SecureComposeFrameMessage =
  | { signetFrame: 'secure-compose'; kind: 'hand-back'; text: string }
  | { signetFrame: 'secure-compose'; kind: 'keep-encrypted' };

export function tellComposeWindow(message: SecureComposeFrameMessage): void {
  // Chrome names the embedding page's origin: the text goes to that origin only.
  const parentOrigin = location.ancestorOrigins?.[0];
  if (!parentOrigin) return;
  window.parent.postMessage(message, parentOrigin);
}

/** The content script asks: the person turned Encrypt off, so ask them to confirm. */
export function isAskToHandBack(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'signetFrame' in data && data.signetFrame === 'secure-compose' && 'kind' in data && data.kind === 'ask-hand-back';
}

/**
 * The session's token, which the content script posts into this frame (never in the frame's URL,
 * so the page, which sees the `<iframe>` element, never learns it). A page could post a made-up
 * one: it names no session, and the frame says so.
 */
export function sessionTokenIn(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('signetFrame' in data) || data.signetFrame !== 'secure-compose') return undefined;
  if (!('kind' in data) || data.kind !== 'session' || !('token' in data) || typeof data.token !== 'string') return undefined;
  return /^[0-9a-f]{32}$/.test(data.token) ? data.token : undefined;
}
