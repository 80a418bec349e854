import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumPath } from '../e2e/harness/chromium-path';

/** Headless Chromium without any extension: the demo webmail must work on its own. */
export function launchPlainBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
