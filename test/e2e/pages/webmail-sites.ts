import type { Page } from 'puppeteer-core';

export interface ListedSite {
  origin: string;
  active: boolean;
}

export type SiteOutcome = { added: true; sites: ListedSite[] } | { added: false; error: string; code: string };

/**
 * The management page's "Webmail sites" as a person uses it (FlowCrypt-style page object): type
 * the webmail's address, press the button, read the list; remove a site. Only DESIGN.md's hooks.
 */
export class WebmailSitesSection {
  constructor(readonly page: Page) {}

  async listedSites(): Promise<ListedSite[]> {
    await this.page.waitForSelector('[data-signet-list="sites"], [data-signet-empty="sites"]');
    return this.page.$$eval('[data-signet-site]', (elements) =>
      elements.map((element) => ({
        origin: element.getAttribute('data-signet-origin') ?? '',
        active: element.getAttribute('data-signet-active') === 'true',
      })),
    );
  }

  /** Types the address and presses the button, as a person does (the browser's prompt needs that click). */
  async addSite(address: string): Promise<SiteOutcome> {
    const input = '[data-signet-input="site-origin"]';
    await this.page.waitForSelector(input);
    await this.page.$eval(input, (element) => {
      if (!(element instanceof HTMLInputElement)) throw new Error('The site field is not an input.');
      element.value = '';
      element.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await this.page.type(input, address);
    const form = '[data-signet-form="add-site"]';
    const before = await this.page.$eval(form, (element) => Number(element.getAttribute('data-signet-attempts')));
    await this.page.click('[data-signet-action="add-site"]');
    await this.page.waitForFunction(
      (selector, count) => Number(document.querySelector(selector)?.getAttribute('data-signet-attempts')) > count,
      { timeout: 30_000 },
      form,
      before,
    );
    const error = await this.page.$('[data-signet-section="sites"] [data-signet-error]');
    if (error) {
      return error.evaluate((element) => ({ added: false as const, error: element.textContent ?? '', code: element.getAttribute('data-signet-error') ?? '' }));
    }
    return { added: true, sites: await this.listedSites() };
  }

  /** Presses Remove beside the site; returns the notice shown, if any. */
  async removeSite(origin: string): Promise<string | undefined> {
    await this.page.click(`[data-signet-site][data-signet-origin="${origin}"] [data-signet-action="remove-site"]`);
    await this.page.waitForFunction((value) => !document.querySelector(`[data-signet-site][data-signet-origin="${value}"]`), { timeout: 30_000 }, origin);
    const notice = await this.page.$('[data-signet-notice="sites"]');
    return notice ? notice.evaluate((element) => element.textContent ?? '') : undefined;
  }
}
