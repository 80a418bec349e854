import PostalMime from 'postal-mime';
import type { MailStore, StoredMessage } from './mail-store';
import { hexIdToDecimal } from './message-ids';
import { bytesToBinaryString, findHeaderValue, parseContentType, splitEntity } from './raw-message';

/**
 * What the demo page shows of a message, decoded on the server with postal-mime. It shows what
 * Gmail shows: for multipart/signed the first part's text and smime.p7s as an attachment; for
 * application/pkcs7-mime only the attachment smime.p7m, no text (Gmail can't read S/MIME).
 */
export interface Mailbox {
  name: string;
  address: string;
}

export interface AttachmentSummary {
  /** 1-based, the N of `attid=0.N`. */
  index: number;
  filename: string;
  mimeType: string;
  size: number;
}

export interface MessageSummary {
  id: string;
  decimalId: string;
  threadId: string;
  threadDecimalId: string;
  labelIds: string[];
  unread: boolean;
  subject: string;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  /** Milliseconds since the epoch. */
  date: number;
  snippet: string;
}

export interface MessageViewModel extends MessageSummary {
  bcc: Mailbox[];
  rfc822MessageId?: string;
  references: string[];
  html?: string;
  text?: string;
  attachments: AttachmentSummary[];
}

interface ParsedForView {
  email: Awaited<ReturnType<typeof PostalMime.parse>> | undefined;
  isOpaqueSmime: boolean;
}

export async function parseForView(bytes: Uint8Array): Promise<ParsedForView> {
  const { fields } = splitEntity(bytesToBinaryString(bytes.subarray(0, 65_536)));
  const mediaType = parseContentType(findHeaderValue(fields, 'Content-Type')).mediaType;
  const isOpaqueSmime = mediaType === 'application/pkcs7-mime' || mediaType === 'application/x-pkcs7-mime';
  try {
    return { email: await PostalMime.parse(bytes), isOpaqueSmime };
  } catch {
    return { email: undefined, isOpaqueSmime };
  }
}

export async function buildMessageViewModel(store: MailStore, message: StoredMessage): Promise<MessageViewModel> {
  const bytes = store.readMessageBytes(message);
  const { email, isOpaqueSmime } = await parseForView(bytes);
  const attachments: AttachmentSummary[] = (email?.attachments ?? []).map((attachment, index) => ({
    index: index + 1,
    filename: attachment.filename ?? (isOpaqueSmime ? 'smime.p7m' : `attachment-${index + 1}`),
    mimeType: attachment.mimeType,
    size: contentSize(attachment.content),
  }));
  const text = isOpaqueSmime ? undefined : email?.text;
  const html = isOpaqueSmime ? undefined : email?.html;
  return {
    ...summarize(message, email),
    bcc: mailboxes(email?.bcc),
    rfc822MessageId: message.rfc822MessageId,
    references: message.referencedMessageIds,
    html,
    text: email || isOpaqueSmime ? text : bytesToBinaryString(bytes),
    attachments,
  };
}

export async function summarizeMessage(store: MailStore, message: StoredMessage): Promise<MessageSummary> {
  const { email } = await parseForView(store.readMessageBytes(message));
  return summarize(message, email);
}

function summarize(message: StoredMessage, email: ParsedForView['email']): MessageSummary {
  const from = email?.from;
  return {
    id: message.id,
    decimalId: hexIdToDecimal(message.id),
    threadId: message.threadId,
    threadDecimalId: hexIdToDecimal(message.threadId),
    labelIds: message.labelIds,
    unread: message.labelIds.includes('UNREAD'),
    subject: email?.subject ?? '',
    from: from && 'address' in from ? { name: from.name ?? '', address: (from.address ?? '').toLowerCase() } : { name: '', address: '' },
    to: mailboxes(email?.to),
    cc: mailboxes(email?.cc),
    date: message.internalDate,
    snippet: createSnippet(email),
  };
}

export function createSnippet(email: ParsedForView['email']): string {
  const source = email?.text ?? (email?.html ?? '').replace(/<style[\s\S]*?<\/style>|<[^>]*>/gi, ' ');
  return source.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

function mailboxes(list: { name?: string; address?: string; group?: unknown }[] | undefined): Mailbox[] {
  return (list ?? [])
    .filter((mailbox) => typeof mailbox.address === 'string')
    .map((mailbox) => ({ name: mailbox.name ?? '', address: (mailbox.address ?? '').toLowerCase() }));
}

function contentSize(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}
