/**
 * The one message a Signet frame posts to the webmail page around it: "close me". It carries
 * nothing from the message or the keys; the content script accepts it only from the frame's own
 * window and the extension's origin (`src/content/frames/signet-frame.ts`).
 */
export function askParentToClose(frameName: 'decrypt' | 'trust-sender'): void {
  // Chrome names the embedding page's origin; elsewhere there is nothing secret to protect.
  const parentOrigin = location.ancestorOrigins?.[0] ?? '*';
  window.parent.postMessage({ signetFrame: frameName, kind: 'close' }, parentOrigin);
}
