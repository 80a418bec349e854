import type { Frame, Page } from 'puppeteer-core';
import { DemoMailPage } from '../../webmail/demo-mail-page';

/**
 * Signet as a person meets it in the demo webmail (FlowCrypt-style page object, STYLE.md): "open
 * the order and read the badge", "trust this sender", "decrypt". Only DESIGN.md's DOM hooks and
 * TEAM.md's webmail landmarks are used; what the badge shows is in a closed shadow root, so it is
 * read through its host's hooks and driven with the keyboard, as a person could.
 */
export interface BadgeReading {
  status: string;
  signer: string;
  /** Where the host sits: the sender's element must be right before it, outside the body. */
  besideSender: boolean;
  insideBody: boolean;
}

/** Signet's badge of this message: the host in the message header (never an element the message drew). */
export function badgeSelector(messageId: string): string {
  return `div.adn.ads[data-legacy-message-id="${messageId}"] table.cf.gJ signet-badge`;
}

export class SignetInWebmail {
  readonly mail: DemoMailPage;

  constructor(readonly page: Page, readonly origin: string) {
    this.mail = new DemoMailPage(page, origin);
  }

  /** Waits for Signet's verdict on this message (the host gets `data-signet-status` once known). */
  async readBadge(messageId: string): Promise<BadgeReading> {
    const selector = `${badgeSelector(messageId)}[data-signet-status]`;
    try {
      await this.page.waitForSelector(selector, { timeout: 30_000 });
    } catch (error) {
      const state = await this.page.$eval(badgeSelector(messageId), (host) => host.outerHTML).catch(() => 'no badge host at all');
      throw new Error(`No verdict on message ${messageId}: ${state}`, { cause: error });
    }
    return this.page.$eval(selector, (host) => ({
      status: host.getAttribute('data-signet-status') ?? '',
      signer: host.getAttribute('data-signet-signer') ?? '',
      besideSender: host.previousElementSibling?.matches('span.gD[email]') ?? false,
      insideBody: host.closest('div.ii.gt') !== null,
    }));
  }

  /** Waits until the badge of this message says `status` (e.g. after trusting its signer). */
  async waitForStatus(messageId: string, status: string): Promise<BadgeReading> {
    await this.page.waitForSelector(`${badgeSelector(messageId)}[data-signet-status="${status}"]`, { timeout: 30_000 });
    return this.readBadge(messageId);
  }

  /**
   * Opens the badge's details and presses "Trust this sender…" with the keyboard: the details
   * panel has one button, the one after the badge in tab order.
   */
  async askToTrustSender(messageId: string): Promise<Frame> {
    const host = await this.page.waitForSelector(`${badgeSelector(messageId)}[data-signet-status="untrusted"]`);
    if (!host) throw new Error('no untrusted badge');
    await host.click();
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.press('Enter');
    return this.signetFrame(messageId, 'trust-sender');
  }

  /** Presses "Decrypt" in the message's decrypt frame (a person's click) and waits for the message. */
  async decrypt(messageId: string): Promise<Frame> {
    const frame = await this.signetFrame(messageId, 'decrypt');
    const button = await frame.waitForSelector('[data-signet-action="decrypt"]', { timeout: 30_000 });
    await button?.click();
    await frame.waitForSelector('[data-signet-decrypt="decrypted"]', { timeout: 30_000 });
    return frame;
  }

  /** Signet's frame of this kind in this message, once its page has loaded. */
  async signetFrame(messageId: string, name: 'decrypt' | 'trust-sender'): Promise<Frame> {
    const element = await this.page.waitForSelector(
      `div.adn.ads[data-legacy-message-id="${messageId}"] iframe[data-signet-frame="${name}"]`,
      { timeout: 30_000 },
    );
    const frame = await element?.contentFrame();
    if (!frame) throw new Error(`the ${name} frame has no document`);
    await frame.waitForSelector('body > div > *', { timeout: 30_000 });
    return frame;
  }
}

/** Imports a root certificate on the management page, as a person does. */
export async function importTrustAnchor(managementPage: Page, certificatePath: string): Promise<void> {
  const before = await managementPage.$$eval('[data-signet-anchor]', (anchors) => anchors.length);
  const input = await managementPage.waitForSelector('input[data-signet-input="trust-anchor-file"]');
  if (!input) throw new Error('No trust anchor file input on the management page.');
  await input.uploadFile(certificatePath);
  await managementPage.click('[data-signet-action="import-trust-anchor"]');
  await managementPage.waitForFunction((count) => document.querySelectorAll('[data-signet-anchor]').length > count, { timeout: 30_000 }, before);
}
