import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from './harness/launch-browser';
import { demoBuildDirectory, fixturePath } from './harness/paths';
import { ManagementPage } from './pages/management-page';
import { importTrustAnchor, SignetInWebmail } from './reading-support/signet-in-webmail';
import { SignetCompose } from './writing-support/signet-compose';
import { listIds, opensslDecrypt, opensslVerify, temporaryDirectory } from './writing-support/writing-mail';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import { fetchRaw, fetchToken } from '../unit/webmail/webmail-test-support';
import { decodeBody, getHeaderValue, parseMimeMessage, type MimeEntity } from '../../src/crypto/mime/index';

/**
 * Settings and bigger drafts (issue 6 items 1 and 3): "always sign" set on the management page
 * starts Sign pressed; a signed and encrypted order with a 6 MB binary attachment and a PDF shows
 * its progress, goes through the upload endpoint, and arrives byte for byte (checked by OpenSSL);
 * Jethro reads his own sent copy in Signet's frame.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';

let extension: ExtensionBrowser;
let webmail: RunningWebmail;
let management: ManagementPage;
let page: Page;
let mail: SignetInWebmail;
let compose: SignetCompose;
let jethroToken: string;
let ellieToken: string;
let workDirectory: string;
const bigFile = randomBytes(6 * 1024 * 1024);
const pdfFile = Buffer.from('%PDF-1.4\n% Signet test\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  workDirectory = temporaryDirectory('signet-attachments-');
  writeFileSync(join(workDirectory, 'tanker-specs.bin'), bigFile);
  writeFileSync(join(workDirectory, 'invoice.pdf'), pdfFile);
  webmail = await startWebmail({ dataDir: temporaryDirectory('signet-attachments-data-') });
  jethroToken = await fetchToken(webmail.origin, jethro);
  ellieToken = await fetchToken(webmail.origin, ellie);
  extension = await launchBrowserWithExtension(demoBuildDirectory());
  management = await ManagementPage.open(extension);
  expect(await management.importDigitalId(fixturePath('jethro.p12'), 'correct horse')).toMatchObject({ imported: true });
  expect(await management.importDigitalId(fixturePath('ellie-may.p12'), 'correct horse')).toMatchObject({ imported: true });
  await importTrustAnchor(management.page, fixturePath('jedco-root.pem'));
});

afterAll(async () => {
  await extension?.close();
  await webmail?.stop();
});

function findPart(entity: MimeEntity, fileName: string): MimeEntity | undefined {
  if ((getHeaderValue(entity, 'Content-Disposition') ?? '').includes(fileName)) return entity;
  for (const part of entity.children) {
    const found = findPart(part, fileName);
    if (found) return found;
  }
  return undefined;
}

describe('Jethro’s writing settings', () => {
  it('“Always sign”, saved on the management page, starts Sign pressed in the compose window', async () => {
    const row = `[data-signet-compose-defaults][data-signet-email="${jethro}"]`;
    await management.page.waitForSelector(`${row} [data-signet-input="always-sign"]`);
    await management.page.click(`${row} [data-signet-input="always-sign"]`);
    await management.page.click('[data-signet-action="save-compose-settings"]');
    await management.page.waitForSelector('[data-signet-notice="compose-settings"]');
    page = await extension.browser.newPage();
    mail = new SignetInWebmail(page, webmail.origin);
    compose = new SignetCompose(page);
    await mail.mail.open(jethro);
    await mail.mail.writeMessage({
      to: ellie,
      subject: 'Tanker specifications',
      body: 'Ellie May, the specifications and the invoice are attached. Jethro',
      attachmentPaths: [join(workDirectory, 'tanker-specs.bin'), join(workDirectory, 'invoice.pdf')],
    });
    await compose.waitForToggles();
    expect(await compose.isPressed('sign')).toBe(true);
    // Ellie May's certificate is usable, so "encrypt when possible" (on by default) turned Encrypt on.
    await compose.waitForEncryptDefault(true);
  });

  it('a signed, encrypted order with a 6 MB attachment shows progress and arrives byte for byte', async () => {
    await compose.pressWebmailSend();
    const frame = await compose.confirmationFrame();
    const attached = await frame.$eval('[data-field="attachments"]', (element) => element.textContent);
    expect(attached).toContain('tanker-specs.bin (6.0 MB)');
    expect(attached).toContain('invoice.pdf (1 KB)');
    await frame.click('[data-signet-action="confirm-send"]');
    await frame.waitForSelector('[data-field="progress"] progress', { timeout: 30_000 });
    expect((await compose.readSelfCheck(frame)).outcome).toBe('intact');
    await compose.waitForComposeClosed();
    await compose.closeFrame(frame);

    const ellieId = (await listIds(webmail.origin, ellieToken, 'INBOX'))[0].id;
    const delivered = await fetchRaw(webmail.origin, ellieToken, ellieId);
    expect(delivered.byteLength).toBeGreaterThan(8 * 1024 * 1024);
    const signed = opensslDecrypt(delivered, 'ellie-may', workDirectory);
    const content = opensslVerify(Buffer.from(signed, 'latin1'), workDirectory);
    expect(content).toBeDefined();
    const entity = parseMimeMessage(Buffer.from(content ?? '', 'latin1'));
    expect(Buffer.from(decodeBody(findPart(entity, 'tanker-specs.bin')!)).equals(bigFile)).toBe(true);
    expect(Buffer.from(decodeBody(findPart(entity, 'invoice.pdf')!)).equals(pdfFile)).toBe(true);
  });

  it('Jethro reads his own sent copy in Signet’s frame', async () => {
    const sentId = (await listIds(webmail.origin, jethroToken, 'SENT'))[0].id;
    await page.goto(`${webmail.origin}/mail/u/0/?account=${encodeURIComponent(jethro)}#sent/${sentId}`);
    await mail.mail.waitForMessage(sentId);
    const frame = await mail.signetFrame(sentId, 'decrypt');
    await frame.click('[data-signet-action="decrypt"]');
    await frame.waitForSelector('[data-signet-decrypt="decrypted"]', { timeout: 60_000 });
    const text = await frame.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('tanker-specs.bin');
    const content = await (await frame.waitForSelector('iframe[data-signet-content="html"]'))?.contentFrame();
    await content?.waitForFunction(() => document.body?.textContent?.includes('specifications and the invoice'));
  });
});
