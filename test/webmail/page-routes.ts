import type { IncomingMessage, ServerResponse } from 'node:http';
import PostalMime from 'postal-mime';
import { readCookie, writeJson, writeText } from './http-helpers';
import type { MailStore, StoredMessage } from './mail-store';
import { normalizeAddress } from './mail-store';
import { isPlainAddress } from './message-facts';
import { decimalIdToHex, isWellFormedHexId } from './message-ids';
import { buildMessageViewModel, summarizeMessage } from './message-view-model';
import type { PageAsset } from './page-assets';
import { escapeHtml, renderPageHtml } from './page-html';

/**
 * The page side of the demo: the mail page `/mail/u/0/?account=ADDRESS`, its scripts, Gmail's raw
 * download URL (`?view=att&th=<hex>&attid=0&disp=comp&safe=1&zw`, GMAIL-NOTES.md section 2), and
 * the small JSON endpoints the page reads (`/demo/...`, not part of Gmail).
 */
export interface PageContext {
  store: MailStore;
  assets: Map<string, PageAsset>;
}

export const ACCOUNT_COOKIE = 'signet_demo_account';

export async function handlePageRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  context: PageContext,
): Promise<void> {
  const { store } = context;
  if (url.pathname === '/' || url.pathname === '/mail' || url.pathname === '/mail/') {
    redirectToMail(response, chooseAccount(request, url, store));
    return;
  }
  if (/^\/mail\/u\/\d+\/?$/.test(url.pathname)) {
    if (url.searchParams.get('view') === 'att') {
      await serveAttachment(request, response, url, store);
      return;
    }
    const account = url.searchParams.get('account');
    if (!account) {
      redirectToMail(response, chooseAccount(request, url, store));
      return;
    }
    const address = normalizeAddress(account);
    if (!isPlainAddress(address)) {
      writeText(response, 400, `${escapeHtml(address)} is not an e-mail address.`, 'text/html; charset=utf-8');
      return;
    }
    store.ensureAccount(address);
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Set-Cookie': `${ACCOUNT_COOKIE}=${encodeURIComponent(address)}; Path=/; SameSite=Lax`,
    });
    response.end(renderPageHtml(address, store.listAccounts()));
    return;
  }
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204);
    response.end();
    return;
  }
  const asset = /^\/mail\/static\/([\w.-]+)$/.exec(url.pathname);
  if (asset) {
    const found = context.assets.get(asset[1]);
    if (!found) {
      writeText(response, 404, 'Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': found.contentType, 'Cache-Control': 'no-store' });
    response.end(found.body);
    return;
  }
  await handleDemoEndpoint(request, response, url, store);
}

async function handleDemoEndpoint(request: IncomingMessage, response: ServerResponse, url: URL, store: MailStore): Promise<void> {
  const account = normalizeAddress(url.searchParams.get('account') ?? '');
  if (url.pathname === '/demo/token' || url.pathname === '/demo/accounts') {
    // Extension pages and tests on other origins ask for tokens too (the API answers CORS as well).
    response.setHeader('Access-Control-Allow-Origin', '*');
  }
  switch (url.pathname) {
    case '/demo/accounts':
      writeJson(response, 200, { accounts: store.listAccounts() });
      return;
    case '/demo/token':
      if (!isPlainAddress(account)) {
        writeJson(response, 400, { error: 'account=ADDRESS required' });
        return;
      }
      store.ensureAccount(account);
      writeJson(response, 200, { access_token: store.createToken(account), token_type: 'Bearer', expires_in: 3599, account });
      return;
    case '/demo/mailbox': {
      const label = (url.searchParams.get('label') ?? 'INBOX').toUpperCase();
      const messages = store.listMessages(account).filter((message) => message.labelIds.includes(label));
      writeJson(response, 200, { messages: await Promise.all(messages.map((message) => summarizeMessage(store, message))) });
      return;
    }
    case '/demo/thread': {
      const id = url.searchParams.get('id') ?? '';
      const opened = isWellFormedHexId(id) ? store.findMessage(account, id) ?? findThreadStart(store, account, id) : undefined;
      if (!opened) {
        writeJson(response, 404, { error: 'no such message in this account' });
        return;
      }
      const thread = store
        .listMessages(account)
        .filter((message) => message.threadId === opened.threadId)
        .sort((first, second) => first.internalDate - second.internalDate || (first.id > second.id ? 1 : -1));
      writeJson(response, 200, {
        threadId: opened.threadId,
        openedId: opened.id,
        messages: await Promise.all(thread.map((message) => buildMessageViewModel(store, message))),
      });
      return;
    }
    case '/demo/mark-read':
      if (request.method !== 'POST') {
        writeJson(response, 405, { error: 'POST only' });
        return;
      }
      for (const message of store.listMessages(account)) {
        if (message.threadId === (url.searchParams.get('thread') ?? '')) {
          store.removeLabel(account, message.id, 'UNREAD');
        }
      }
      writeJson(response, 200, { ok: true });
      return;
    default:
      writeText(response, 404, 'Not found');
  }
}

