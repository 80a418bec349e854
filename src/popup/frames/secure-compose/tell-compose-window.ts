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

/** The one thing the content script asks: the person turned Encrypt off, so ask them to confirm. */
export function isAskToHandBack(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'signetFrame' in data && data.signetFrame === 'secure-compose' && 'kind' in data && data.kind === 'ask-hand-back';
}
