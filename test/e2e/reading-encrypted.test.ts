import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { copyStoryMail, writeEncryptedHtmlForJethro, writeNestedEncryptedPartForJethro } from './reading-support/extra-mail';
import { badgeSelector, SignetInWebmail } from './reading-support/signet-in-webmail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { createTemporaryDirectory, fetchToken, findIdByMessageId, makeStoryMail } from '../unit/webmail/webmail-test-support';

/**
 * Jethro reads encrypted mail (issue 5 items 4 and 7): only in Signet's frame, only after his click
 * there, with the page's DOM never holding the plaintext and no request leaving for anything the
 * decrypted HTML points at (EFAIL). A tracker server stands for the attacker and counts hits.
 */
const jethro = 'jethro@jedco.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let tracker: Server;
let trackerOrigin: string;
const trackerHits: string[] = [];
const requestsSeen: string[] = [];
let page: Page;
let signet: SignetInWebmail;
let jethroToken: string;

const messageId = (name: string): Promise<string> => findIdByMessageId(webmail.origin, jethroToken, `<${name}@signet.example>`);

/** Every request any page, frame or worker of the browser makes (the EFAIL channel would show here). */
function recordRequests(extensionBrowser: ExtensionBrowser): void {
  const watch = (target: { page(): Promise<Page | null> }): void => {
    void target.page().then((watched) => watched?.on('request', (request: HTTPRequest) => requestsSeen.push(request.url())));
  };
  for (const target of extensionBrowser.browser.targets()) watch(target);
  extensionBrowser.browser.on('targetcreated', watch);
}

beforeAll(async () => {
  makeStoryMail();
  tracker = createServer((request, response) => {
    trackerHits.push(request.url ?? '');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerOrigin = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
  const mailDirectory = createTemporaryDirectory('signet-reading-mail-');
  copyStoryMail(mailDirectory);
  writeEncryptedHtmlForJethro(mailDirectory, trackerOrigin);
  writeNestedEncryptedPartForJethro(mailDirectory);
  webmail = await startWebmail({ importDir: mailDirectory, dataDir: createTemporaryDirectory('signet-reading-e2e-') });
  jethroToken = await fetchToken(webmail.origin, jethro);

  extension = await launchBrowserWithExtension(demoBuildDirectory());
  recordRequests(extension);
  const management = await ManagementPage.open(extension);
  expect(await management.importDigitalId(fixturePath('jethro.p12'), 'correct horse')).toMatchObject({ imported: true });
  page = await extension.browser.newPage();
  signet = new SignetInWebmail(page, webmail.origin);
  await signet.mail.open(jethro);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
  await new Promise((resolve) => tracker?.close(resolve));
});

/** The webmail page's own DOM, frames excluded (Signet's frames are other documents). */
const pageHtml = (): Promise<string> => page.evaluate(() => document.documentElement.outerHTML);

describe('Jethro opens an encrypted message', () => {
  it('sees Signet’s frame in place of the body, and nothing is decrypted before he clicks', async () => {
    const id = await messageId('story-encrypted-for-jethro');
    await signet.mail.clickInboxRow(id);
    const frame = await signet.signetFrame(id, 'decrypt');
    expect(await frame.$('[data-signet-action="decrypt"]')).not.toBeNull();
    expect(await frame.$('[data-signet-content]')).toBeNull();
    expect(await page.$eval(`div.adn.ads[data-legacy-message-id="${id}"] div.a3s`, (body) => getComputedStyle(body).display)).toBe('none');
    await page.waitForSelector(`${badgeSelector(id)}[data-signet-encrypted]`);
  });

  it('clicks Decrypt inside the frame and reads the message there; the page’s DOM never holds it', async () => {
    const id = await messageId('story-encrypted-for-jethro');
    const frame = await signet.decrypt(id);
    const shown = await frame.$eval('[data-signet-content="text"]', (element) => element.textContent ?? '');
    expect(shown).toContain('The gate code for the Bugtussle depot is 4711');
    const html = await pageHtml();
    expect(html).not.toContain('4711');
    expect(html).not.toContain('Bugtussle');
    // The badge learns the verdict of what was inside (not signed), never the content.
    const badge = await signet.readBadge(id);
    expect(badge.status).toBe('unsigned');
  });

  it('a page script can’t decrypt: the background refuses decryptStagedMessage from the webmail page', async () => {
    const answer = await page.evaluate(() =>
      chrome.runtime?.sendMessage
        ? chrome.runtime.sendMessage({ signet: 1, name: 'decryptStagedMessage', request: { token: '0'.repeat(32) } })
        : { ok: false, error: { code: 'no-extension-api-in-page' } },
    );
    expect(answer).toMatchObject({ ok: false });
  });

  it('decrypted HTML is shown without any request to what it links: no image, style sheet, font or script loads', async () => {
    await signet.mail.goBackToInbox();
    const id = await messageId('reading-encrypted-html');
    await signet.mail.clickInboxRow(id);
    const frame = await signet.decrypt(id);
    const contentFrame = await (await frame.waitForSelector('iframe[data-signet-content="html"]'))?.contentFrame();
    expect(contentFrame).toBeTruthy();
    await contentFrame?.waitForFunction(() => document.body?.textContent?.includes('31-41-59'));
    expect(await contentFrame?.evaluate(() => document.body.textContent)).toContain('the silo combination is 31-41-59');
    // Control: a load the webmail page itself makes does reach the tracker and the request log.
    await page.evaluate((url) => {
      new Image().src = url;
    }, `${trackerOrigin}/control.png`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(trackerHits).toEqual(['/control.png']);
    expect(requestsSeen.filter((url) => url.startsWith(trackerOrigin))).toEqual([`${trackerOrigin}/control.png`]);
    expect(await pageHtml()).not.toContain('31-41-59');
  });

  it('decrypts even when the service worker stopped between opening the message and the click (MV3 idle stop)', async () => {
    await signet.mail.goBackToInbox();
    const id = await messageId('story-encrypted-for-jethro');
    await signet.mail.clickInboxRow(id);
    await signet.signetFrame(id, 'decrypt');
    await extension.stopServiceWorker();
    const frame = await signet.decrypt(id);
    expect(await frame.$eval('[data-signet-content="text"]', (element) => element.textContent ?? '')).toContain('Bugtussle depot is 4711');
  });

  it('an encrypted part forwarded inside an unencrypted message is not offered for decryption', async () => {
    await signet.mail.goBackToInbox();
    const id = await messageId('reading-nested-encrypted');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'unsigned' });
    expect(await page.$(`div.adn.ads[data-legacy-message-id="${id}"] iframe[data-signet-frame]`)).toBeNull();
  });
});
