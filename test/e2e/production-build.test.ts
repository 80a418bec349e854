import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { productionBuildDirectory } from './harness/paths';
import { ManagementPage } from './pages/management-page';

describe('the production build (dist/), in Chromium', () => {
  let extension: ExtensionBrowser;
  let server: Server;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Not a webmail Signet was allowed on</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    extension = await launchBrowserWithExtension(productionBuildDirectory());
  });

  afterAll(async () => {
    await extension?.close();
    server?.close();
  });

  it('loads: the service worker answers the management page', async () => {
    const management = await ManagementPage.open(extension);
    expect(await management.listedIdentities()).toEqual([]);
    expect(await management.errorTexts()).toEqual([]);
  });

  it('does not run its content script on a localhost page (only the demo build does)', async () => {
    const page = await extension.browser.newPage();
    const session = await page.createCDPSession();
    const origins: string[] = [];
    session.on('Runtime.executionContextCreated', ({ context }) => origins.push(context.origin));
    await session.send('Runtime.enable');
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: 'load' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(origins.length).toBeGreaterThan(0);
    expect(origins).not.toContain(extension.extensionOrigin);
    await session.detach();
  });
});
