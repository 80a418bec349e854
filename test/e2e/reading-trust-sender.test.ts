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
 * Ellie May trusts a stranger (issue 5 items 5 and 7, Notes' cross-certify): his good signature
 * shows `untrusted`; "Trust this sender" opens Signet's frame showing exactly which certificate;
 * after her click there, the same message shows `valid`.
 */
const ellie = 'ellie-may@clampett.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let page: Page;
let signet: SignetInWebmail;
let strangerId: string;

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-trust-e2e-') });
  const token = await fetchToken(webmail.origin, ellie);
  strangerId = await findIdByMessageId(webmail.origin, token, '<story-stranger-hello@signet.example>');
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

describe('Ellie May trusts a sender she knows', () => {
  it("the stranger's good signature shows untrusted, naming his address", async () => {
    await signet.mail.clickInboxRow(strangerId);
    expect(await signet.readBadge(strangerId)).toMatchObject({ status: 'untrusted', signer: 'stranger@elsewhere.example' });
  });

  it('“Trust this sender” shows the certificate’s fingerprint, subject, issuer and validity in Signet’s frame', async () => {
    const frame = await signet.askToTrustSender(strangerId);
    const certificate = new X509Certificate(readFileSync(fixturePath('stranger.pem')));
    await frame.waitForSelector('[data-signet-trust-sender="asking"]');
    const shown = await frame.$eval('[data-signet-trust-sender="asking"]', (element) => ({
      email: element.getAttribute('data-signet-email'),
      fingerprint: element.querySelector('[data-field="fingerprint"]')?.textContent,
      subject: element.querySelector('[data-field="subject"]')?.textContent ?? '',
      issuer: element.querySelector('[data-field="issuer"]')?.textContent ?? '',
      validity: element.querySelector('[data-field="validity"]')?.textContent ?? '',
    }));
    expect(shown.email).toBe('stranger@elsewhere.example');
    expect(shown.fingerprint).toBe(certificate.fingerprint256);
    expect(shown.subject).toContain('Stranger');
    expect(shown.issuer).toContain('Stranger');
    expect(shown.validity).toContain(new Date(certificate.validTo).toISOString().slice(0, 10));
  });

  it('Cancel closes the frame and trusts nothing; the badge stays untrusted', async () => {
    const frame = await signet.signetFrame(strangerId, 'trust-sender');
    await frame.click('[data-signet-action="cancel-trust-sender"]');
    await page.waitForSelector(`div.adn.ads[data-legacy-message-id="${strangerId}"] iframe[data-signet-frame="trust-sender"]`, { hidden: true });
    expect(await signet.readBadge(strangerId)).toMatchObject({ status: 'untrusted' });
    await signet.askToTrustSender(strangerId);
  });

  it('a page script can’t trust anyone: the background refuses trustSenderCertificate from the webmail page', async () => {
    const answer = await page.evaluate(() =>
      chrome.runtime?.sendMessage
        ? chrome.runtime.sendMessage({ signet: 1, name: 'trustSenderCertificate', request: { contactId: '0'.repeat(64) } })
        : { ok: false, error: { code: 'no-extension-api-in-page' } },
    );
    expect(answer).toMatchObject({ ok: false });
  });

  it('after her click in the frame, the same message shows valid and the frame closes', async () => {
    const frame = await signet.signetFrame(strangerId, 'trust-sender');
    await frame.click('[data-signet-action="trust-sender"]');
    expect(await signet.waitForStatus(strangerId, 'valid')).toMatchObject({ status: 'valid', signer: 'stranger@elsewhere.example' });
    await page.waitForSelector(`div.adn.ads[data-legacy-message-id="${strangerId}"] iframe[data-signet-frame="trust-sender"]`, { hidden: true });
  });

  it('the management page lists the stranger as trusted directly', async () => {
    await management.reload();
    await management.page.waitForSelector('[data-signet-contact][data-signet-email="stranger@elsewhere.example"]');
    expect(
      await management.page.$eval('[data-signet-contact][data-signet-email="stranger@elsewhere.example"]', (card) => card.getAttribute('data-signet-trusted')),
    ).toBe('explicit');
  });
});
