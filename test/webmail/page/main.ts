import { openComposeDialog } from './compose-dialog.js';
import { DemoClient } from './demo-client.js';
import { createMailboxView, refreshMailboxView, type MailboxLabel } from './mailbox-view.js';
import { createThreadView, fillThreadView, type ReplyRequest } from './thread-view.js';

/**
 * The demo page: hash routes (`#inbox`, `#sent`, `#inbox/<hex id>`, `#sent/<hex id>`) switch views
 * without reloading, and, as Gmail does, views are children of `div.aeF > div.nH` shown or hidden
 * by `style.display`: the lists stay, a conversation view is kept hidden when going back to the list
 * and replaced when another conversation opens.
 */
const account = document.body.dataset.demoAccount ?? '';
const client = new DemoClient(account);
const viewsHost = document.querySelector<HTMLElement>('[data-demo-views]')!;
const mailboxViews = new Map<MailboxLabel, HTMLElement>();

function showOnly(view: HTMLElement): void {
  for (const child of Array.from(viewsHost.children) as HTMLElement[]) {
    child.style.display = child === view ? '' : 'none';
  }
}

function parseRoute(hash: string): { label: MailboxLabel; id?: string } {
  const [label, id] = hash.replace(/^#/, '').split('/');
  return { label: label === 'sent' ? 'sent' : 'inbox', id: id && /^[0-9a-f]{1,16}$/i.test(id) ? id.toLowerCase() : undefined };
}

async function route(): Promise<void> {
  const { label, id } = parseRoute(location.hash || '#inbox');
  document.querySelectorAll('[data-demo-label]').forEach((item) => {
    item.classList.toggle('nZ', item.getAttribute('data-demo-label') === label);
  });
  if (!id) {
    await showMailbox(label);
    return;
  }
  const routeName = `${label}/${id}`;
  const existing = viewsHost.querySelector<HTMLElement>(`[data-demo-view=thread][data-demo-route="${routeName}"]`);
  if (existing) {
    showOnly(existing);
    return;
  }
  viewsHost.querySelectorAll('[data-demo-view=thread]').forEach((old) => old.remove());
  const view = createThreadView(routeName);
  viewsHost.append(view);
  showOnly(view);
  try {
    const thread = await client.getThread(id);
    fillThreadView(view, thread, client, openReply);
    document.title = `${thread.messages[0]?.subject ?? ''} - ${account} - Demo Mail`;
    await client.markThreadRead(thread.threadId);
    void updateUnreadCount();
  } catch (error) {
    view.textContent = `This message could not be opened (${error instanceof Error ? error.message : String(error)}).`;
  }
}

async function showMailbox(label: MailboxLabel): Promise<void> {
  let view = mailboxViews.get(label);
  if (!view) {
    view = createMailboxView(label);
    mailboxViews.set(label, view);
    viewsHost.append(view);
  }
  showOnly(view);
  document.title = `${label === 'inbox' ? 'Inbox' : 'Sent Mail'} - ${account} - Demo Mail`;
  const unread = await refreshMailboxView(view, label, client);
  if (label === 'inbox') {
    setUnreadCount(unread);
  }
}

async function updateUnreadCount(): Promise<void> {
  const messages = await client.listMailbox('INBOX');
  setUnreadCount(new Set(messages.filter((message) => message.unread).map((message) => message.threadId)).size);
}

function setUnreadCount(count: number): void {
  const badge = document.querySelector('[data-demo-unread]');
  if (badge) {
    badge.textContent = count > 0 ? String(count) : '';
  }
}

function notify(text: string): void {
  const area = document.querySelector<HTMLElement>('.vh');
  if (!area) return;
  area.textContent = text;
  area.parentElement?.parentElement?.classList.add('bAq');
  window.setTimeout(() => {
    if (area.textContent === text) {
      area.textContent = '';
      area.parentElement?.parentElement?.classList.remove('bAq');
    }
  }, 6000);
}

function afterSend(text: string): void {
  notify(text);
  const { label, id } = parseRoute(location.hash);
  if (!id) {
    void showMailbox(label);
  } else {
    viewsHost.querySelectorAll('[data-demo-view=thread]').forEach((old) => old.remove());
    void route();
  }
}

function openReply({ message, thread }: ReplyRequest): void {
  const fromMe = message.from.address === account;
  const replyTo = fromMe ? message.to.map((person) => person.address).join(', ') : message.from.address;
  openComposeDialog(client, {
    to: replyTo,
    subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
    reply: { messageId: message.id, threadId: thread.threadId, inReplyTo: message.rfc822MessageId, references: message.references },
  }, afterSend);
}

document.querySelector('.T-I-KE')?.addEventListener('click', () => openComposeDialog(client, {}, afterSend));
document.querySelector('.T-I-KE')?.addEventListener('keydown', (event) => {
  if ((event as KeyboardEvent).key === 'Enter') openComposeDialog(client, {}, afterSend);
});
document.querySelector<HTMLSelectElement>('#demo-account-switcher')?.addEventListener('change', (event) => {
  const chosen = (event.target as HTMLSelectElement).value;
  location.assign(`/mail/u/0/?account=${encodeURIComponent(chosen)}#inbox`);
});
window.addEventListener('hashchange', () => void route());
// New mail shows up without a reload, as in Gmail: the visible list is re-read every few seconds.
const REFRESH_MILLISECONDS = 4000;
window.setInterval(() => {
  const { label, id } = parseRoute(location.hash);
  const view = mailboxViews.get(label);
  if (!id && view && view.style.display === '') {
    void refreshMailboxView(view, label, client).then((unread) => label === 'inbox' && setUnreadCount(unread)).catch(() => undefined);
  }
}, REFRESH_MILLISECONDS);
if (!location.hash) {
  history.replaceState(null, '', `${location.pathname}${location.search}#inbox`);
}
void route();
