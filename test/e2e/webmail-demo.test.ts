import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoMailPage } from '../webmail/demo-mail-page';
import { launchPlainBrowser } from '../webmail/launch-plain-browser';
import { startWebmail, type RunningWebmail } from '../webmail/start-webmail';
import {
  callApi,
  createTemporaryDirectory,
  fetchToken,
  findIdByMessageId,
  makeStoryMail,
  peopleDirectory,
  readStoryFile,
  storyDirectory,
} from '../unit/webmail/webmail-test-support';

/**
 * The demo webmail in real Chromium, without the extension: Gmail's landmarks are where the Gmail
 * adapter looks for them, navigation happens in the page, and a person can write to another account.
 */
const ellie = 'ellie-may@clampett.example';
const jethro = 'jethro@jedco.example';

let webmail: RunningWebmail;
let browser: Browser;
let page: Page;
let mail: DemoMailPage;
let ellieToken: string;

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-webmail-e2e-') });
  ellieToken = await fetchToken(webmail.origin, ellie);
  browser = await launchPlainBrowser();
  page = await browser.newPage();
  mail = new DemoMailPage(page, webmail.origin);
});

afterAll(async () => {
  await browser?.close();
  await webmail?.stop();
  if (webmail) rmSync(webmail.dataDir, { recursive: true, force: true });
});

const storyId = (name: string) => findIdByMessageId(webmail.origin, ellieToken, `<story-${name}@signet.example>`);

