// @vitest-environment happy-dom
/**
 * Every Gmail selector matches in each saved page it names (refined-github's model): when Gmail or
 * the demo webmail changes a landmark, this says which selector and which page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GMAIL_SELECTORS, type GmailSelectorName } from './selectors';

/** Vitest runs from the repository root. */
const PAGES_DIRECTORY = join(process.cwd(), 'test/fixtures/gmail-pages/');

const loadedPages = new Map<string, Document>();

function loadPage(fileName: string): Document {
  let document = loadedPages.get(fileName);
  if (!document) {
    const html = readFileSync(PAGES_DIRECTORY + fileName, 'utf8');
    document = new DOMParser().parseFromString(html, 'text/html');
    loadedPages.set(fileName, document);
  }
  return document;
}

const pagesToSelectors = new Map<string, GmailSelectorName[]>();
for (const [name, selector] of Object.entries(GMAIL_SELECTORS) as [GmailSelectorName, (typeof GMAIL_SELECTORS)[GmailSelectorName]][]) {
  for (const page of selector.mustMatchIn) pagesToSelectors.set(page, [...(pagesToSelectors.get(page) ?? []), name]);
}

for (const [page, names] of pagesToSelectors) {
  describe(`the saved page ${page}`, () => {
    test.each(names)('has what the selector "%s" looks for', (name) => {
      expect(loadPage(page).querySelector(GMAIL_SELECTORS[name].css), GMAIL_SELECTORS[name].css).not.toBeNull();
    });
  });
}

describe('a message view page', () => {
  test('the sender of the opened message is in its header, not in its body', () => {
    for (const page of GMAIL_SELECTORS.sender.mustMatchIn) {
      const document = loadPage(page);
      const opened = document.querySelector(GMAIL_SELECTORS.openedMessage.css);
      const sender = opened?.querySelector(`${GMAIL_SELECTORS.messageHeader.css} ${GMAIL_SELECTORS.senderHeading.css} ${GMAIL_SELECTORS.sender.css}`);
      expect(sender, page).toBeTruthy();
      expect(sender?.closest(GMAIL_SELECTORS.bodyWrapper.css), page).toBeNull();
      expect(sender?.getAttribute('email'), page).toMatch(/@/);
    }
  });
});
