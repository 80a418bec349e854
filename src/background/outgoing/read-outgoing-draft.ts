/**
 * Checks the draft a content script sends (security model 7): the page could have put anything in
 * the compose fields, so every field is bounded and every address must parse as one mailbox
 * (RFC 5322 §3.4). Returns mailboxes for the message and a plain copy of the draft for storage.
 */
import { decodeBase64 } from '../../crypto/encoding/base64';
import { parseAddressList, type Mailbox } from '../../crypto/mime/index';
import { SignetError } from '../../shared/errors';
import type { OutgoingDraft } from '../../shared/protocol';
import { GMAIL_MAXIMUM_MESSAGE_BYTES } from '../transports/gmail-api-transport';

export const MAXIMUM_RECIPIENTS = 500;
const MAXIMUM_ADDRESS_CHARACTERS = 320;
const MAXIMUM_SUBJECT_CHARACTERS = 2000;
const MAXIMUM_ATTACHMENTS = 100;
const MAXIMUM_ID_CHARACTERS = 64;

export function readOutgoingDraft(value: unknown): OutgoingDraft {
  if (typeof value !== 'object' || value === null) throw bad('The request needs the draft.');
  const record = value as Record<string, unknown>;
  const attachments = readAttachments(record.attachments);
  const draft: OutgoingDraft = {
    from: readAddress(record.from, 'From'),
    to: readAddresses(record.to, 'To'),
    cc: readAddresses(record.cc, 'Cc'),
    bcc: readAddresses(record.bcc, 'Bcc'),
    subject: readText(record.subject, 'Subject', MAXIMUM_SUBJECT_CHARACTERS),
    text: readText(record.text, 'the text', GMAIL_MAXIMUM_MESSAGE_BYTES),
    html: record.html === undefined ? undefined : readText(record.html, 'the HTML', GMAIL_MAXIMUM_MESSAGE_BYTES),
    attachments,
    repliedMessageId: readId(record.repliedMessageId, 'repliedMessageId'),
    threadId: readId(record.threadId, 'threadId'),
  };
  if (draft.to.length + draft.cc.length + draft.bcc.length === 0) throw bad('Add at least one recipient.');
  if (draft.to.length + draft.cc.length + draft.bcc.length > MAXIMUM_RECIPIENTS) throw bad(`Signet sends to at most ${MAXIMUM_RECIPIENTS} recipients.`);
  return draft;
}

/** One mailbox: "Name <local@domain>" or "local@domain"; the address lower-cased for look-ups is the caller's business. */
export function toMailbox(text: string): Mailbox {
  let mailboxes: Mailbox[];
  try {
    mailboxes = parseAddressList(text);
  } catch (error) {
    throw new SignetError('bad-request', `"${text.slice(0, 80)}" is not an e-mail address.`, { cause: error });
  }
  if (/[\r\n]/.test(text) || mailboxes.length !== 1 || !/^[^\s@]+@[^\s@]+$/.test(mailboxes[0].address)) throw bad(`"${text.slice(0, 80)}" is not an e-mail address.`);
  return mailboxes[0];
}

export function decodeAttachments(draft: OutgoingDraft): { filename: string; contentType: string; bytes: Uint8Array }[] {
  return draft.attachments.map((attachment) => ({ filename: attachment.fileName, contentType: attachment.mediaType, bytes: decodeBase64(attachment.contentBase64) }));
}

function readAddress(value: unknown, field: string): string {
  const text = readText(value, field, MAXIMUM_ADDRESS_CHARACTERS).trim();
  toMailbox(text);
  return text;
}

function readAddresses(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAXIMUM_RECIPIENTS) throw bad(`${field} must be a list of at most ${MAXIMUM_RECIPIENTS} addresses.`);
  return value.map((item) => readAddress(item, field));
}

function readText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw bad(`The draft needs ${field} as text.`);
  if (value.length > maxLength) throw bad(`${field} is longer than Signet sends.`);
  return value;
}

function readId(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAXIMUM_ID_CHARACTERS || !/^[\w:-]+$/.test(value)) throw bad(`"${field}" is not a message id.`);
  return value;
}

function readAttachments(value: unknown): OutgoingDraft['attachments'] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAXIMUM_ATTACHMENTS) throw bad(`A draft carries at most ${MAXIMUM_ATTACHMENTS} attachments.`);
  let totalCharacters = 0;
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw bad('Each attachment needs a name, a type and its content.');
    const { fileName, mediaType, contentBase64 } = item as Record<string, unknown>;
    const attachment = {
      fileName: readText(fileName, 'an attachment name', 500),
      mediaType: readText(mediaType, 'an attachment type', 200),
      contentBase64: readText(contentBase64, 'an attachment', Math.ceil((GMAIL_MAXIMUM_MESSAGE_BYTES * 4) / 3) + 4),
    };
    totalCharacters += attachment.contentBase64.length;
    if (totalCharacters > Math.ceil((GMAIL_MAXIMUM_MESSAGE_BYTES * 4) / 3)) throw bad('The attachments are larger than the provider accepts (35 MB).');
    return attachment;
  });
}

function bad(message: string): SignetError {
  return new SignetError('bad-request', message);
}
