import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PRIVILEGED_REQUESTS, REQUEST_NAMES, REQUEST_SENDERS, type RequestName } from '../shared/protocol';
import { handlers } from './handlers';
import { createRouter, isExtensionPageSender, type MessageSender } from './router';
import { openSignetDatabase } from './store/open-database';
import type { SignetDatabase } from './store/schema';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXTENSION_BASE_URL = `chrome-extension://${EXTENSION_ID}/`;

const managementPage: MessageSender = {
  id: EXTENSION_ID,
  url: `${EXTENSION_BASE_URL}src/popup/manage/index.html`,
  origin: `chrome-extension://${EXTENSION_ID}`,
  tab: { id: 7 },
  frameId: 0,
};
const decryptFrameInGmail: MessageSender = {
  id: EXTENSION_ID,
  url: `${EXTENSION_BASE_URL}src/popup/frames/decrypt/index.html`,
  origin: `chrome-extension://${EXTENSION_ID}`,
  tab: { id: 9 },
  frameId: 3,
};
const gmailContentScript: MessageSender = {
  id: EXTENSION_ID,
  url: 'https://mail.google.com/mail/u/0/#inbox/18c2',
  origin: 'https://mail.google.com',
  tab: { id: 9 },
  frameId: 0,
};

/** A router over the real handlers, counting how often anything reached the store. */
function routerWithCountedStore(): { route: ReturnType<typeof createRouter>; storeOpenings: () => number } {
  let openings = 0;
  let database: Promise<SignetDatabase> | undefined;
  const route = createRouter({
    extensionId: EXTENSION_ID,
    extensionBaseUrl: EXTENSION_BASE_URL,
    handlers,
    database: () => {
      openings++;
      database ??= openSignetDatabase(`router-test-${crypto.randomUUID()}`);
      return database;
    },
  });
  return { route, storeOpenings: () => openings };
}

function ask(route: ReturnType<typeof createRouter>, name: string, request: unknown, sender: MessageSender) {
  return route({ signet: 1, name, request }, sender);
}

describe('the background router', () => {
  it('refuses every privileged request from a Gmail content script with forbidden-sender, before any handler runs', async () => {
    expect(PRIVILEGED_REQUESTS.size).toBeGreaterThan(0);
    const { route, storeOpenings } = routerWithCountedStore();
    for (const name of PRIVILEGED_REQUESTS) {
      const answer = await ask(route, name, { identityId: 'x', fileBase64: '', password: '', dataBase64: '' }, gmailContentScript);
      expect(answer, name).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.stringContaining(name) } });
    }
    expect(storeOpenings()).toBe(0);
  });

  it('refuses signing asked for by a page of another extension, or by a sender without a URL', async () => {
    const { route } = routerWithCountedStore();
    const otherExtension: MessageSender = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/page.html' };
    const noUrl: MessageSender = { id: EXTENSION_ID };
    for (const sender of [otherExtension, noUrl]) {
      const answer = await ask(route, 'signWithIdentity', { dataBase64: 'AA==' }, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });

  it('answers a privileged request from the management page and from a Signet frame inside Gmail', async () => {
    const { route, storeOpenings } = routerWithCountedStore();
    // Not forbidden: it reaches the handler, which finds no identity to sign with.
    for (const sender of [managementPage, decryptFrameInGmail]) {
      const answer = await ask(route, 'signWithIdentity', { dataBase64: 'AAEC' }, sender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'identity-not-found' } });
    }
    expect(storeOpenings()).toBe(2);
    const anchors = await ask(route, 'listTrustAnchors', {}, managementPage);
    expect(anchors).toEqual({ ok: true, value: [] });
  });

  it('lets a content script ask for what is not privileged', async () => {
    const { route } = routerWithCountedStore();
    expect(await ask(route, 'listIdentities', {}, gmailContentScript)).toEqual({ ok: true, value: [] });
  });

  it('answers an unknown request, a request without an object, and a bad field with error codes instead of throwing', async () => {
    const { route } = routerWithCountedStore();
    expect(await ask(route, 'exportPrivateKey', {}, managementPage)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    expect(await ask(route, 'toString', {}, managementPage)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    expect(await ask(route, 'listIdentities', 'all', managementPage)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask(route, 'importPkcs12', { fileBase64: 42, password: 'x' }, managementPage)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await ask(route, 'importPkcs12', { fileBase64: '%%%', password: 'x' }, managementPage)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('turns an unexpected failure into an internal-error answer', async () => {
    const reported: unknown[] = [];
    const route = createRouter({
      extensionId: EXTENSION_ID,
      extensionBaseUrl: EXTENSION_BASE_URL,
      handlers,
      database: () => Promise.reject(new TypeError('disk on fire')),
      reportUnexpected: (error) => reported.push(error),
    });
    const answer = await ask(route, 'listIdentities', {}, managementPage);
    expect(answer).toEqual({ ok: false, error: { code: 'internal-error', message: 'Unexpected error: disk on fire' } });
    expect(reported).toHaveLength(1);
  });

  it('leaves messages that are not Signet requests to other listeners', () => {
    const { route } = routerWithCountedStore();
    expect(route({ type: 'ping' }, managementPage)).toBeUndefined();
    expect(route('hello', managementPage)).toBeUndefined();
  });
});

describe('the sender rule', () => {
  it('tells an extension page from a content script by the URL, not by whether a tab is attached', () => {
    expect(isExtensionPageSender(managementPage, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(true);
    expect(isExtensionPageSender(decryptFrameInGmail, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(true);
    expect(isExtensionPageSender({ ...managementPage, tab: undefined }, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(true);
    expect(isExtensionPageSender(gmailContentScript, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(false);
    // A page URL that merely mentions the extension id is still a web page.
    const lookalike = { ...gmailContentScript, url: `https://evil.example/chrome-extension://${EXTENSION_ID}/` };
    expect(isExtensionPageSender(lookalike, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(false);
    // Chrome's reported origin must agree with the URL.
    expect(isExtensionPageSender({ ...managementPage, origin: 'https://mail.google.com' }, EXTENSION_ID, EXTENSION_BASE_URL)).toBe(false);
  });

  it('works with Firefox moz-extension origins', () => {
    const base = 'moz-extension://6f1c2a3e-0000-4000-8000-123456789abc/';
    const page: MessageSender = { id: 'signet@signet.example', url: `${base}src/popup/manage/index.html` };
    expect(isExtensionPageSender(page, 'signet@signet.example', base)).toBe(true);
    expect(isExtensionPageSender({ ...page, url: 'https://mail.google.com/' }, 'signet@signet.example', base)).toBe(false);
  });
});

describe('the protocol', () => {
  it('has exactly one handler for every request, and nothing else', () => {
    const handled = Object.keys(handlers).sort();
    expect(handled).toEqual([...REQUEST_NAMES].sort());
    for (const name of REQUEST_NAMES) expect(typeof handlers[name], name).toBe('function');
  });

  it('keeps key import, signing, deletion and trust changes privileged', () => {
    const mustBePrivileged: RequestName[] = ['importPkcs12', 'deleteIdentity', 'setDefaultIdentity', 'signWithIdentity', 'importTrustAnchor', 'deleteTrustAnchor'];
    for (const name of mustBePrivileged) expect(REQUEST_SENDERS[name], name).toBe('extension-pages');
  });
});
