// @vitest-environment happy-dom
/**
 * The badge host in the page's DOM: the page can't rewrite what it says (attributes are restored)
 * or move it away from the sender (it goes back), and it leaves when the view does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ReadView } from '../adapters/adapter';
import { GmailAdapter } from '../adapters/gmail/gmail-adapter';
import { BadgeHost } from './badge-host';

const PAGE = readFileSync(join(process.cwd(), 'test/fixtures/gmail-pages/gmail-message-view.reconstructed.html'), 'utf8');
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let stop: AbortController;
let view: ReadView;
let adapter: GmailAdapter;

beforeEach(async () => {
  document.open();
  document.write(PAGE);
  document.close();
  stop = new AbortController();
  adapter = new GmailAdapter(window);
  const views: ReadView[] = [];
  adapter.observeReadViews((found) => views.push(found), stop.signal);
  await settle();
  view = views[0];
});

afterEach(() => stop.abort());

function placedBadge(): BadgeHost {
  const host = new BadgeHost(adapter, view, () => undefined);
  host.setHooks({ 'data-signet-status': 'mismatch', 'data-signet-signer': 'bob@hacker.example' });
  expect(host.place()).toBe(true);
  return host;
}

describe('the badge host', () => {
  test('sits right after the sender, with the status and signer hooks', () => {
    const host = placedBadge();
    expect(host.element.previousElementSibling?.matches('span.gD')).toBe(true);
    expect(host.element.getAttribute('data-signet-status')).toBe('mismatch');
    expect(host.element.getAttribute('data-signet-signer')).toBe('bob@hacker.example');
  });

  test('its content is in a closed shadow root the page can’t reach', () => {
    const host = placedBadge();
    expect(host.element.shadowRoot).toBeNull();
  });

  test('a page script rewriting the status or hiding the host is undone', async () => {
    const host = placedBadge();
    host.element.setAttribute('data-signet-status', 'valid');
    host.element.setAttribute('data-signet-signer', 'jethro@jedco.example');
    host.element.setAttribute('hidden', '');
    host.element.style.display = 'none';
    await settle();
    expect(host.element.getAttribute('data-signet-status')).toBe('mismatch');
    expect(host.element.getAttribute('data-signet-signer')).toBe('bob@hacker.example');
    expect(host.element.hasAttribute('hidden')).toBe(false);
    expect(host.element.getAttribute('style')).toContain('display: inline-block !important');
  });

  test('a page script removing the badge sees it come back beside the sender', async () => {
    const host = placedBadge();
    host.element.remove();
    await settle();
    expect(host.element.isConnected).toBe(true);
    expect(adapter.isBadgePlaced(view, host.element)).toBe(true);
  });

  test('the badge leaves with its view', async () => {
    const host = placedBadge();
    stop.abort();
    await settle();
    expect(host.element.isConnected).toBe(false);
  });
});
