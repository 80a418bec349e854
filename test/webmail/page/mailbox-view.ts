import type { DemoClient, MessageSummary } from './demo-client.js';
import { element, formatLongDate, formatShortDate } from './dom.js';

/**
 * The Inbox and Sent lists as Gmail draws them: `table.F.cf.zt tbody tr.zA` (unread `zE`, read
 * `yO`), one row per conversation (its newest message), each with
 * `span[data-thread-id="#thread-f:<dec>"][data-legacy-message-id="<hex>"]` inside `span.bog` (the
 * subject) and the sender in `span.yP[email]`.
 */
export type MailboxLabel = 'inbox' | 'sent';

export function createMailboxView(label: MailboxLabel): HTMLElement {
  return element('div', { class: 'nH', 'data-demo-view': label },
    element('div', { class: 'ae4 UI', role: 'main' },
      element('div', { class: 'Cp' },
        element('table', { class: 'F cf zt', role: 'grid' }, element('tbody', {})),
        element('div', { class: 'TC', 'data-demo-empty': '', hidden: '' }, label === 'inbox' ? 'Your inbox is empty.' : 'No sent messages.'),
      ),
    ),
  );
}

export async function refreshMailboxView(view: HTMLElement, label: MailboxLabel, client: DemoClient): Promise<number> {
  const messages = await client.listMailbox(label === 'inbox' ? 'INBOX' : 'SENT');
  const newestPerThread = new Map<string, MessageSummary & { threadUnread: boolean }>();
  for (const message of messages) {
    const known = newestPerThread.get(message.threadId);
    if (!known) {
      newestPerThread.set(message.threadId, { ...message, threadUnread: message.unread });
    } else if (message.unread) {
      known.threadUnread = true;
    }
  }
  const threads = [...newestPerThread.values()];
  // Redraw only when something changed, so a periodic refresh doesn't churn the DOM that
  // extensions observe.
  const signature = threads.map((message) => `${message.id}:${message.threadUnread ? 1 : 0}`).join(',');
  if (view.dataset.demoSignature === signature) {
    return threads.filter((message) => message.threadUnread).length;
  }
  view.dataset.demoSignature = signature;
  const rows = threads.map((message) => createRow(message, label, message.threadUnread));
  view.querySelector('tbody')?.replaceChildren(...rows);
  const empty = view.querySelector<HTMLElement>('[data-demo-empty]');
  if (empty) {
    empty.hidden = rows.length > 0;
  }
  return threads.filter((message) => message.threadUnread).length;
}

function createRow(message: MessageSummary, label: MailboxLabel, unread: boolean): HTMLElement {
  const person = label === 'sent' ? message.to[0] ?? message.cc[0] ?? { name: '', address: '' } : message.from;
  const shownName = person.name || person.address;
  const row = element('tr', { class: `zA ${unread ? 'zE' : 'yO'}`, role: 'row', tabindex: '-1', 'data-demo-thread': message.threadId },
    element('td', { class: 'oZ-x3 xY' }),
    element('td', { class: 'yX xY' },
      element('div', { class: 'yW' },
        label === 'sent' ? element('span', { class: 'bA4' }, 'To: ', element('span', { class: 'yP', email: person.address, name: shownName }, shownName))
          : element('span', { class: 'bA4' }, element('span', { class: `yP${unread ? ' zF' : ''}`, email: person.address, name: shownName }, shownName)),
      ),
    ),
    element('td', { class: 'xY a4W' },
      element('div', { class: 'xS', role: 'link' },
        element('div', { class: 'xT' },
          element('div', { class: 'y6' },
            element('span', { class: 'bog' },
              element('span', {
                'data-thread-id': `#thread-f:${message.threadDecimalId}`,
                'data-legacy-thread-id': message.threadId,
                'data-legacy-message-id': message.id,
              }, message.subject || '(no subject)'),
            ),
          ),
          element('span', { class: 'y2' }, ` - ${message.snippet}`),
        ),
      ),
    ),
    element('td', { class: 'xW xY' }, element('span', { title: formatLongDate(message.date) }, formatShortDate(message.date))),
  );
  row.addEventListener('click', () => {
    location.hash = `#${label}/${message.threadId}`;
  });
  return row;
}
