import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { copyStoryMail } from './reading-support/extra-mail';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { SignetCompose } from './writing-support/signet-compose';
import { listIds, opensslDecrypt, temporaryDirectory, writeEllieSignedNote } from './writing-support/writing-mail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { fetchRaw, fetchToken, findIdByMessageId, makeStoryMail } from '../unit/webmail/webmail-test-support';

/**
 * DESIGN.md security model 3, in Chromium with the demo build: Jethro turns Encrypt on and types
 * the order in Signet's secure editor; the webmail's page never holds the text (its DOM, its
 * server's stored mail), yet Ellie May decrypts and reads it.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';
const order = 'Ellie May, please ship 30 tanker trucks to Bugtussle, order number 4417-SECRET. Jethro';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let jethroPage: Page;
let jethroMail: SignetInWebmail;
let compose: SignetCompose;
let jethroToken: string;
let ellieToken: string;
let workDirectory: string;
let dataDirectory: string;

const pageHtml = (): Promise<string> => jethroPage.evaluate(() => document.body.innerHTML);

/** Every file the demo server keeps (its mail store, drafts if any), read as text. */
function storedServerText(directory: string): string {
  return readdirSync(directory)
    .map((name) => join(directory, name))
    .map((path) => (statSync(path).isDirectory() ? storedServerText(path) : readFileSync(path, 'latin1')))
    .join('\n');
}

async function secureEditor(): Promise<Frame> {
  const dialog = await compose.dialog();
  const element = await dialog.waitForSelector('iframe[data-signet-frame="secure-compose"]', { timeout: 30_000 });
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('the secure-compose frame has no document');
  await frame.waitForSelector('[data-signet-secure-compose="editing"]', { timeout: 30_000 });
  return frame;
}

