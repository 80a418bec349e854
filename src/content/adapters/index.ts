/** Every webmail adapter Signet has, the first that recognises the page wins. */
import type { WebmailAdapter } from './adapter';
import { GmailAdapter } from './gmail/gmail-adapter';

export function pickAdapter(window: Window): WebmailAdapter | undefined {
  const adapters: WebmailAdapter[] = [new GmailAdapter(window)];
  return adapters.find((adapter) => adapter.detect(window.location, window.document));
}
