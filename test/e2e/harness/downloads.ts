import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

export interface DownloadedFile {
  suggestedFileName: string;
  path: string;
}

/**
 * Lets the browser save downloads into a fresh temporary folder (CDP `Browser.setDownloadBehavior`)
 * and returns a function that waits for the next download to complete.
 */
export async function captureDownloads(browser: Browser): Promise<() => Promise<DownloadedFile>> {
  const directory = await mkdtemp(join(tmpdir(), 'signet-downloads-'));
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: directory, eventsEnabled: true });
  const names = new Map<string, string>();
  session.on('Browser.downloadWillBegin', (event) => names.set(event.guid, event.suggestedFilename));
  return () =>
    new Promise<DownloadedFile>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No download completed within 15 s.')), 15_000);
      const onProgress = (event: { guid: string; state: string }) => {
        if (event.state === 'canceled') reject(new Error('The download was canceled.'));
        if (event.state !== 'completed') return;
        clearTimeout(timer);
        session.off('Browser.downloadProgress', onProgress);
        // With 'allowAndName' Chrome saves the file under its guid.
        resolve({ suggestedFileName: names.get(event.guid) ?? '', path: join(directory, event.guid) });
      };
      session.on('Browser.downloadProgress', onProgress);
    });
}