function findThreadStart(store: MailStore, account: string, threadId: string): StoredMessage | undefined {
  const wanted = threadId.toLowerCase().padStart(16, '0');
  return store.listMessages(account).find((message) => message.threadId === wanted);
}

/**
 * Serves Gmail's attachment URL: `attid=0` is the whole message, raw (what the Gmail adapter
 * downloads), `attid=0.N` the N-th attachment. The account is the page's: the `account`
 * parameter, else the one in the Referer's `account` parameter (the page that asked), else the
 * cookie set when a page was served.
 */
async function serveAttachment(request: IncomingMessage, response: ServerResponse, url: URL, store: MailStore): Promise<void> {
  const account = resolveAccount(request, url);
  const permanentId = /^msg-f:(\d+)$/.exec(url.searchParams.get('permmsgid') ?? '');
  const hexId = permanentId ? decimalIdToHex(permanentId[1]) : url.searchParams.get('th') ?? '';
  const message = account && isWellFormedHexId(hexId) ? store.findMessage(account, hexId) : undefined;
  if (!message) {
    writeText(response, 404, `<!doctype html><title>Not Found</title><p>No message ${escapeHtml(hexId)} in ${escapeHtml(account ?? 'no account')}.</p>`, 'text/html; charset=utf-8');
    return;
  }
  const bytes = store.readMessageBytes(message);
  const attachmentId = url.searchParams.get('attid') ?? '0';
  if (attachmentId === '0') {
    response.writeHead(200, { 'Content-Type': 'message/rfc822', 'Content-Length': bytes.byteLength, 'Cache-Control': 'no-store' });
    response.end(bytes);
    return;
  }
  const index = /^0\.(\d+)$/.exec(attachmentId);
  const attachments = index ? (await PostalMime.parse(bytes)).attachments : [];
  const attachment = index ? attachments[Number(index[1]) - 1] : undefined;
  if (!attachment) {
    writeText(response, 404, 'No such attachment');
    return;
  }
  const content = typeof attachment.content === 'string' ? Buffer.from(attachment.content) : Buffer.from(new Uint8Array(attachment.content));
  response.writeHead(200, {
    'Content-Type': attachment.mimeType || 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${(attachment.filename ?? 'attachment').replace(/["\\\r\n]/g, '_')}"`,
    'Content-Length': content.byteLength,
  });
  response.end(content);
}

function resolveAccount(request: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('account');
  if (fromQuery) {
    return normalizeAddress(fromQuery);
  }
  try {
    const fromReferer = new URL(request.headers.referer ?? '').searchParams.get('account');
    if (fromReferer) {
      return normalizeAddress(fromReferer);
    }
  } catch {
    // no or unparsable Referer: fall back to the cookie
  }
  const fromCookie = readCookie(request, ACCOUNT_COOKIE);
  return fromCookie ? normalizeAddress(fromCookie) : undefined;
}

function chooseAccount(request: IncomingMessage, url: URL, store: MailStore): string | undefined {
  const wanted = resolveAccount(request, url);
  return wanted && store.hasAccount(wanted) ? wanted : store.listAccounts()[0];
}

function redirectToMail(response: ServerResponse, account: string | undefined): void {
  if (!account) {
    writeText(response, 200, 'The demo webmail has no accounts yet: start it with --import DIR.');
    return;
  }
  response.writeHead(302, { Location: `/mail/u/0/?account=${encodeURIComponent(account)}#inbox` });
  response.end();
}