describe('the demo webmail in Chromium', () => {
  it("shows Ellie May's inbox with Gmail's list landmarks", async () => {
    await mail.open(ellie);
    const subjects = await mail.listInboxSubjects();
    expect(subjects).toEqual(expect.arrayContaining(['Order: 100 units', 'Order: 30 tanker trucks', 'Verified order: 100 units', 'Hello from a stranger']));
    const orderId = await storyId('jethro-order');
    const row = await page.$eval(`tr.zA span[data-legacy-message-id="${orderId}"]`, (span) => ({
      threadId: span.getAttribute('data-thread-id'),
      unread: span.closest('tr')?.classList.contains('zE'),
      sender: span.closest('tr')?.querySelector('span.yP')?.getAttribute('email'),
    }));
    expect(row).toEqual({ threadId: `#thread-f:${BigInt(`0x${orderId}`).toString(10)}`, unread: true, sender: jethro });
  });

  it("opens Jethro's order with the message landmarks, and the page can fetch its raw bytes", async () => {
    const orderId = await storyId('jethro-order');
    await page.evaluate(() => {
      (window as unknown as { demoMarker: string }).demoMarker = 'same page';
    });
    await mail.clickInboxRow(orderId);
    const view = await page.evaluate((id) => {
      const message = document.querySelector(`div.nH.a98.iY div.adn.ads[data-legacy-message-id="${id}"]`);
      return {
        subject: document.querySelector('div.nH.a98.iY h2.hP')?.textContent,
        messageId: message?.getAttribute('data-message-id'),
        sender: message?.querySelector('table.cf.gJ td.gF h3.iw span.gD')?.getAttribute('email'),
        senderName: message?.querySelector('span.gD')?.getAttribute('name'),
        dateTitle: message?.querySelector('td.gH div.gK span.g3')?.getAttribute('title'),
        recipients: [...(message?.querySelectorAll('span.hb span.g2[email]') ?? [])].map((recipient) => recipient.getAttribute('email')),
        body: message?.querySelector('div.ii.gt div.a3s')?.textContent,
        attachments: [...(message?.querySelectorAll('div.hq.gt span.aZo span.aV3') ?? [])].map((name) => name.textContent),
        marker: (window as unknown as { demoMarker?: string }).demoMarker,
      };
    }, orderId);
    expect(view).toMatchObject({
      subject: 'Order: 100 units',
      messageId: `#msg-f:${BigInt(`0x${orderId}`).toString(10)}`,
      sender: jethro,
      senderName: 'Jethro Bodine',
      recipients: [ellie],
      attachments: ['smime.p7s'],
      marker: 'same page',
    });
    expect(view.dateTitle).toMatch(/2\d{3}/);
    expect(view.body).toContain('please ship 100 units');
    expect(page.url()).toContain(`#inbox/${orderId}`);

    const raw = await page.evaluate(async (id) => {
      const response = await fetch(`${location.pathname}?view=att&th=${id}&attid=0&disp=comp&safe=1&zw`);
      return Array.from(new Uint8Array(await response.arrayBuffer()));
    }, orderId);
    expect(Buffer.from(raw).equals(readStoryFile('jethro-order.eml'))).toBe(true);
  });

  it('goes back to the inbox and on to another message without reloading, keeping the old view hidden', async () => {
    const orderId = await storyId('jethro-order');
    await mail.goBackToInbox();
    const hidden = await page.evaluate((id) => {
      const oldMessage = document.querySelector<HTMLElement>(`div.adn.ads[data-legacy-message-id="${id}"]`);
      const view = oldMessage?.closest<HTMLElement>('div.aeF > div.nH > div');
      return { present: oldMessage !== null, display: view?.style.display, read: document.querySelector(`tr.zA span[data-legacy-message-id="${id}"]`)?.closest('tr')?.classList.contains('yO') };
    }, orderId);
    expect(hidden).toEqual({ present: true, display: 'none', read: true });

    const fakeBadgeId = await storyId('fake-badge');
    await mail.clickInboxRow(fakeBadgeId);
    const shown = await page.evaluate((oldId) => ({
      oldStillThere: document.querySelector(`div.adn.ads[data-legacy-message-id="${oldId}"]`) !== null,
      body: document.querySelector('div.adn.ads div.a3s')?.textContent ?? '',
      forgedHooks: document.querySelectorAll('[data-signet-status], [data-signet-signer]').length,
      marker: (window as unknown as { demoMarker?: string }).demoMarker,
    }), orderId);
    expect(shown.oldStillThere).toBe(false);
    expect(shown.body).toContain('✔ Signed by jethro@jedco.example — verified');
    expect(shown.forgedHooks).toBe(0);
    expect(shown.marker).toBe('same page');
  });

  it("shows an encrypted message as Gmail does: smime.p7m and no text (Jethro's account, via the switcher)", async () => {
    await Promise.all([page.waitForNavigation(), page.select('#demo-account-switcher', jethro)]);
    await mail.waitForInbox();
    const jethroToken = await fetchToken(webmail.origin, jethro);
    const encryptedId = await findIdByMessageId(webmail.origin, jethroToken, '<story-encrypted-for-jethro@signet.example>');
    await mail.clickInboxRow(encryptedId);
    const view = await page.evaluate(() => ({
      body: document.querySelector('div.adn.ads div.a3s')?.textContent ?? '',
      attachments: [...document.querySelectorAll('div.adn.ads span.aV3')].map((name) => name.textContent),
      account: document.querySelector<HTMLInputElement>('#demo-account-switcher')?.value,
    }));
    expect(view).toEqual({ body: '', attachments: ['smime.p7m'], account: jethro });
  });

  it('lets Ellie May compose and send to Jethro, who finds it in his inbox', async () => {
    await mail.open(ellie);
    const attachment = join(peopleDirectory, 'jedco-root.pem');
    await mail.writeMessage({ to: jethro, subject: 'Shipment on its way', body: 'The 100 units left this morning.\nEllie May', attachmentPaths: [attachment] });
    const fields = await page.evaluate(() => ({
      from: document.querySelector<HTMLInputElement>('div.AD [role=dialog] form input[name=from]')?.value,
      toolbarHasSend: document.querySelector('div.AD tr.btC td.gU.Up div.T-I.T-I-atl[role=button]') !== null,
    }));
    expect(fields).toEqual({ from: ellie, toolbarHasSend: true });
    expect(await mail.pressSend()).toBe('Message sent.');

    const jethroToken = await fetchToken(webmail.origin, jethro);
    const inbox = await callApi<{ messages: { id: string }[] }>(webmail.origin, '/gmail/v1/users/me/messages?q=subject:shipment', jethroToken);
    expect(inbox.body.messages).toHaveLength(1);
    const raw = await callApi<{ raw: string; labelIds: string[] }>(webmail.origin, `/gmail/v1/users/me/messages/${inbox.body.messages[0].id}?format=raw`, jethroToken);
    const text = Buffer.from(raw.body.raw, 'base64url').toString('utf8');
    expect(text).toMatch(/^From: ellie-may@clampett\.example\r\nTo: jethro@jedco\.example\r\n/);
    expect(text).toContain('The 100 units left this morning.');
    expect(text).toMatch(/Content-Type: multipart\/mixed;[\s\S]*Content-Type: multipart\/alternative;[\s\S]*Content-Type: text\/html; charset=UTF-8/);
    expect(text).toContain('Content-Disposition: attachment; filename="jedco-root.pem"');
    const attachedBase64 = /filename="jedco-root.pem"\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(text)?.[1] ?? '';
    expect(Buffer.from(attachedBase64.replace(/\r\n/g, ''), 'base64').equals(readFileSync(attachment))).toBe(true);
    expect(raw.body.labelIds).toEqual(['INBOX', 'UNREAD']);

    await page.evaluate(() => {
      location.hash = '#sent';
    });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-demo-view=sent] span.bog')].some((subject) => subject.textContent === 'Shipment on its way'));
  });

  it('threads a reply written with the Reply button into the same conversation', async () => {
    const orderId = await storyId('jethro-order');
    await mail.open(ellie, orderId);
    await mail.writeReply(orderId, 'Shipping them tomorrow.');
    const hidden = await page.evaluate(() => ({
      repliedTo: document.querySelector<HTMLInputElement>('div.AD form input[name=rm]')?.value,
      thread: document.querySelector<HTMLInputElement>('div.AD form input[name=lts]')?.value,
      to: document.querySelector<HTMLInputElement>('div.AD div[name=to] input')?.value,
      subject: document.querySelector<HTMLInputElement>('div.AD input[name=subjectbox]')?.value,
    }));
    expect(hidden).toEqual({ repliedTo: orderId, thread: orderId, to: jethro, subject: 'Re: Order: 100 units' });
    expect(await mail.pressSend()).toBe('Message sent.');
    await page.waitForFunction(() => document.querySelectorAll('div.nH.a98.iY div.adn.ads').length === 2);
    const reply = await callApi<{ messages: { id: string; threadId: string }[] }>(webmail.origin, '/gmail/v1/users/me/messages?labelIds=SENT&q=subject:re:', ellieToken);
    expect(reply.body.messages[0].threadId).toBe(orderId);
    const raw = await callApi<{ raw: string }>(webmail.origin, `/gmail/v1/users/me/messages/${reply.body.messages[0].id}?format=raw`, ellieToken);
    expect(Buffer.from(raw.body.raw, 'base64url').toString('utf8')).toContain('In-Reply-To: <story-jethro-order@signet.example>\r\n');
  });

  it('shows mail arriving while the inbox is open, without a reload', async () => {
    await mail.open(jethro);
    const raw = Buffer.from('From: ellie-may@clampett.example\r\nTo: jethro@jedco.example\r\nSubject: Arriving live\r\n\r\nhello\r\n').toString('base64url');
    await callApi(webmail.origin, '/gmail/v1/users/me/messages/send', ellieToken, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw }),
    });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-demo-view=inbox] span.bog')].some((subject) => subject.textContent === 'Arriving live'), { timeout: 15_000 });
  });
});
