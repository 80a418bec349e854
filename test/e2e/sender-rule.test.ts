import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBackground } from './harness/ask-background';
import { openContentScriptWorld } from './harness/content-script-world';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';

/** A page on the demo origin (http://127.0.0.1/*), where the demo build runs its content script. */
function startPlainPageServer(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Some webmail</title><p>Inbox</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('who may ask the background for what, in Chromium', () => {
  let extension: ExtensionBrowser;
  let server: Server;
  let identityId: string;

  beforeAll(async () => {
    server = await startPlainPageServer();
    extension = await launchBrowserWithExtension(demoBuildDirectory());
    const management = await ManagementPage.open(extension);
    expect(await management.importDigitalId(fixturePath('jethro.p12'), 'correct horse')).toMatchObject({ imported: true });
    [{ id: identityId }] = await management.listedIdentities();
  });

  afterAll(async () => {
    await extension?.close();
    server?.close();
  });

  it("refuses a content script's signing, key deletion and trust requests with forbidden-sender, and answers its look-ups", async () => {
    const page = await extension.browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mail/u/0/`);
    const contentScript = await openContentScriptWorld(page, extension.extensionOrigin);
    const ask = (name: string, request: object) =>
      contentScript.evaluate<{ ok: boolean; error?: { code: string } }>(
        `chrome.runtime.sendMessage(${JSON.stringify({ signet: 1, name, request })})`,
      );

    for (const [name, request] of [
      ['signWithIdentity', { identityId, dataBase64: 'AAEC' }],
      ['signMessage', { identityId, rawBase64: 'RnJvbTogYUBiLmV4YW1wbGUNCg0KaGk=' }],
      ['deleteIdentity', { identityId }],
      ['importTrustAnchor', { fileBase64: 'AAEC' }],
    ] as const) {
      expect(await ask(name, request), name).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(await ask('listIdentities', {})).toMatchObject({ ok: true });
    await contentScript.close();

    // The identity is untouched and still signs for Signet's own page.
    const management = await ManagementPage.open(extension);
    expect((await management.listedIdentities()).map((identity) => identity.id)).toEqual([identityId]);
    expect(await askBackground(management.page, 'signWithIdentity', { identityId, dataBase64: 'AAEC' })).toMatchObject({ ok: true });
  });
});
