import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { copyStoryMail } from './reading-support/extra-mail';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { SignetCompose } from './writing-support/signet-compose';
import { listIds, opensslDecrypt, opensslVerify, temporaryDirectory, writeEllieSignedNote } from './writing-support/writing-mail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { fetchRaw, fetchToken, findIdByMessageId, makeStoryMail } from '../unit/webmail/webmail-test-support';

/**
 * The writing half of the story (issue 6 item 6), in Chromium with the demo build on the demo
 * webmail: Jethro signs and encrypts from the webmail's own compose window, confirms in Signet's
 * frame, and what arrives verifies in Signet and in OpenSSL.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let jethroPage: Page;
let jethroMail: SignetInWebmail;
let compose: SignetCompose;
let jethroToken: string;
let ellieToken: string;
let workDirectory: string;

const sentIds = async (): Promise<string[]> => (await listIds(webmail.origin, jethroToken, 'SENT')).map((message) => message.id);

beforeAll(async () => {
  makeStoryMail();
  workDirectory = temporaryDirectory('signet-writing-');
  const mailDirectory = temporaryDirectory('signet-writing-mail-');
  copyStoryMail(mailDirectory);
  writeEllieSignedNote(mailDirectory);
  webmail = await startWebmail({ importDir: mailDirectory, dataDir: temporaryDirectory('signet-writing-data-') });
  jethroToken = await fetchToken(webmail.origin, jethro);
  ellieToken = await fetchToken(webmail.origin, ellie);
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  expect(await management.importDigitalId(fixturePath('jethro.p12'), 'correct horse')).toMatchObject({ imported: true });
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
  jethroPage = await extension.browser.newPage();
  jethroMail = new SignetInWebmail(jethroPage, webmail.origin);
  compose = new SignetCompose(jethroPage);
  await jethroMail.mail.open(jethro);
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

describe('Jethro signs an order from the compose window', () => {
  it('Sign and Encrypt toggles sit in the compose window, off by default, Encrypt off while Ellie has no certificate', async () => {
    await jethroMail.mail.writeMessage({ to: ellie, subject: 'Order: 30 tanker trucks', body: 'Ellie May, please ship 30 tanker trucks to Bugtussle. Jethro' });
    await compose.waitForToggles();
    expect(await compose.isPressed('sign')).toBe(false);
    expect(await compose.isPressed('encrypt')).toBe(false);
  });

  it('presses Sign and Send, confirms in Signet’s frame, and the sent copy checks out', async () => {
    const before = await sentIds();
    await compose.set('sign', true);
    await compose.pressWebmailSend();
    const frame = await compose.confirmationFrame();
    expect(await frame.$eval('[data-field="from"]', (element) => element.textContent)).toBe(jethro);
    expect(await frame.$eval('[data-field="to"]', (element) => element.textContent)).toBe(ellie);
    expect(await frame.$eval('[data-field="subject"]', (element) => element.textContent)).toBe('Order: 30 tanker trucks');
    expect(await frame.$eval('[data-field="plan"]', (element) => element.textContent)).toContain('Sign with your digital ID');
    // Nothing has been sent before the click in the frame.
    expect(await sentIds()).toEqual(before);
    await frame.click('[data-signet-action="confirm-send"]');
    const selfCheck = await compose.readSelfCheck(frame);
    expect(selfCheck).toMatchObject({ outcome: 'intact', form: 'detached' });
    await compose.waitForComposeClosed();
    await compose.closeFrame(frame);
    expect((await sentIds()).length).toBe(before.length + 1);
  });

  it('Ellie May’s view of the order shows valid, signed by jethro@jedco.example', async () => {
    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const elliePage = await extension.browser.newPage();
    const ellieMail = new SignetInWebmail(elliePage, webmail.origin);
    await ellieMail.mail.open(ellie, ellieId);
    expect(await ellieMail.readBadge(ellieId)).toMatchObject({ status: 'valid', signer: jethro });
    await elliePage.close();
    await jethroPage.bringToFront();
  });

  it('OpenSSL accepts the signed order exported from the server (format=raw)', async () => {
    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const raw = await fetchRaw(webmail.origin, ellieToken, ellieId);
    expect(raw.toString('latin1')).toContain('multipart/signed');
    expect(opensslVerify(raw, workDirectory)).toContain('please ship 30 tanker trucks');
  });
});

describe('Jethro encrypts to Ellie May', () => {
  it('opening Ellie May’s signed note saves her certificate; Encrypt turns on by itself for her', async () => {
    const noteId = await findIdByMessageId(webmail.origin, jethroToken, '<writing-ellie-note@signet.example>');
    await jethroMail.mail.open(jethro, noteId);
    expect(await jethroMail.readBadge(noteId)).toMatchObject({ status: 'valid', signer: ellie });
    await jethroMail.mail.goBackToInbox();
    await jethroMail.mail.writeMessage({ to: ellie, subject: 'Gate code', body: 'The gate code for the depot is 8812.' });
    await compose.waitForEncryptDefault(true);
  });

  it('sends it encrypted to Ellie May and himself; OpenSSL decrypts both copies', async () => {
    const { frame, selfCheck } = await compose.sendAndConfirm();
    expect(selfCheck.outcome).toBe('intact');
    await compose.waitForComposeClosed();
    await compose.closeFrame(frame);
    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const delivered = await fetchRaw(webmail.origin, ellieToken, ellieId);
    expect(delivered.toString('latin1')).toContain('application/pkcs7-mime');
    expect(delivered.toString('latin1')).not.toContain('8812');
    expect(opensslDecrypt(delivered, 'ellie-may', workDirectory)).toContain('8812');
    const sentId = (await sentIds())[0];
    expect(opensslDecrypt(await fetchRaw(webmail.origin, jethroToken, sentId), 'jethro', workDirectory)).toContain('8812');
  });

  it('Ellie May decrypts it in Signet’s frame', async () => {
    await management.page.bringToFront();
    expect(await management.importDigitalId(fixturePath('ellie-may.p12'), 'correct horse')).toMatchObject({ imported: true });
    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const elliePage = await extension.browser.newPage();
    const ellieMail = new SignetInWebmail(elliePage, webmail.origin);
    await ellieMail.mail.open(ellie, ellieId);
    const frame = await ellieMail.signetFrame(ellieId, 'decrypt');
    await frame.click('[data-signet-action="decrypt"]');
    await frame.waitForSelector('[data-signet-decrypt="decrypted"]', { timeout: 30_000 });
    // The compose window's body is HTML: the frame shows it in its sandboxed content frame.
    const content = await (await frame.waitForSelector('iframe[data-signet-content="html"]'))?.contentFrame();
    await content?.waitForFunction(() => document.body?.textContent?.includes('8812'));
    expect(await content?.evaluate(() => document.body.textContent)).toContain('The gate code for the depot is 8812.');
    await elliePage.close();
    await jethroPage.bringToFront();
  });

  it('a recipient without a certificate stops the encrypted send, with the list, and nothing is sent', async () => {
    const before = await sentIds();
    await jethroMail.mail.writeMessage({ to: ellie, cc: 'bob@hacker.example', subject: 'Secret plans', body: 'Only for Ellie May and Bob.' });
    await compose.waitForToggles();
    expect(await compose.recipientStates()).toEqual({ [ellie]: 'usable', 'bob@hacker.example': 'missing' });
    await compose.set('encrypt', true);
    await compose.pressWebmailSend();
    await compose.waitForComposeState('blocked');
    expect((await compose.composeStatus()).missing).toEqual(['bob@hacker.example']);
    expect(await jethroPage.$('iframe[data-signet-frame="send-confirmation"]')).toBeNull();
    expect(await sentIds()).toEqual(before);
    const dialog = await compose.dialog();
    expect(await dialog.$eval('input[name=subjectbox]', (input) => (input as HTMLInputElement).value)).toBe('Secret plans');
    await dialog.$eval('[data-tooltip^="Discard draft"]', (button) => (button as HTMLElement).click());
  });
});

describe('Jethro replies', () => {
  it('a signed reply stays in the thread of the message it answers', async () => {
    const noteId = await findIdByMessageId(webmail.origin, jethroToken, '<writing-ellie-note@signet.example>');
    const noteThread = (await listIds(webmail.origin, jethroToken, 'INBOX')).find((message) => message.id === noteId)?.threadId;
    await jethroMail.mail.open(jethro, noteId);
    await jethroMail.mail.writeReply(noteId, 'Thank you, Ellie May. Jethro');
    await compose.set('encrypt', false);
    await compose.set('sign', true);
    const { frame, selfCheck } = await compose.sendAndConfirm();
    expect(selfCheck.outcome).toBe('intact');
    await compose.closeFrame(frame);
    const sent = (await listIds(webmail.origin, jethroToken, 'SENT'))[0];
    expect(sent.threadId).toBe(noteThread);
    const raw = (await fetchRaw(webmail.origin, jethroToken, sent.id)).toString('latin1');
    expect(raw).toMatch(/^In-Reply-To: <writing-ellie-note@signet\.example>\r$/m);
    expect(raw).toMatch(/^References: <writing-ellie-note@signet\.example>\r$/m);
    expect(raw).toMatch(/^Subject: Re: My certificate\r$/m);
  });
});

describe('a page script can’t sign or send', () => {
  it('clicking the toggles from the page, or rewriting aria-pressed, changes nothing', async () => {
    await jethroMail.mail.goBackToInbox();
    await jethroMail.mail.writeMessage({ to: 'granny@jedco.example', subject: 'Not from Jethro', body: 'Sent by a page script?' });
    await compose.waitForToggles();
    await jethroPage.evaluate(() => {
      for (const toggle of document.querySelectorAll<HTMLElement>('[data-signet-action]')) toggle.click();
      for (const toggle of document.querySelectorAll<HTMLElement>('[data-signet-action]')) {
        toggle.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        toggle.setAttribute('aria-pressed', 'true');
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await compose.isPressed('sign')).toBe(false);
    expect(await compose.isPressed('encrypt')).toBe(false);
  });

  it('a page script pressing Send, or the confirm button, sends nothing', async () => {
    const before = await sentIds();
    await compose.set('sign', true);
    // The page's own click on Send: cancelled (Sign is on), and Signet starts nothing from it.
    await jethroPage.evaluate(() => document.querySelector<HTMLElement>('div.AD [role=dialog] div.T-I.T-I-atl[data-tooltip^="Send"]')?.click());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await jethroPage.$('iframe[data-signet-frame="send-confirmation"]')).toBeNull();
    expect(await sentIds()).toEqual(before);
    // A person presses Send: the frame opens. The page can't reach inside it...
    await compose.pressWebmailSend();
    const frame = await compose.confirmationFrame();
    expect(await jethroPage.$eval('iframe[data-signet-frame="send-confirmation"]', (element) => (element as HTMLIFrameElement).contentDocument)).toBeNull();
    // ...and a made-up click on the confirm button inside the frame does nothing.
    await frame.evaluate(() => document.querySelector<HTMLElement>('[data-signet-action="confirm-send"]')?.click());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await frame.$('[data-signet-send="confirming"]')).not.toBeNull();
    expect(await sentIds()).toEqual(before);
    // Cancel: the frame goes, the draft stays.
    await compose.closeFrame(frame);
    await compose.waitForComposeState('idle');
    const dialog = await compose.dialog();
    expect(await dialog.$eval('input[name=subjectbox]', (input) => (input as HTMLInputElement).value)).toBe('Not from Jethro');
    expect(await sentIds()).toEqual(before);
  });
});