beforeAll(async () => {
  makeStoryMail();
  workDirectory = temporaryDirectory('signet-secure-compose-');
  const mailDirectory = temporaryDirectory('signet-secure-compose-mail-');
  dataDirectory = temporaryDirectory('signet-secure-compose-data-');
  copyStoryMail(mailDirectory);
  writeEllieSignedNote(mailDirectory);
  webmail = await startWebmail({ importDir: mailDirectory, dataDir: dataDirectory });
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
  // Opening Ellie May's signed note saves her certificate, so Jethro can encrypt to her.
  const noteId = await findIdByMessageId(webmail.origin, jethroToken, '<writing-ellie-note@signet.example>');
  await jethroMail.mail.open(jethro, noteId);
  expect(await jethroMail.readBadge(noteId)).toMatchObject({ status: 'valid', signer: ellie });
  await jethroMail.mail.goBackToInbox();
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

/** Jethro's own click on Encrypt, turning it on (after "encrypt when possible" had its say). */
async function turnEncryptOnByHand(): Promise<void> {
  await compose.waitForToggles();
  await compose.recipientStates();
  if (await compose.isPressed('encrypt')) await compose.press('encrypt'); // the default turned it on: off first
  await compose.press('encrypt');
  expect(await compose.isPressed('encrypt')).toBe(true);
}

describe('Jethro writes an encrypted order in Signet’s secure editor', () => {
  it('turning Encrypt on moves what he typed into Signet’s frame, warns, and empties the webmail’s editor', async () => {
    await jethroMail.mail.writeMessage({ to: ellie, subject: 'Secret order', body: 'Dear Ellie May,' });
    await turnEncryptOnByHand();
    const frame = await secureEditor();
    expect(await frame.$eval('textarea[data-signet-secure-compose-editor]', (area) => (area as HTMLTextAreaElement).value)).toBe('Dear Ellie May,');
    expect(await frame.$('[data-signet-warning="typed-in-page"]')).not.toBeNull();
    const dialog = await compose.dialog();
    expect(await dialog.$eval('div[aria-label="Message Body"]', (body) => body.textContent)).toBe('');
    // The session's token is told to the frame by message, never written into the page.
    expect(await dialog.$eval('iframe[data-signet-frame="secure-compose"]', (element) => (element as HTMLIFrameElement).src)).not.toContain('token');
  });

  it('types the order in the frame: the webmail page’s DOM never contains it', async () => {
    const frame = await secureEditor();
    await frame.click('textarea[data-signet-secure-compose-editor]');
    await frame.evaluate(() => {
      const area = document.querySelector<HTMLTextAreaElement>('textarea[data-signet-secure-compose-editor]');
      area?.setSelectionRange(area.value.length, area.value.length);
    });
    await frame.type('textarea[data-signet-secure-compose-editor]', `\n${order}`);
    await frame.waitForSelector('[data-signet-saved="true"]', { timeout: 30_000 });
    expect(await pageHtml()).not.toContain('4417-SECRET');
    expect(await pageHtml()).not.toContain('tanker trucks');
    // A page script can't reach into Signet's frame (another origin) to read the text.
    const reach = await jethroPage.evaluate(() => {
      const element = document.querySelector<HTMLIFrameElement>('iframe[data-signet-frame="secure-compose"]');
      try {
        return element?.contentDocument ? 'document' : 'no document';
      } catch {
        return 'blocked';
      }
    });
    expect(reach).not.toBe('document');
  });

  it('sends it; the server and the page never saw the text; Ellie May and OpenSSL decrypt it', async () => {
    const { frame, selfCheck } = await compose.sendAndConfirm();
    expect(selfCheck.outcome).toBe('intact');
    await compose.waitForComposeClosed();
    await compose.closeFrame(frame);
    expect(await pageHtml()).not.toContain('4417-SECRET');
    expect(storedServerText(dataDirectory)).not.toContain('4417-SECRET');
    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const delivered = await fetchRaw(webmail.origin, ellieToken, ellieId);
    expect(delivered.toString('latin1')).toContain('application/pkcs7-mime');
    // Quoted-printable may fold the long line: the unfolded text is what Ellie May reads.
    expect(opensslDecrypt(delivered, 'ellie-may', workDirectory).replace(/=\r?\n/g, '')).toContain('order number 4417-SECRET');

    await management.page.bringToFront();
    expect(await management.importDigitalId(fixturePath('ellie-may.p12'), 'correct horse')).toMatchObject({ imported: true });
    const elliePage = await extension.browser.newPage();
    const ellieMail = new SignetInWebmail(elliePage, webmail.origin);
    await ellieMail.mail.open(ellie, ellieId);
    const decrypted = await ellieMail.decrypt(ellieId);
    const shown = await decrypted.$eval('[data-signet-content="text"]', (element) => element.textContent ?? '');
    expect(shown).toContain('Dear Ellie May,');
    expect(shown).toContain('order number 4417-SECRET');
    expect(await elliePage.evaluate(() => document.body.innerHTML)).not.toContain('4417-SECRET');
    await elliePage.close();
    await jethroPage.bringToFront();
  });

  it('turning Encrypt off asks in the frame first; only then does the text go back to the webmail', async () => {
    await jethroMail.mail.writeMessage({ to: ellie, subject: 'Not so secret', body: '' });
    await turnEncryptOnByHand();
    const frame = await secureEditor();
    await frame.type('textarea[data-signet-secure-compose-editor]', 'Bring the mule. 9931');
    await frame.waitForSelector('[data-signet-saved="true"]', { timeout: 30_000 });
    await compose.press('encrypt');
    await frame.waitForSelector('[data-signet-secure-compose="asking"]', { timeout: 30_000 });
    expect(await compose.isPressed('encrypt')).toBe(true);
    await frame.click('[data-signet-action="keep-encrypted"]');
    await frame.waitForSelector('[data-signet-secure-compose="editing"]');
    expect(await compose.isPressed('encrypt')).toBe(true);
    expect(await pageHtml()).not.toContain('9931');

    await compose.press('encrypt');
    await frame.waitForSelector('[data-signet-secure-compose="asking"]', { timeout: 30_000 });
    // A person reads the question; Signet ignores a click on a button shown for less than 400 ms.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await frame.click('[data-signet-action="hand-back-confirm"]');
    await jethroPage.waitForFunction(() => document.querySelector('iframe[data-signet-frame="secure-compose"]') === null, { timeout: 30_000 });
    expect(await compose.isPressed('encrypt')).toBe(false);
    const dialog = await compose.dialog();
    expect(await dialog.$eval('div[aria-label="Message Body"]', (body) => (body as HTMLElement).innerText)).toBe('Bring the mule. 9931');
  });
});
