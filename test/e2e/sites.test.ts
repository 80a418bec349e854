import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContentScriptWorld } from './harness/content-script-world';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { WebmailSitesSection } from './pages/webmail-sites';
import { badgeSelector, SignetInWebmail } from './reading-support/signet-in-webmail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { createTemporaryDirectory, fetchToken, findIdByMessageId, makeStoryMail, storyDirectory } from '../unit/webmail/webmail-test-support';

/**
 * A self-hosted webmail the person authorises at run time (DESIGN.md security model 6), in
 * Chromium with the demo build. The demo webmail answers on http://localhost too, an origin the
 * manifest's content scripts don't match; the demo build holds its host permission already
 * (headless Chromium never answers the prompt), so `chrome.permissions.request` in the click
 * resolves at once and everything after it (registration, the content script and the frames'
 * resources loading there, removal, a worker restart) is the real thing.
 */
const ellie = 'ellie-may@clampett.example';
const SITE = 'http://localhost/*';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let sitesOrigin: string;
let management: ManagementPage;
let sites: WebmailSitesSection;
let orderId: string;

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  persistAcrossSessions?: boolean;
}

async function registeredScripts(): Promise<{ scripts: RegisteredScript[]; manifestFiles: string[] }> {
  const worker = await extension.serviceWorker();
  return worker.evaluate(async () => ({
    scripts: (await chrome.scripting.getRegisteredContentScripts()).map(({ id, matches, js, persistAcrossSessions }) => ({ id, matches, js, persistAcrossSessions })),
    manifestFiles: chrome.runtime.getManifest().content_scripts?.[0]?.js ?? [],
  }));
}

/** Opens Jethro's order on the localhost webmail in a new tab; the badge's status, or undefined when Signet never shows up. */
async function badgeOnLocalhost(): Promise<string | undefined> {
  const page = await extension.browser.newPage();
  try {
    const signet = new SignetInWebmail(page, sitesOrigin);
    await signet.mail.open(ellie, orderId);
    try {
      await page.waitForSelector(`${badgeSelector(orderId)}[data-signet-status]`, { timeout: 8_000 });
    } catch {
      return undefined;
    }
    return (await signet.readBadge(orderId)).status;
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-sites-e2e-') });
  sitesOrigin = webmail.origin.replace('127.0.0.1', 'localhost');
  orderId = await findIdByMessageId(webmail.origin, await fetchToken(webmail.origin, ellie), '<story-jethro-order@signet.example>');
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  sites = new WebmailSitesSection(management.page);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

describe('Ellie May runs Signet on her own webmail', () => {
  it('before she allows it, Signet does not run on that site', async () => {
    expect(await sites.listedSites()).toEqual([]);
    expect(await badgeOnLocalhost()).toBeUndefined();
  });

  it('addresses Signet must not run on are refused with a reason, and nothing is registered', async () => {
    expect(await sites.addSite('http://mail.example.org')).toMatchObject({ added: false, code: 'bad-request', error: expect.stringMatching(/https:\/\//) });
    expect(await sites.addSite('https://*.example.org')).toMatchObject({ added: false, code: 'bad-request' });
    // The demo build's own content script already runs on 127.0.0.1.
    expect(await sites.addSite(webmail.origin)).toMatchObject({ added: false, code: 'bad-request', error: expect.stringMatching(/already runs/) });
    expect((await registeredScripts()).scripts).toEqual([]);
  });

  it('she adds it: the manifest content script is registered there under a stable id, and the badge appears', async () => {
    expect(await sites.addSite(`${sitesOrigin}/mail/u/0/`)).toEqual({ added: true, sites: [{ origin: SITE, active: true }] });
    const { scripts, manifestFiles } = await registeredScripts();
    expect(scripts).toEqual([{ id: `signet-site:${SITE}`, matches: [SITE], js: manifestFiles, persistAcrossSessions: true }]);
    expect(await badgeOnLocalhost()).toBe('untrusted');
  });

  it('on a page of that site that is not a Gmail-like webmail, the content script runs and does nothing', async () => {
    const page = await extension.browser.newPage();
    await page.goto(`${sitesOrigin}/demo/not-a-mail-page`);
    const contentScript = await openContentScriptWorld(page, extension.extensionOrigin);
    expect(await contentScript.evaluate<string>('typeof chrome.runtime.sendMessage')).toBe('function');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.$$eval('signet-badge, [data-signet-frame], [data-signet-action]', (elements) => elements.length)).toBe(0);
    // A compromised page there can't widen (or narrow) where Signet runs: the requests are Signet's pages' only.
    for (const name of ['addSite', 'removeSite', 'listSites']) {
      const envelope = JSON.stringify({ signet: 1, name, request: { origin: 'https://evil.example' } });
      expect(await contentScript.evaluate(`chrome.runtime.sendMessage(${envelope})`), name).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    await contentScript.close();
    await page.close();
  });

  it("Signet's frames load inside that site's pages (web-accessible there, not only on Gmail)", async () => {
    const page = await extension.browser.newPage();
    await page.goto(`${sitesOrigin}/demo/not-a-mail-page`);
    const frameUrl = `${extension.extensionOrigin}/src/popup/frames/decrypt/index.html`;
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, frameUrl);
    const frame = await page.waitForFrame((candidate) => candidate.url() === frameUrl, { timeout: 10_000 });
    await frame.waitForFunction(() => document.readyState === 'complete');
    expect(await frame.evaluate(() => location.href)).toBe(frameUrl);
    await page.close();
  });

  it('after the service worker stops and starts again, the site is still there and still registered once', async () => {
    await extension.stopServiceWorker();
    await management.reload();
    expect(await sites.listedSites()).toEqual([{ origin: SITE, active: true }]);
    expect((await registeredScripts()).scripts.map((script) => script.id)).toEqual([`signet-site:${SITE}`]);
    expect(await badgeOnLocalhost()).toBe('untrusted');
  });

  it('she removes it: unregistered, gone from the list, and Signet no longer runs there', async () => {
    // The demo build requires this permission, so the browser keeps it and the page says so.
    expect(await sites.removeSite(SITE)).toMatch(/kept its permission/);
    expect(await sites.listedSites()).toEqual([]);
    expect((await registeredScripts()).scripts).toEqual([]);
    expect(await badgeOnLocalhost()).toBeUndefined();
  });
});
