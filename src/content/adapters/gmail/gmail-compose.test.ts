// @vitest-environment happy-dom
/**
 * Reading Gmail's compose window (issue 6) from the saved pages the selectors are checked against:
 * real Gmail's reconstructed compose (recipient chips), the demo's new message, and the demo's
 * reply with an attachment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComposeView } from '../adapter';
import { GmailComposeWindows } from './gmail-compose';
import { css } from './selectors';

function composeIn(fileName: string): ComposeView {
  const html = readFileSync(join(process.cwd(), 'test/fixtures/gmail-pages', fileName), 'utf8');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const dialogs = document.querySelectorAll<HTMLElement>(css('composeDialog'));
  return { element: dialogs[dialogs.length - 1], signal: new AbortController().signal };
}

const windows = new GmailComposeWindows(async () => new Response('attachment bytes', { headers: { 'content-type': 'text/plain' } }));

describe('reading a compose window', () => {
  it('real Gmail: From, recipients from chips, the send button and where the toolbar goes', () => {
    const view = composeIn('gmail-compose.reconstructed.html');
    const fields = windows.readFields(view);
    expect(fields).toMatchObject({ from: 'jethro@jedco.example', to: ['ellie-may@clampett.example'], cc: [], bcc: [], attachments: [] });
    expect(fields.repliedMessageId).toBeUndefined();
    const send = view.element.querySelector(css('composeSendButton'));
    expect(windows.isSendButton(view, send)).toBe(true);
    expect(windows.isSendButton(view, view.element.querySelector('[aria-haspopup=true]'))).toBe(false);
    expect(windows.isSendButton(view, view.element.querySelector(css('composeBody')))).toBe(false);
    const toolbar = document.createElement('td');
    expect(windows.placeToolbar(view, toolbar)).toBe(true);
    expect(toolbar.previousElementSibling?.matches(css('composeSendCell'))).toBe(true);
  });

  it('the demo: typed recipients, subject and body; "undefined" in rm is no reply', () => {
    const view = composeIn('demo-compose.html');
    const fields = windows.readFields(view);
    expect(fields).toMatchObject({ from: 'ellie-may@clampett.example', to: ['jethro@jedco.example'], subject: 'Order received' });
    expect(fields.repliedMessageId).toBeUndefined();
    expect(fields.threadId).toBeUndefined();
  });

  it('the demo’s reply: the answered message, its thread and the attachment', async () => {
    const view = composeIn('demo-compose-reply.html');
    const fields = windows.readFields(view);
    expect(fields.repliedMessageId).toMatch(/^[0-9a-f]{16}$/);
    expect(fields.threadId).toMatch(/^[0-9a-f]{16}$/);
    expect(fields.attachments).toHaveLength(1);
    expect(fields.attachments[0].fileName).toBe('delivery-note.txt');
    expect(fields.attachments[0].url).toMatch(/^blob:/);
    const fetched = await windows.fetchAttachment(fields.attachments[0]);
    expect(new TextDecoder().decode(fetched.bytes)).toBe('attachment bytes');
    expect(fetched.mediaType).toBe('text/plain');
  });

  it('several addresses typed in one box, with repeats, give each address once', () => {
    const view = composeIn('demo-compose.html');
    const input = view.element.querySelector<HTMLInputElement>(`${css('composeCcField')} ${css('composeRecipientInput')}`);
    if (!input) throw new Error('no Cc box');
    input.value = 'granny@jedco.example; Jed@Clampett.example, granny@jedco.example';
    expect(windows.readRecipients(view).cc).toEqual(['granny@jedco.example', 'Jed@Clampett.example']);
  });
});

/** A stand-in for Signet's frame: happy-dom can't load frames, and the adapter only places the element. */
const frameStandIn = (): HTMLIFrameElement => document.createElement('signet-frame-stand-in') as unknown as HTMLIFrameElement;

describe('Signet’s secure editor in place of the body (DESIGN.md security model 3)', () => {
  it('real Gmail: the body is emptied and hidden behind the frame, then given back with the text, line by line', () => {
    const view = composeIn('gmail-compose.reconstructed.html');
    const body = view.element.querySelector<HTMLElement>(css('composeBody'));
    if (!body) throw new Error('no body in the saved page');
    body.textContent = 'Dear Ellie May,';
    const inputs: string[] = [];
    body.addEventListener('input', (event) => inputs.push((event as InputEvent).inputType));
    expect(windows.readBodyText(view)).toContain('Dear Ellie May,');
    const frame = frameStandIn();
    expect(windows.coverBody(view, frame)).toBe(true);
    expect(body.textContent).toBe('');
    expect(body.style.getPropertyValue('display')).toBe('none');
    expect(body.nextElementSibling).toBe(frame);
    windows.uncoverBody(view, frame, 'Bring the mule.\n\n9931');
    expect(frame.isConnected).toBe(false);
    expect(body.style.getPropertyValue('display')).toBe('');
    expect([...body.children].map((row) => row.textContent)).toEqual(['Bring the mule.', '', '9931']);
    expect(inputs).toEqual(['deleteContent', 'insertReplacementText']);
  });

  it('a window without a body editor gets no secure editor', () => {
    const view = composeIn('demo-compose.html');
    view.element.querySelector(css('composeBody'))?.remove();
    expect(windows.coverBody(view, frameStandIn())).toBe(false);
  });
});
