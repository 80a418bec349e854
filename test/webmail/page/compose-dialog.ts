import type { DemoClient } from './demo-client.js';
import { element } from './dom.js';
import { buildRawMessage, splitAddressInput, type ComposedAttachment } from './compose-message.js';

/**
 * The compose window, with Gmail's structure and names (GMAIL-NOTES.md section 3, TEAM.md): a
 * `div.AD` holding the `[role=dialog]` with its form, hidden `input[name=from]`, recipient boxes
 * `div[name=to|cc|bcc] input`, `input[name=subjectbox]`, the body `div[aria-label="Message Body"]`
 * and the send button `div.T-I.T-I-atl[data-tooltip^="Send"]` in `td.gU.Up` of the toolbar row
 * `tr.btC`; attachments as gmail.js finds them (`div.dL` with name `div.vI`, size `div.vJ`, link
 * `a.dO` to a blob: URL of the page's origin). Sending listens in the bubbling phase, so an extension that cancels the click in the
 * capture phase (as InboxSDK does) stops the demo's own send.
 */
export interface ComposeOptions {
  to?: string;
  subject?: string;
  body?: string;
  /** Replying: the message answered (hex id), its thread and its Message-ID chain. */
  reply?: { messageId: string; threadId: string; inReplyTo?: string; references: string[] };
}

let composeCount = 0;

