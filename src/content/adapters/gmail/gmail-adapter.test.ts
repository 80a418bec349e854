// @vitest-environment happy-dom
/**
 * The Gmail adapter on the saved Gmail page: which messages it reports, how it follows Gmail's
 * in-page navigation, where it fetches the raw message from and where the badge goes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ReadView } from '../adapter';
import { GmailAdapter } from './gmail-adapter';

const REAL_PAGE = readFileSync(join(process.cwd(), 'test/fixtures/gmail-pages/gmail-message-view.reconstructed.html'), 'utf8');
const PAGE_URL = 'https://mail.google.com/mail/u/0/#inbox/16be0868ae18c6a7';

/** Lets MutationObserver callbacks (microtasks) run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let stop: AbortController;

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(PAGE_URL);
  document.open();
  document.write(REAL_PAGE);
  document.close();
  stop = new AbortController();
});

afterEach(() => stop.abort());

function collectReadViews(adapter: GmailAdapter): ReadView[] {
  const views: ReadView[] = [];
  adapter.observeReadViews((view) => views.push(view), stop.signal);
  return views;
}

/** A second conversation the way Gmail shows one after navigation: a new `div.nH` in the main view. */
function openAnotherConversation(decimalId: string, legacyHex: string): HTMLElement {
  const container = document.createElement('div');
  container.className = 'nH';
  container.innerHTML = `<div class="nH a98 iY"><div role="list"><div role="listitem">
    <div class="adn ads" data-message-id="#msg-f:${decimalId}" data-legacy-message-id="${legacyHex}">
      <table class="cf gJ"><tbody><tr><td class="gF gK"><h3 class="iw"><span class="gD" email="bob@hacker.example" name="Jethro Bodine">Jethro Bodine</span></h3></td></tr></tbody></table>
      <div class="ii gt"><div class="a3s">hello</div></div>
    </div></div></div></div>`;
  document.querySelector('div.aeF')!.append(container);
  return container;
}

describe('finding opened messages', () => {
  test('reports the opened message once, with its permanent id, and not the collapsed or hidden ones', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    expect(views.map((view) => view.messageId)).toEqual(['msg-f:1638756560099919527']);
  });

  test('navigating to another conversation reports its message; the hidden one stays until removed', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    const firstConversation = document.querySelector<HTMLElement>('div.aeF > div.nH:nth-child(2)')!;
    firstConversation.style.display = 'none';
    const second = openAnotherConversation('1638756560099920000', '16be0868ae18c880');
    await settle();
    expect(views.map((view) => view.messageId)).toEqual(['msg-f:1638756560099919527', 'msg-f:1638756560099920000']);
    expect(views[0].signal.aborted).toBe(false);
    firstConversation.remove();
    await settle();
    expect(views[0].signal.aborted).toBe(true);
    expect(views[1].signal.aborted).toBe(false);
    second.remove();
    await settle();
    expect(views[1].signal.aborted).toBe(true);
  });

  test('a conversation that was hidden when Signet started is reported when shown again', async () => {
    document.querySelector<HTMLElement>('div.aeF > div.nH:nth-child(2)')!.style.display = 'none';
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    expect(views).toEqual([]);
    document.querySelector<HTMLElement>('div.aeF > div.nH:nth-child(2)')!.style.display = '';
    await settle();
    expect(views.map((view) => view.messageId)).toEqual(['msg-f:1638756560099919527']);
  });

  test('expanding a collapsed message in the thread reports it', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    const collapsed = document.querySelector('div.adf.ads')!;
    collapsed.className = 'adn ads';
    await settle();
    expect(views.map((view) => view.messageId)).toEqual(['msg-f:1638756560099919527', 'msg-f:1638756560099919000']);
  });

  test('a message element re-used for another message ends the old view and reports the new one', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    const element = document.querySelector('div.adn.ads')!;
    element.setAttribute('data-message-id', '#msg-f:1638756560099921111');
    element.setAttribute('data-legacy-message-id', '16be0868ae18cc57');
    await settle();
    expect(views[0].signal.aborted).toBe(true);
    expect(views[1].messageId).toBe('msg-f:1638756560099921111');
  });

  test('messages that appear after the main view is built late are found', async () => {
    document.querySelector('div.aeF')!.remove();
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    expect(views).toEqual([]);
    document.body.insertAdjacentHTML('beforeend', '<div class="aeF"></div>');
    await settle();
    openAnotherConversation('1638756560099920000', '16be0868ae18c880');
    await settle();
    expect(views.map((view) => view.messageId)).toEqual(['msg-f:1638756560099920000']);
  });

  test('after the signal aborts nothing more is reported and every view has ended', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    stop.abort();
    openAnotherConversation('1638756560099920000', '16be0868ae18c880');
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    expect(views).toHaveLength(1);
    expect(views[0].signal.aborted).toBe(true);
  });
});

