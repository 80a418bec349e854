import type { Page } from 'puppeteer-core';

/**
 * A page object for the demo webmail (FlowCrypt's page-recipe style, STYLE.md): tests say what a
 * person does (open a message, go back to the inbox, write and send a message), not which
 * selector they click. The selectors are the landmarks of TEAM.md.
 */
export class DemoMailPage {
  constructor(readonly page: Page, readonly origin: string) {}

  /** Opens the account's mail page; with an id, that message's conversation. */
  async open(account: string, messageId?: string): Promise<void> {
    const hash = messageId ? `#inbox/${messageId}` : '#inbox';
    await this.page.goto(`${this.origin}/mail/u/0/?account=${encodeURIComponent(account)}${hash}`);
    await (messageId ? this.waitForMessage(messageId) : this.waitForInbox());
  }

  async waitForInbox(): Promise<void> {
    await this.page.waitForFunction(() => {
      const view = document.querySelector<HTMLElement>('div.aeF > div.nH > [data-demo-view=inbox]');
      return view !== null && view.style.display === '' && view.querySelector('table.F.cf.zt tbody') !== null;
    });
  }

  /** Waits until the message with this hex id is shown (visible) in a conversation view. */
  async waitForMessage(messageId: string): Promise<void> {
    await this.page.waitForFunction(
      (id) => {
        const message = document.querySelector<HTMLElement>(`div.adn.ads[data-legacy-message-id="${id}"]`);
        return message !== null && message.offsetParent !== null;
      },
      {},
      messageId,
    );
  }

  /** The subjects in the inbox list, top to bottom. */
  async listInboxSubjects(): Promise<string[]> {
    await this.waitForInbox();
    return this.page.$$eval('[data-demo-view=inbox] tr.zA span.bog', (subjects) => subjects.map((subject) => subject.textContent ?? ''));
  }

  /** Clicks the inbox row of the conversation holding this message (a person's click, no reload). */
  async clickInboxRow(messageId: string): Promise<void> {
    const row = `[data-demo-view=inbox] tr.zA span[data-legacy-message-id="${messageId}"]`;
    // The list redraws itself when read flags change (after going back to the inbox, its refresh
    // may land between finding the row and clicking it): a person would click the new row, so do that.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.click(row);
        break;
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('detached')) throw error;
        await this.page.waitForSelector(row);
      }
    }
    await this.waitForMessage(messageId);
  }

  /** Goes back to the inbox as the Back arrow does (in-page, no reload). */
  async goBackToInbox(): Promise<void> {
    await this.page.evaluate(() => {
      location.hash = '#inbox';
    });
    await this.waitForInbox();
  }

  /** Opens the compose window and fills it; returns without sending. */
  async writeMessage(draft: { to: string; cc?: string; bcc?: string; subject: string; body: string; attachmentPaths?: string[] }): Promise<void> {
    const before = await this.page.$$eval('div.AD [role=dialog]', (dialogs) => dialogs.length);
    await this.page.click('div.T-I.T-I-KE.L3[role=button]');
    await this.page.waitForFunction((count) => document.querySelectorAll('div.AD [role=dialog]').length > count, {}, before);
    const dialogs = await this.page.$$('div.AD [role=dialog]');
    const dialog = dialogs[dialogs.length - 1];
    const typeInto = async (selector: string, text: string): Promise<void> => {
      const field = await dialog.$(selector);
      if (!field) throw new Error(`the compose window has no ${selector}`);
      await field.type(text);
    };
    await typeInto('div[name=to] input', draft.to);
    if (draft.cc) await typeInto('div[name=cc] input', draft.cc);
    if (draft.bcc) await typeInto('div[name=bcc] input', draft.bcc);
    await typeInto('input[name=subjectbox]', draft.subject);
    await typeInto('div[aria-label="Message Body"][contenteditable=true]', draft.body);
    const paths = draft.attachmentPaths ?? [];
    if (paths.length > 0) {
      const fileInput = await dialog.$('input[type=file][name=Filedata]');
      if (!fileInput) throw new Error('the compose window has no file input');
      await (fileInput as import('puppeteer-core').ElementHandle<HTMLInputElement>).uploadFile(...paths);
      await this.page.waitForFunction((element, count) => element.querySelectorAll('div.dL').length === count, {}, dialog, paths.length);
    }
  }

  /** Presses Reply under an opened message and types the answer; returns without sending. */
  async writeReply(messageId: string, body: string): Promise<void> {
    const before = await this.page.$$eval('div.AD [role=dialog]', (dialogs) => dialogs.length);
    await this.page.click(`div.adn.ads[data-legacy-message-id="${messageId}"] span.ams[role=link]`);
    await this.page.waitForFunction((count) => document.querySelectorAll('div.AD [role=dialog]').length > count, {}, before);
    const dialogs = await this.page.$$('div.AD [role=dialog]');
    const editor = await dialogs[dialogs.length - 1].$('div[aria-label="Message Body"][contenteditable=true]');
    await editor?.type(body);
  }

  /** Presses Send in the newest compose window and waits for "Message sent." or an error. */
  async pressSend(): Promise<string> {
    const dialogs = await this.page.$$('div.AD [role=dialog]');
    const dialog = dialogs[dialogs.length - 1];
    const button = await dialog?.$('td.gU.Up div.T-I.T-I-atl[role=button][data-tooltip^="Send"]');
    if (!button) {
      throw new Error('no compose window with a Send button is open');
    }
    await button.click();
    const outcome = await this.page.waitForFunction(
      (element) => {
        const notice = document.querySelector('.vh')?.textContent ?? '';
        const status = element.querySelector('[data-demo-compose-status]')?.textContent ?? '';
        if (!element.isConnected && notice) return notice;
        return status.startsWith('Sending failed') ? status : false;
      },
      {},
      dialog,
    );
    return (await outcome.jsonValue()) as string;
  }
}
