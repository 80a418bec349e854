import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../harness/launch-browser';

export interface ListedIdentity {
  id: string;
  email: string;
  isDefault: boolean;
  text: string;
}

export interface ListedTrustAnchor {
  id: string;
  text: string;
}

export type ImportOutcome = { imported: true; notice: string } | { imported: false; error: string };

const PAGE_PATH = 'src/popup/manage/index.html';

/**
 * The management page as a person uses it (FlowCrypt-style page object): tests say "import
 * Jethro's digital ID", not which selector to click. Only DESIGN.md's DOM hooks are used.
 */
export class ManagementPage {
  private constructor(readonly page: Page) {}

  static async open(extension: ExtensionBrowser): Promise<ManagementPage> {
    const managementPage = new ManagementPage(await extension.openExtensionPage(PAGE_PATH));
    await managementPage.waitUntilLoaded();
    return managementPage;
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilLoaded();
  }

  async importDigitalId(filePath: string, password: string): Promise<ImportOutcome> {
    const fileInput = await this.page.waitForSelector('input[data-signet-input="pkcs12-file"]');
    if (!fileInput) throw new Error('No PKCS#12 file input on the management page.');
    await fileInput.uploadFile(filePath);
    const passwordField = '[data-signet-input="pkcs12-password"]';
    await this.page.$eval(passwordField, (input) => {
      if (!(input instanceof HTMLInputElement)) throw new Error('The password field is not an input.');
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await this.page.type(passwordField, password);
    const form = '[data-signet-form="import-pkcs12"]';
    const attemptsBefore = await this.page.$eval(form, (element) => Number(element.getAttribute('data-signet-attempts')));
    await this.page.click('[data-signet-action="import-pkcs12"]');
    await this.page.waitForFunction(
      (selector, before) => Number(document.querySelector(selector)?.getAttribute('data-signet-attempts')) > before,
      { timeout: 60_000 },
      form,
      attemptsBefore,
    );
    // Either a notice (the list is reloaded by then) or an error.
    const outcome = await this.page.$(`${form} [data-signet-error], [data-signet-notice="import-pkcs12"]`);
    const text = (await outcome?.evaluate((element) => element.textContent ?? '')) ?? '';
    const isError = (await outcome?.evaluate((element) => element.hasAttribute('data-signet-error'))) ?? true;
    return isError ? { imported: false, error: text } : { imported: true, notice: text };
  }

  async listedIdentities(): Promise<ListedIdentity[]> {
    return this.page.$$eval('[data-signet-identity]', (elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-signet-identity') ?? '',
        email: element.getAttribute('data-signet-email') ?? '',
        isDefault: element.getAttribute('data-signet-default') === 'true',
        text: element.textContent ?? '',
      })),
    );
  }

  /** Every error shown on the page, in order. */
  async errorTexts(): Promise<string[]> {
    return this.page.$$eval('[data-signet-error]', (elements) => elements.map((element) => element.textContent ?? ''));
  }

  async useForSigning(email: string): Promise<void> {
    await this.page.click(`[data-signet-identity][data-signet-email="${email}"] [data-signet-action="set-default-identity"]`);
    await this.page.waitForSelector(`[data-signet-identity][data-signet-email="${email}"][data-signet-default="true"]`);
  }

  async deleteIdentity(email: string): Promise<void> {
    const card = `[data-signet-identity][data-signet-email="${email}"]`;
    await this.page.click(`${card} [data-signet-action="delete-identity"]`);
    await this.page.click(`${card} [data-signet-action="confirm-delete-identity"]`);
    await this.page.waitForSelector(card, { hidden: true });
  }

  async exportCertificate(email: string, format: 'pem' | 'der'): Promise<void> {
    await this.page.click(`[data-signet-identity][data-signet-email="${email}"] [data-signet-action="export-certificate-${format}"]`);
  }

  async importTrustAnchor(filePath: string): Promise<void> {
    const countBefore = (await this.listedTrustAnchors()).length;
    const fileInput = await this.page.waitForSelector('input[data-signet-input="trust-anchor-file"]');
    if (!fileInput) throw new Error('No trust-anchor file input on the management page.');
    await fileInput.uploadFile(filePath);
    await this.page.click('[data-signet-action="import-trust-anchor"]');
    await this.page.waitForFunction(
      (before) =>
        document.querySelectorAll('[data-signet-anchor]').length > before ||
        document.querySelector('[data-signet-form="import-trust-anchor"] [data-signet-error]') !== null,
      {},
      countBefore,
    );
  }

  async listedTrustAnchors(): Promise<ListedTrustAnchor[]> {
    return this.page.$$eval('[data-signet-anchor]', (elements) =>
      elements.map((element) => ({ id: element.getAttribute('data-signet-anchor') ?? '', text: element.textContent ?? '' })),
    );
  }

  async stopTrusting(anchorId: string): Promise<void> {
    const card = `[data-signet-anchor="${anchorId}"]`;
    await this.page.click(`${card} [data-signet-action="delete-trust-anchor"]`);
    await this.page.click(`${card} [data-signet-action="confirm-delete-trust-anchor"]`);
    await this.page.waitForSelector(card, { hidden: true });
  }

  private async waitUntilLoaded(): Promise<void> {
    await this.page.waitForSelector('[data-signet-page="manage"][data-signet-loaded="true"]');
  }
}