describe('getting the raw message', () => {
  const RAW = 'From: "Jethro Bodine" <jethro@jedco.example>\r\nSubject: Order\r\n\r\n\xe9 100 units\r\n';
  const rawBytes = Uint8Array.from(RAW, (character) => character.charCodeAt(0));

  async function firstView(adapter: GmailAdapter): Promise<ReadView> {
    const views = collectReadViews(adapter);
    await settle();
    return views[0];
  }

  test('downloads the source from Gmail’s own origin by legacy id, as bytes (8-bit kept)', async () => {
    const requested: string[] = [];
    const adapter = new GmailAdapter(window, async (input) => {
      requested.push(String(input));
      return new Response(rawBytes, { status: 200 });
    });
    const raw = await adapter.fetchRawMessage(await firstView(adapter), stop.signal);
    expect(raw).toEqual(rawBytes);
    const url = new URL(requested[0]);
    expect(url.origin + url.pathname).toBe('https://mail.google.com/mail/u/0/');
    expect(Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'cacheCounter'))).toEqual({
      view: 'att',
      th: '16be0868ae18c6a7',
      attid: '0',
      disp: 'comp',
      safe: '1',
      zw: '',
    });
  });

  test('falls back to the permmsgid URL when the legacy id is refused', async () => {
    const requested: URL[] = [];
    const adapter = new GmailAdapter(window, async (input) => {
      const url = new URL(String(input));
      requested.push(url);
      return url.searchParams.has('th') ? new Response('gone', { status: 404 }) : new Response(rawBytes);
    });
    expect(await adapter.fetchRawMessage(await firstView(adapter), stop.signal)).toEqual(rawBytes);
    expect(requested.map((url) => url.searchParams.get('permmsgid'))).toEqual([null, 'msg-f:1638756560099919527']);
  });

  test('a sign-in page instead of the message is a provider error, not a message', async () => {
    const adapter = new GmailAdapter(window, async () => new Response('<!doctype html><title>Sign in</title>'));
    await expect(adapter.fetchRawMessage(await firstView(adapter), stop.signal)).rejects.toMatchObject({ code: 'provider-error' });
  });

  test('the demo webmail’s account parameter is kept', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'http://127.0.0.1:8025/mail/u/0/?account=ellie-may%40clampett.example#inbox/16be0868ae18c6a7',
    );
    const requested: URL[] = [];
    const adapter = new GmailAdapter(window, async (input) => {
      requested.push(new URL(String(input)));
      return new Response(rawBytes);
    });
    await adapter.fetchRawMessage(await firstView(adapter), stop.signal);
    expect(requested[0].origin).toBe('http://127.0.0.1:8025');
    expect(requested[0].searchParams.get('account')).toBe('ellie-may@clampett.example');
    expect(requested[0].searchParams.get('th')).toBe('16be0868ae18c6a7');
  });
});

describe('placing Signet’s elements', () => {
  test('the badge goes right after the sender in the header, never into a span.gD the message drew', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    const body = document.querySelector('div.adn.ads div.a3s')!;
    body.insertAdjacentHTML('afterbegin', '<table class="cf gJ"><tr><td><h3 class="iw"><span class="gD" email="jethro@jedco.example">Jethro</span></h3></td></tr></table>');
    const adapter = new GmailAdapter(window);
    const host = document.createElement('signet-badge');
    expect(adapter.placeBadge(views[0], host)).toBe(true);
    expect(host.previousElementSibling?.getAttribute('email')).toBe('jethro@jedco.example');
    expect(host.closest('div.ii.gt')).toBeNull();
    expect(adapter.isBadgePlaced(views[0], host)).toBe(true);
    host.remove();
    expect(adapter.isBadgePlaced(views[0], host)).toBe(false);
  });

  test('an encrypted message’s body is hidden and the frame shown in its place', async () => {
    const views = collectReadViews(new GmailAdapter(window));
    await settle();
    const frame = document.createElement('signet-frame-placeholder');
    expect(new GmailAdapter(window).replaceBody(views[0], frame)).toBe(true);
    const content = views[0].element.querySelector<HTMLElement>('div.a3s')!;
    expect(content.style.display).toBe('none');
    expect(frame.parentElement?.matches('div.ii.gt')).toBe(true);
  });
});
