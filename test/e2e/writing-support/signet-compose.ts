import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/**
 * Signet in the demo webmail's compose window, as a person meets it (FlowCrypt-style page object,
 * STYLE.md): "press Sign", "press Send", "confirm in Signet's window". Only DESIGN.md's DOM hooks
 * (`[data-signet-action]` with `aria-pressed`, `[data-signet-frame]`) and TEAM.md's landmarks.
 */
export interface SelfCheckReading {
  outcome: string;
  form: string;
  text: string;
}

export class SignetCompose {
  constructor(readonly page: Page) {}

  /** The newest compose window. */
  async dialog(): Promise<ElementHandle<Element>> {
    const dialogs = await this.page.$$('div.AD [role=dialog]');
    const dialog = dialogs[dialogs.length - 1];
    if (!dialog) throw new Error('no compose window is open');
    return dialog;
  }

  /** Waits until Signet's toggle is in the newest compose window and usable (its identity found). */
  async waitForToggles(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const dialogs = document.querySelectorAll('div.AD [role=dialog]');
        const toggle = dialogs[dialogs.length - 1]?.querySelector('[data-signet-action="sign"]');
        return toggle?.getAttribute('aria-disabled') === 'false';
      },
      { timeout: 30_000 },
    );
  }

  async isPressed(action: 'sign' | 'encrypt'): Promise<boolean> {
    const dialog = await this.dialog();
    return dialog.$eval(`[data-signet-action="${action}"]`, (toggle) => toggle.getAttribute('aria-pressed') === 'true');
  }

  /** A person's click on the toggle (a trusted event from the browser's input pipeline). */
  async press(action: 'sign' | 'encrypt'): Promise<void> {
    await this.waitForToggles();
    const toggle = await (await this.dialog()).$(`[data-signet-action="${action}"]`);
    await toggle?.click();
  }

  /** Each recipient's certificate state, once Signet looked the typed addresses up. */
  async recipientStates(): Promise<Record<string, string>> {
    const handle = await this.page.waitForFunction(
      () => {
        const dialogs = document.querySelectorAll('div.AD [role=dialog]');
        return dialogs[dialogs.length - 1]?.querySelector('signet-compose-status[data-signet-recipient-states]')?.getAttribute('data-signet-recipient-states') || false;
      },
      { timeout: 30_000 },
    );
    const text = (await handle.jsonValue()) as string;
    return Object.fromEntries(text.split(' ').map((pair) => pair.split('=')));
  }

  /** Makes the toggle be `pressed`, by clicking it when needed (after the defaults settled). */
  async set(action: 'sign' | 'encrypt', pressed: boolean): Promise<void> {
    await this.waitForToggles();
    await this.recipientStates();
    if ((await this.isPressed(action)) !== pressed) await this.press(action);
    if ((await this.isPressed(action)) !== pressed) throw new Error(`the ${action} toggle did not turn ${pressed ? 'on' : 'off'}`);
  }

  /** Waits until the recipients' certificates were looked up (the status lists each address). */
  async waitForEncryptDefault(pressed: boolean): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => {
        const dialogs = document.querySelectorAll('div.AD [role=dialog]');
        return dialogs[dialogs.length - 1]?.querySelector('[data-signet-action="encrypt"]')?.getAttribute('aria-pressed') === String(wanted);
      },
      { timeout: 30_000 },
      pressed,
    );
  }

  /** A person's click on the webmail's own Send button. */
  async pressWebmailSend(): Promise<void> {
    const button = await (await this.dialog()).$('td.gU.Up div.T-I.T-I-atl[role=button][data-tooltip^="Send"]');
    if (!button) throw new Error('no Send button');
    await button.click();
  }

  /** Signet's send-confirmation frame, once its page has loaded the draft. */
  async confirmationFrame(): Promise<Frame> {
    const element = await this.page.waitForSelector('iframe[data-signet-frame="send-confirmation"]', { timeout: 30_000 });
    const frame = await element?.contentFrame();
    if (!frame) throw new Error('the send-confirmation frame has no document');
    await frame.waitForSelector('[data-signet-send="confirming"], [data-signet-send="failed"]', { timeout: 30_000 });
    // A person reads what they confirm; Signet ignores a click on a button shown for less than
    // 400 ms (use-visible-to-person.ts: a page could flash the frame under the pointer).
    await new Promise((resolve) => setTimeout(resolve, 700));
    return frame;
  }

  /** Presses Send, then confirms in Signet's frame; returns the self-check's reading. */
  async sendAndConfirm(): Promise<{ frame: Frame; selfCheck: SelfCheckReading }> {
    await this.pressWebmailSend();
    const frame = await this.confirmationFrame();
    await frame.click('[data-signet-action="confirm-send"]');
    return { frame, selfCheck: await this.readSelfCheck(frame) };
  }

  async readSelfCheck(frame: Frame, form = ''): Promise<SelfCheckReading> {
    const selector = form ? `[data-signet-self-check][data-signet-sent-form="${form}"]` : '[data-signet-self-check]';
    const report = await frame.waitForSelector(`${selector}, [data-signet-error]`, { timeout: 60_000 });
    return (await report!.evaluate((element) => ({
      outcome: element.getAttribute('data-signet-self-check') ?? `error: ${element.textContent ?? ''}`,
      form: element.getAttribute('data-signet-sent-form') ?? '',
      text: element.textContent ?? '',
    }))) as SelfCheckReading;
  }

  /** Closes Signet's frame with its Close/Cancel button. */
  async closeFrame(frame: Frame): Promise<void> {
    await frame.click('[data-signet-action="close-send"], [data-signet-action="cancel-send"]');
    await this.page.waitForFunction(() => document.querySelector('iframe[data-signet-frame="send-confirmation"]') === null);
  }

  /** What Signet's status line beside the toggles reports (its host's hooks). */
  async composeStatus(): Promise<{ state: string; missing: string[] }> {
    const dialog = await this.dialog();
    return dialog.$eval('signet-compose-status', (host) => ({
      state: host.getAttribute('data-signet-compose-state') ?? '',
      missing: (host.getAttribute('data-signet-missing-certificates') ?? '').split(' ').filter((address) => address !== ''),
    }));
  }

  async waitForComposeState(state: string): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => {
        const dialogs = document.querySelectorAll('div.AD [role=dialog]');
        return dialogs[dialogs.length - 1]?.querySelector('signet-compose-status')?.getAttribute('data-signet-compose-state') === wanted;
      },
      { timeout: 30_000 },
      state,
    );
  }

  /** Waits until no compose window is open (Signet closed it after sending). */
  async waitForComposeClosed(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelectorAll('div.AD [role=dialog]').length === 0, { timeout: 30_000 });
  }
}
