import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { chromiumPath } from './chromium-path';

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  /** `chrome-extension://<id>` (no trailing slash). */
  extensionOrigin: string;
  /** The running service worker, started by a message if it is stopped. */
  serviceWorker(): Promise<WebWorker>;
  /**
   * Stops the service worker as Chrome does when it is idle: closes its target over CDP
   * (`Target.closeTarget`) and waits until Chrome lists it no more. The next message starts a new one.
   */
  stopServiceWorker(): Promise<void>;
  /** Opens a page of the extension, e.g. `src/popup/manage/index.html`. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Debian's Chromium with the built extension loaded, in a fresh profile. `headless: true` is
 * Chrome's new headless mode, the only one that loads extensions. `headless: false` needs a display.
 */
export async function launchBrowserWithExtension(
  distDirectory: string,
  options: { headless?: boolean } = {},
): Promise<ExtensionBrowser> {
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'signet-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    userDataDir: userDataDirectory,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...LAUNCH_ARGS, `--disable-extensions-except=${distDirectory}`, `--load-extension=${distDirectory}`],
  });
  try {
    const workerTarget = await browser.waitForTarget(isExtensionServiceWorker, { timeout: 30_000 });
    // `URL.origin` is "null" for chrome-extension: URLs in Node, so build it from the host.
    const extensionId = new URL(workerTarget.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}`;
    return createExtensionBrowser(browser, extensionId, extensionOrigin, userDataDirectory);
  } catch (error) {
    await browser.close();
    await rm(userDataDirectory, { recursive: true, force: true });
    throw new Error(`The extension in ${distDirectory} did not start its service worker: ${String(error)}`, { cause: error });
  }
}

function isExtensionServiceWorker(target: Target): boolean {
  return target.type() === 'service_worker' && target.url().startsWith('chrome-extension://');
}

function createExtensionBrowser(browser: Browser, extensionId: string, extensionOrigin: string, userDataDirectory: string): ExtensionBrowser {
  /**
   * The ids of our running service workers, asked of Chrome itself: puppeteer's own target list
   * can still hold a worker Chrome has already stopped.
   */
  async function liveWorkerTargetIds(): Promise<string[]> {
    const session = await browser.target().createCDPSession();
    try {
      const { targetInfos } = await session.send('Target.getTargets');
      return targetInfos
        .filter((info) => info.type === 'service_worker' && info.url.startsWith(`${extensionOrigin}/`))
        .map((info) => info.targetId);
    } finally {
      await session.detach();
    }
  }

  async function workerTargetWithId(targetId: string): Promise<Target> {
    return browser.waitForTarget((target) => target.type() === 'service_worker' && targetIdOf(target) === targetId, {
      timeout: 15_000,
    });
  }

  async function serviceWorker(): Promise<WebWorker> {
    let [targetId] = await liveWorkerTargetIds();
    if (targetId === undefined) {
      await wakeServiceWorker();
      [targetId] = await liveWorkerTargetIds();
      if (targetId === undefined) throw new Error('The service worker did not start when a page sent it a message.');
    }
    const worker = await (await workerTargetWithId(targetId)).worker();
    if (!worker) throw new Error('The service worker target has no worker.');
    return worker;
  }

  /** Any extension page's message wakes the worker; a message that is not a request is ignored by the router. */
  async function wakeServiceWorker(): Promise<void> {
    const page = await browser.newPage();
    try {
      await page.goto(`${extensionOrigin}/src/popup/popup/index.html`);
      await page.evaluate(() => chrome.runtime.sendMessage({ wake: true }).catch(() => undefined));
    } finally {
      await page.close();
    }
  }

  /**
   * Puppeteer's `WebWorker.close()` sends CDP `Target.closeTarget` for the worker and detaches its
   * own session (an attached DevTools session alone keeps a worker alive); Chrome then stops the
   * worker as it does an idle one. Done when Chrome lists no worker of ours any more.
   */
  async function stopServiceWorker(): Promise<void> {
    for (const targetId of await liveWorkerTargetIds()) {
      const worker = await (await workerTargetWithId(targetId)).worker();
      await worker?.close();
    }
    const deadline = Date.now() + 15_000;
    while ((await liveWorkerTargetIds()).length > 0) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for the service worker to stop.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${extensionOrigin}/${path}`);
    return page;
  }

  async function close(): Promise<void> {
    await browser.close();
    await rm(userDataDirectory, { recursive: true, force: true });
  }

  return { browser, extensionId, extensionOrigin, serviceWorker, stopServiceWorker, openExtensionPage, close };
}

/** Puppeteer keeps the CDP target id private; `_targetId` is what its own `WebWorker.close()` uses. */
function targetIdOf(target: Target): string {
  const id: unknown = Reflect.get(target, '_targetId');
  if (typeof id !== 'string') throw new Error('Cannot find the CDP target id of the service worker.');
  return id;
}

