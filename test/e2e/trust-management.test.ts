import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { createTemporaryDirectory, fetchToken, findIdByMessageId, makeStoryMail, storyDirectory } from '../unit/webmail/webmail-test-support';

/**
 * Trust managed on the management page (issue 4 item 5): Ellie May trusts the stranger's
 * certificate without its CA after reading what she trusts (fingerprint, subject, issuer,
 * validity), and takes that trust back with one click; the badge follows each decision.
 */
const ellie = 'ellie-may@clampett.example';
const stranger = 'stranger@elsewhere.example';
const strangerCard = `[data-signet-contact][data-signet-email="${stranger}"]`;

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let page: Page;
let signet: SignetInWebmail;
let strangerId: string;

/** Opens the stranger's message afresh (a new page load, so the badge is a new verification). */
async function strangerStatus(): Promise<string> {
  await page.bringToFront();
  await page.goto('about:blank'); // the same URL again would only be a hash change, keeping the old badge
  await signet.mail.open(ellie, strangerId);
  return (await signet.readBadge(strangerId)).status;
}

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-trust-management-e2e-') });
  const token = await fetchToken(webmail.origin, ellie);
  strangerId = await findIdByMessageId(webmail.origin, token, '<story-stranger-hello@signet.example>');
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
  page = await extension.browser.newPage();
  signet = new SignetInWebmail(page, webmail.origin);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

describe('trusting one sender without his CA, and taking it back', () => {
  it("the stranger's signed message shows untrusted, and his certificate is listed among the contacts", async () => {
    expect(await strangerStatus()).toBe('untrusted');
    await management.page.bringToFront();
    await management.reload();
    await management.page.waitForSelector(`${strangerCard}[data-signet-trusted="no"]`);
  });

  it('his card shows what would be trusted: fingerprint, subject, issuer and validity', async () => {
    const certificate = new X509Certificate(readFileSync(fixturePath('stranger.pem')));
    const fingerprint = await management.page.$eval(`${strangerCard} [data-signet-fingerprint]`, (element) => element.getAttribute('data-signet-fingerprint'));
    expect(fingerprint).toBe(certificate.fingerprint256.replace(/:/g, '').toLowerCase());
    const text = await management.page.$eval(strangerCard, (element) => element.textContent ?? '');
    expect(text).toContain('Stranger');
    expect(text).toMatch(/Issuer/);
    expect(text).toMatch(/Valid/);
  });

  it('after “Trust directly…” and its confirmation, his message shows valid', async () => {
    await management.page.bringToFront();
    await management.page.click(`${strangerCard} [data-signet-action="trust-contact"]`);
    await management.page.click(`${strangerCard} [data-signet-action="confirm-trust-contact"]`);
    await management.page.waitForSelector(`${strangerCard}[data-signet-trusted="explicit"]`);
    expect(await strangerStatus()).toBe('valid');
  });

  it('one click on “Stop trusting directly” takes the trust back: his message is untrusted again', async () => {
    await management.page.bringToFront();
    await management.page.click(`${strangerCard} [data-signet-action="untrust-contact"]`);
    await management.page.waitForSelector(`${strangerCard}[data-signet-trusted="no"]`);
    expect(await strangerStatus()).toBe('untrusted');
  });
});
