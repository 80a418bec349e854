import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { SignetCompose } from './writing-support/signet-compose';
import { listIds, opensslVerify, temporaryDirectory } from './writing-support/writing-mail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { fetchRaw, fetchToken, makeStoryMail, storyDirectory } from '../unit/webmail/webmail-test-support';

/**
 * The self-check (issue 6 item 4) against a provider that alters sent mail: the demo webmail with
 * `rewriteSent` re-encodes the signed part of a detached signature, as providers are reported to.
 * Signet fetches the sent copy back, says the signature broke, and the opaque resend holds. Then a
 * provider that can't be reached: the draft stays, Signet says what happened, and trying again works.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let dataDirectory: string;
let page: Page;
let mail: SignetInWebmail;
let compose: SignetCompose;
let jethroToken: string;
let ellieToken: string;
let workDirectory: string;

beforeAll(async () => {
  makeStoryMail();
  workDirectory = temporaryDirectory('signet-self-check-');
  dataDirectory = temporaryDirectory('signet-self-check-data-');
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: dataDirectory, rewriteSent: true });
  jethroToken = await fetchToken(webmail.origin, jethro);
  ellieToken = await fetchToken(webmail.origin, ellie);
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  const management = await ManagementPage.open(extension);
  expect(await management.importDigitalId(fixturePath('jethro.p12'), 'correct horse')).toMatchObject({ imported: true });
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
  page = await extension.browser.newPage();
  mail = new SignetInWebmail(page, webmail.origin);
  compose = new SignetCompose(page);
  await mail.mail.open(jethro);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

describe('a provider that re-encodes sent mail', () => {
  it('the self-check finds the detached signature broken, and the opaque resend verifies', async () => {
    await mail.mail.writeMessage({ to: ellie, subject: 'Order: 100 units', body: 'Ellie May, please ship 100 units to Bugtussle. Jethro' });
    await compose.set('sign', true);
    const { frame, selfCheck } = await compose.sendAndConfirm();
    expect(selfCheck.outcome).toBe('altered');
    expect(selfCheck.text).toContain('opaque signature');
    // What Ellie May got is broken for OpenSSL too: the self-check told the truth.
    const broken = await fetchRaw(webmail.origin, ellieToken, (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id);
    expect(opensslVerify(broken, workDirectory)).toBeUndefined();

    // Jethro reads the warning before he decides (a button shown for under 400 ms takes no click).
    await new Promise((resolve) => setTimeout(resolve, 700));
    await frame.click('[data-signet-action="resend-opaque"]');
    const again = await compose.readSelfCheck(frame, 'opaque');
    expect(again).toMatchObject({ outcome: 'intact', form: 'opaque' });
    await compose.closeFrame(frame);

    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const opaque = await fetchRaw(webmail.origin, ellieToken, ellieId);
    expect(opaque.toString('latin1')).toContain('smime-type=signed-data');
    expect(opensslVerify(opaque, workDirectory)).toContain('please ship 100 units');
    const elliePage = await extension.browser.newPage();
    const ellieMail = new SignetInWebmail(elliePage, webmail.origin);
    await ellieMail.mail.open(ellie, ellieId);
    expect(await ellieMail.readBadge(ellieId)).toMatchObject({ status: 'valid', signer: jethro });
    await elliePage.close();
    await page.bringToFront();
  });
});

describe('a provider that can’t be reached', () => {
  it('leaves the draft as it was, says what happened, and Try again sends it', async () => {
    await mail.mail.writeMessage({ to: ellie, subject: 'Order: 5 units', body: 'Five more units, please. Jethro' });
    await compose.set('sign', true);
    await compose.pressWebmailSend();
    const frame = await compose.confirmationFrame();
    const before = (await listIds(webmail.origin, jethroToken, 'SENT')).length;
    const port = webmail.port;
    await webmail.stop();
    await frame.click('[data-signet-action="confirm-send"]');
    const error = await frame.waitForSelector('[data-signet-error]', { timeout: 30_000 });
    expect(await error?.evaluate((element) => element.textContent)).toMatch(/could not .*demo webmail.*Nothing was sent|draft is unchanged/i);
    const dialog = await compose.dialog();
    expect(await dialog.$eval('input[name=subjectbox]', (input) => (input as HTMLInputElement).value)).toBe('Order: 5 units');

    webmail = await startWebmail({ port, dataDir: dataDirectory, rewriteSent: true });
    await new Promise((resolve) => setTimeout(resolve, 700)); // Jethro reads the message, then tries again
    await frame.click('[data-signet-action="confirm-send"]');
    // The first failure's message stays until the new attempt answers: wait for the self-check itself.
    await frame.waitForSelector('[data-signet-self-check]', { timeout: 60_000 });
    expect((await compose.readSelfCheck(frame)).outcome).toBe('altered');
    await compose.waitForComposeClosed();
    expect((await listIds(webmail.origin, jethroToken, 'SENT')).length).toBe(before + 1);
  });
});
