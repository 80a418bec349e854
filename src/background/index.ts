/**
 * The service worker: wiring only. Handlers live in ./handlers, the sender rule in ./router.
 * The listener is registered synchronously at start-up, so a message that wakes a stopped worker
 * is delivered to it.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { handlers } from './handlers';
import { createRouter, type MessageSender } from './router';
import { createDatabaseConnection } from './store/database-connection';
import { provideRevocationNetwork } from './revocation/revocation-network';
import { startSiteRegistrations } from './sites/start-site-registrations';

// Revocation and missing intermediates are fetched by this worker, where the person allowed it
// (optional host permissions; background/revocation/).
provideRevocationNetwork({ fetch: (url, init) => fetch(url, init), permissions: browser.permissions });

const database = createDatabaseConnection();

const route = createRouter({
  extensionId: browser.runtime.id,
  extensionBaseUrl: browser.runtime.getURL(''),
  handlers,
  database,
  reportUnexpected: (error) => console.error('Signet: unexpected failure while answering a request', error),
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, toMessageSender(sender)));

// Signet's content script on the webmail sites the person authorised (background/sites/).
startSiteRegistrations(database, (error) => console.error('Signet: could not bring the webmail-site registrations in line', error));

/** Chrome also reports the sending document's `origin`, which the polyfill's types don't list. */
function toMessageSender(sender: Runtime.MessageSender): MessageSender {
  const origin = 'origin' in sender && typeof sender.origin === 'string' ? sender.origin : undefined;
  return { id: sender.id, url: sender.url, origin, tab: sender.tab && { id: sender.tab.id }, frameId: sender.frameId };
}
