import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureDownloads } from './harness/downloads';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import {
  createTemporaryDirectory,
  fetchToken,
  findIdByMessageId,
  makeStoryMail,
  storyDirectory,
  verifiesWithOpenssl,
} from '../unit/webmail/webmail-test-support';

/**
 * The story, in Chromium with the demo build on the demo webmail (issue 5 item 7): Ellie May, with
 * her digital ID and the Jed Co root imported, opens her mail and reads Signet's badge on each.
 */
const ellie = 'ellie-may@clampett.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let page: Page;
let signet: SignetInWebmail;
let ellieToken: string;

const storyId = (name: string): Promise<string> => findIdByMessageId(webmail.origin, ellieToken, `<story-${name}@signet.example>`);

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-reading-e2e-') });
  ellieToken = await fetchToken(webmail.origin, ellie);
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  expect(await management.importDigitalId(fixturePath('ellie-may.p12'), 'correct horse')).toMatchObject({ imported: true });
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
  page = await extension.browser.newPage();
  signet = new SignetInWebmail(page, webmail.origin);
  await signet.mail.open(ellie);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

describe('Ellie May reads her orders with Signet', () => {
  it("Jethro's signed order shows valid, signed by jethro@jedco.example, beside the sender", async () => {
    const id = await storyId('jethro-order');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toEqual({ status: 'valid', signer: 'jethro@jedco.example', besideSender: true, insideBody: false });
  });

  it("Bob's order with Jethro's From shows mismatch naming bob@hacker.example", async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('bob-forged-order');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'mismatch', signer: 'bob@hacker.example', besideSender: true });
  });

  it('the order changed from 100 to 1000 units in transit shows invalid', async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('tampered-order');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'invalid' });
  });

  it('an unsigned order shows unsigned, with no signer', async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('unsigned-order');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'unsigned', signer: '' });
  });

  it("a message whose HTML draws a green 'verified' badge still shows Signet's own unsigned", async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('fake-badge');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'unsigned', signer: '', besideSender: true, insideBody: false });
  });

  it('going back to an order opened before shows its badge again, once', async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('jethro-order');
    await signet.mail.clickInboxRow(id);
    expect(await signet.readBadge(id)).toMatchObject({ status: 'valid' });
    expect(await page.$$eval(`div.adn.ads[data-legacy-message-id="${id}"] signet-badge`, (hosts) => hosts.length)).toBe(1);
  });

  it("a page script can't rewrite the verdict: Bob's badge goes back to mismatch", async () => {
    await signet.mail.goBackToInbox();
    const id = await storyId('bob-forged-order');
    await signet.mail.clickInboxRow(id);
    await signet.readBadge(id);
    await page.evaluate((selector) => {
      const host = document.querySelector(selector);
      host?.setAttribute('data-signet-status', 'valid');
      host?.setAttribute('data-signet-signer', 'jethro@jedco.example');
    }, `div.adn.ads[data-legacy-message-id="${id}"] table.cf.gJ signet-badge`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await signet.readBadge(id)).toMatchObject({ status: 'mismatch', signer: 'bob@hacker.example' });
  });
});

describe('what Signet kept', () => {
  it("lists Jethro's and Bob's certificates among the contacts on the management page", async () => {
    await management.reload();
    const contacts = await management.page.$$eval('[data-signet-contact]', (cards) => cards.map((card) => card.getAttribute('data-signet-email')));
    expect(contacts).toEqual(expect.arrayContaining(['jethro@jedco.example', 'bob@hacker.example']));
  });

  it('keeps the verdicts as evidence; the management page downloads them as JSON and as the original .eml', async () => {
    const listed = await management.page.$$eval('[data-signet-evidence]', (cards) =>
      cards.map((card) => ({ key: card.getAttribute('data-signet-evidence') ?? '', status: card.getAttribute('data-signet-status') })),
    );
    expect(listed.map((entry) => entry.status)).toEqual(expect.arrayContaining(['valid', 'mismatch', 'invalid']));
    const validKey = listed.find((entry) => entry.status === 'valid')?.key ?? '';
    const nextDownload = await captureDownloads(extension.browser);
    await management.page.bringToFront(); // a tab in the background gets no clicks

    const jsonDownload = nextDownload();
    await management.page.click(`[data-signet-evidence="${validKey}"] [data-signet-action="export-evidence"]`);
    const json = await jsonDownload;
    expect(json.suggestedFileName).toMatch(/^signet-evidence-[0-9a-f]{16}\.json$/);
    const document = JSON.parse(readFileSync(json.path, 'utf8')) as { latestVerdict: { status: string }; rawMessageBase64: string };
    expect(document.latestVerdict.status).toBe('valid');
    const raw = Buffer.from(document.rawMessageBase64, 'base64');
    expect(raw.toString('latin1')).toContain('Message-ID: <story-jethro-order@signet.example>');

    const emlDownload = nextDownload();
    await management.page.click(`[data-signet-evidence="${validKey}"] [data-signet-action="export-evidence-eml"]`);
    const eml = await emlDownload;
    expect(eml.suggestedFileName).toMatch(/\.eml$/);
    // The kept message is the one received, byte for byte: OpenSSL still verifies Jethro's signature on it.
    expect(readFileSync(eml.path)).toEqual(raw);
    expect(verifiesWithOpenssl(new Uint8Array(readFileSync(eml.path)), createTemporaryDirectory('signet-evidence-check-'))).toBe(true);
  });
});