export function openComposeDialog(client: DemoClient, options: ComposeOptions, onSent: (message: string) => void): HTMLElement {
  composeCount += 1;
  const host = document.querySelector('[data-demo-composes]');
  if (!host) {
    throw new Error('the page has no compose area');
  }
  const recipientBox = (name: string, label: string, value = ''): HTMLElement =>
    element('div', { class: 'anm', name },
      element('span', { class: 'aB' }, label),
      element('input', { class: 'agP aFw', type: 'text', 'aria-label': `${label} recipients`, autocomplete: 'off', value }),
    );
  const subjectInput = element('input', { name: 'subjectbox', class: 'aoT', placeholder: 'Subject', 'aria-label': 'Subject', value: options.subject ?? '' });
  const bodyEditor = element('div', {
    class: 'Am Al editable', role: 'textbox', 'aria-label': 'Message Body', 'aria-multiline': 'true',
    contenteditable: 'true', g_editable: 'true', tabindex: '1',
  });
  bodyEditor.innerText = options.body ?? '';
  const status = element('div', { class: 'aDh', 'data-demo-compose-status': '', role: 'status' });
  const sendButton = element('div', {
    class: 'T-I J-J5-Ji aoO v7 T-I-atl L3', role: 'button', tabindex: '1',
    'data-tooltip': 'Send \u202a(Ctrl-Enter)\u202c', 'aria-label': 'Send \u202a(Ctrl-Enter)\u202c',
  }, 'Send');
  const discardButton = element('div', { class: 'og T-I-J3', role: 'button', tabindex: '1', 'aria-label': 'Discard draft', 'data-tooltip': 'Discard draft' }, 'Discard');
  const fileInput = element('input', { type: 'file', name: 'Filedata', multiple: '', hidden: '', 'aria-label': 'Attach files' });
  const attachButton = element('div', { class: 'a1 aaA aMZ', role: 'button', tabindex: '1', command: 'Files', 'data-tooltip': 'Attach files', 'aria-label': 'Attach files' }, 'Attach files');
  const attachmentList = element('div', { class: 'GM' });
  const attachments: ComposedAttachment[] = [];
  const closeButton = element('button', { class: 'Ha', type: 'button', 'aria-label': 'Save & close' }, '×');
  const form = element('form', { method: 'POST', enctype: 'multipart/form-data', class: 'bAs' },
    element('input', { type: 'hidden', name: 'from', value: client.account }),
    element('input', { type: 'hidden', name: 'composeid', value: `c${composeCount}` }),
    element('input', { type: 'hidden', name: 'subject', value: options.subject ?? '' }),
    element('input', { type: 'hidden', name: 'rm', value: options.reply?.messageId ?? 'undefined' }),
    element('input', { type: 'hidden', name: 'lts', value: options.reply?.threadId ?? '' }),
    element('div', { class: 'aoD hl' },
      element('div', { class: 'GS' },
        element('div', { class: 'aoD az6 fX-from' }, element('span', { class: 'aB' }, 'From'), element('span', { class: 'az2 azX' }, client.account)),
        recipientBox('to', 'To', options.to),
        recipientBox('cc', 'Cc'),
        recipientBox('bcc', 'Bcc'),
      ),
    ),
    element('div', { class: 'aoD az6' }, subjectInput),
    element('div', { class: 'Ap' }, element('div', { class: 'Ar Au' }, bodyEditor)),
    attachmentList,
    element('div', { class: 'aDg' }, element('div', { class: 'aDj' }, status)),
    element('table', { class: 'IZ', role: 'presentation' },
      element('tbody', {},
        element('tr', { class: 'btC' },
          element('td', { class: 'gU Up' }, element('div', { class: 'J-J5-Ji btA' }, sendButton)),
          element('td', { class: 'gU oc' }, attachButton, fileInput),
          element('td', { class: 'gU az5' }, discardButton),
        ),
      ),
    ),
  );
  const title = options.reply ? `Re: ${(options.subject ?? '').replace(/^Re:\s*/i, '')}` : 'New Message';
  const dialog = element('div', { class: 'nH Hd', role: 'dialog', 'aria-label': title },
    element('div', { class: 'nH Hy aXJ' }, element('span', { class: 'aYF' }, title), closeButton),
    form,
  );
  const compose = element('div', { class: 'nH nn', 'data-demo-compose': '' }, element('div', { class: 'AD' }, dialog));
  host.append(compose);

  const value = (name: string): string => (form.querySelector<HTMLInputElement>(`div[name=${name}] input`)?.value ?? '');
  let sending = false;
  const send = async (): Promise<void> => {
    if (sending) {
      return;
    }
    const to = splitAddressInput(value('to'));
    const cc = splitAddressInput(value('cc'));
    const bcc = splitAddressInput(value('bcc'));
    if (to.length + cc.length + bcc.length === 0) {
      status.textContent = 'Please specify at least one recipient.';
      return;
    }
    sending = true;
    status.textContent = 'Sending…';
    try {
      const raw = buildRawMessage({
        from: client.account, to, cc, bcc, subject: subjectInput.value, text: bodyEditor.innerText, html: bodyEditor.innerHTML, attachments,
        inReplyTo: options.reply?.inReplyTo, references: options.reply?.references,
      });
      await client.sendRawMessage(raw, options.reply?.threadId);
      compose.remove();
      onSent('Message sent.');
    } catch (error) {
      status.textContent = `Sending failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      sending = false;
    }
  };
  sendButton.addEventListener('click', () => void send());
  sendButton.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void send();
    }
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  subjectInput.addEventListener('input', () => {
    form.querySelector<HTMLInputElement>('input[name=subject]')!.value = subjectInput.value;
  });
  attachButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    for (const file of Array.from(fileInput.files ?? [])) {
      void file.arrayBuffer().then((buffer) => {
        const attachment = { filename: file.name, mimeType: file.type || 'application/octet-stream', content: new Uint8Array(buffer) };
        attachments.push(attachment);
        const url = URL.createObjectURL(file);
        const removeButton = element('div', { class: 'vq', role: 'button', 'aria-label': `Remove attachment ${file.name}` }, '×');
        const item = element('div', { class: 'dL', 'data-demo-attachment': file.name },
          element('a', { class: 'dO', href: url, target: '_blank', download: file.name },
            element('div', { class: 'vI' }, file.name), element('div', { class: 'vJ' }, `(${Math.max(1, Math.round(file.size / 1024))}K)`)),
          removeButton);
        removeButton.addEventListener('click', () => {
          attachments.splice(attachments.indexOf(attachment), 1);
          URL.revokeObjectURL(url);
          item.remove();
        });
        attachmentList.append(item);
      });
    }
    fileInput.value = '';
  });
  discardButton.addEventListener('click', () => compose.remove());
  closeButton.addEventListener('click', () => compose.remove());
  (options.to ? bodyEditor : form.querySelector<HTMLInputElement>('div[name=to] input'))?.focus();
  return compose;
}
