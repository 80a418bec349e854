// @vitest-environment happy-dom
/** Compose windows on the saved Gmail compose page (the writing features build on these). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ComposeView } from '../adapter';
import { GmailAdapter } from './gmail-adapter';

const PAGE = readFileSync(join(process.cwd(), 'test/fixtures/gmail-pages/gmail-compose.reconstructed.html'), 'utf8');
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let stop: AbortController;
beforeEach(() => {
  document.open();
  document.write(PAGE);
  document.close();
  stop = new AbortController();
});
afterEach(() => stop.abort());

describe('finding compose windows', () => {
  test('the open compose dialog is reported once; a second one when Compose is pressed again; closing one ends it', async () => {
    const views: ComposeView[] = [];
    new GmailAdapter(window).observeComposeViews((view) => views.push(view), stop.signal);
    await settle();
    expect(views).toHaveLength(1);
    expect(views[0].element.querySelector('input[name=from]')?.getAttribute('value')).toBe('jethro@jedco.example');

    const second = document.querySelector('div.AD')!.cloneNode(true) as HTMLElement;
    document.querySelector('div.no')!.append(second);
    await settle();
    expect(views).toHaveLength(2);

    second.remove();
    await settle();
    expect(views[1].signal.aborted).toBe(true);
    expect(views[0].signal.aborted).toBe(false);
  });
});
