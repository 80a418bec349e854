/**
 * Tells the content script of one tab that something changed in one of Signet's frames there (a
 * sender trusted, a message decrypted), over the extension's own channel: page scripts can't see
 * `tabs.sendMessage`, so the verdict of a decrypted message never passes through the page's hands.
 */
import type { BackgroundEvent, BackgroundEventMessage } from '../../content/background-events';

export async function notifyTab(tabId: number | undefined, event: BackgroundEvent): Promise<void> {
  const tabs = globalThis.chrome?.tabs;
  if (tabId === undefined || !tabs) return;
  const message: BackgroundEventMessage = { signetEvent: 1, event };
  try {
    await tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // The tab was closed or reloaded meanwhile: nobody left to tell.
  }
}
