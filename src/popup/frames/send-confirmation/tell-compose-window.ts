/**
 * The two things the send-confirmation frame tells the webmail page's content script: the message
 * was sent (close the compose window) or close this frame. Nothing from the message travels; the
 * content script accepts these only from this frame's window and the extension's origin.
 */
export function tellComposeWindow(kind: 'sent' | 'close'): void {
  // Chrome names the embedding page's origin; elsewhere there is nothing secret in the message.
  const parentOrigin = location.ancestorOrigins?.[0] ?? '*';
  window.parent.postMessage({ signetFrame: 'send-confirmation', kind }, parentOrigin);
}
