import type { AttachmentSummary, DemoClient, Mailbox, MessageViewModel, ThreadViewModel } from './demo-client.js';
import { element, formatLongDate } from './dom.js';
import { sanitizeHtml } from './sanitize-html.js';

/**
 * A conversation as Gmail draws it (GMAIL-NOTES.md section 1, TEAM.md landmarks): root
 * `div.nH.a98.iY`, subject `h2.hP`, each message `div.adn.ads` with `data-message-id="#msg-f:<dec>"`
 * and `data-legacy-message-id="<hex>"`, header `table.cf.gJ` (`td.gF h3.iw span.gD[email][name]`,
 * `td.gH div.gK span.g3[title]`), recipients `span.hb span.g2[email]`, body `div.ii.gt > div.a3s`
 * holding the sanitized HTML or the text, attachments `div.hq.gt span.aZo`.
 */
export interface ReplyRequest {
  message: MessageViewModel;
  thread: ThreadViewModel;
}

export function createThreadView(route: string): HTMLElement {
  return element('div', { class: 'nH', 'data-demo-view': 'thread', 'data-demo-route': route });
}

export function fillThreadView(view: HTMLElement, thread: ThreadViewModel, client: DemoClient, onReply: (request: ReplyRequest) => void): void {
  const first = thread.messages[0];
  const subject = element('h2', {
    class: 'hP', tabindex: '-1',
    'data-legacy-thread-id': thread.threadId, 'data-thread-perm-id': `thread-f:${first?.threadDecimalId ?? ''}`,
  }, first?.subject || '(no subject)');
  const list = element('div', { role: 'list' },
    ...thread.messages.map((message) =>
      element('div', { role: 'listitem', class: 'h7', 'aria-expanded': 'true' },
        createMessageElement(message, client, () => onReply({ message, thread }))),
    ),
  );
  const root = element('div', { class: 'nH a98 iY', role: 'main' },
    element('div', { class: 'nH V8djrc byY' }, element('a', { class: 'lS', href: `#${view.dataset.demoRoute?.split('/')[0] ?? 'inbox'}`, 'aria-label': 'Back' }, '← Back')),
    element('div', { class: 'ha' }, subject),
    element('div', { class: 'nH aHU' }, list),
  );
  view.replaceChildren(root);
}

function createMessageElement(message: MessageViewModel, client: DemoClient, onReply: () => void): HTMLElement {
  const sender = message.from;
  const senderName = sender.name || sender.address;
  const replyButton = element('span', { class: 'ams bkH', role: 'link', tabindex: '0' }, '↩ Reply');
  replyButton.addEventListener('click', onReply);
  return element('div', {
    class: 'adn ads', 'data-message-id': `#msg-f:${message.decimalId}`, 'data-legacy-message-id': message.id,
  },
    element('div', { class: 'gs' },
      element('div', { class: 'gE iv gt' },
        element('table', { class: 'cf gJ', role: 'presentation' },
          element('tbody', {},
            element('tr', { class: 'acZ' },
              element('td', { class: 'gF gK' },
                element('h3', { class: 'iw' },
                  element('span', { class: 'qu', role: 'gridcell', tabindex: '-1' },
                    element('span', { class: 'gD', email: sender.address, name: senderName }, senderName),
                    element('span', { class: 'go' }, ` <${sender.address}>`),
                  ),
                ),
              ),
              element('td', { class: 'gH bAk' },
                element('div', { class: 'gK' }, element('span', { class: 'g3', title: formatLongDate(message.date), alt: formatLongDate(message.date) }, formatLongDate(message.date))),
              ),
              element('td', { class: 'acX bAm' }),
            ),
            element('tr', { class: 'acZ xD' },
              element('td', { colspan: '3' }, createRecipientLine(message)),
            ),
          ),
        ),
      ),
      element('div', { class: 'ii gt' }, createBody(message)),
      message.attachments.length > 0 ? createAttachments(message, client) : null,
      element('div', { class: 'ip iq' }, replyButton),
    ),
  );
}

function createRecipientLine(message: MessageViewModel): HTMLElement {
  const people = (label: string, list: Mailbox[]): (Node | string)[] =>
    list.length === 0 ? [] : [`${label} `, ...list.flatMap((person, index) => [
      index > 0 ? ', ' : '',
      element('span', { class: 'g2', email: person.address, name: person.name || person.address }, person.name || person.address),
    ])];
  return element('div', { class: 'iw ajw' },
    element('span', { class: 'hb' }, ...people('to', message.to), message.cc.length ? '; ' : '', ...people('cc', message.cc)),
  );
}

function createBody(message: MessageViewModel): HTMLElement {
  const body = element('div', { class: 'a3s aiL', dir: 'ltr' });
  if (message.html) {
    body.append(sanitizeHtml(message.html));
  } else if (message.text !== undefined) {
    body.append(element('div', { class: 'demo-text-body' }, message.text));
  }
  return body;
}

function createAttachments(message: MessageViewModel, client: DemoClient): HTMLElement {
  const link = (attachment: AttachmentSummary): string =>
    `/mail/u/0/?view=att&th=${message.id}&attid=0.${attachment.index}&disp=safe&zw&account=${encodeURIComponent(client.account)}`;
  return element('div', { class: 'hq gt' },
    element('div', { class: 'aVW' }, `${message.attachments.length} attachment${message.attachments.length > 1 ? 's' : ''}`),
    element('div', { class: 'aQH' },
      ...message.attachments.map((attachment) =>
        element('span', { class: 'aZo', download_url: `${attachment.mimeType}:${attachment.filename}:${location.origin}${link(attachment)}` },
          element('a', { class: 'aQy', href: link(attachment), download: attachment.filename },
            element('span', { class: 'aV3' }, attachment.filename),
            element('div', { class: 'SaH2Ve' }, formatSize(attachment.size)),
          ),
        ),
      ),
    ),
  );
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}
