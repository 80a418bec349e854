/**
 * Building a new message from compose fields (RFC 5322, RFC 2045-2047, RFC 2183, RFC 2231, RFC 2387
 * multipart/related). The result is ready to sign as it is: every part is 7-bit with lines of at
 * most 76 characters (quoted-printable text, base64 attachments), so canonicalizeForSigning leaves
 * it unchanged (RFC 8551 §3.1.1).
 *
 * Layout: multipart/mixed ( body, attachments... ) where body is the text part, the HTML part
 * (inside multipart/related with its inline images), or multipart/alternative of both.
 */
import { SignetError } from '../../shared/errors';
import type { Mailbox } from './address-list';
import { encodeBase64Lines } from './base64-transfer-encoding';
import { encodeHeaderText } from './encoded-words';
import { formatMailbox } from './format-mailbox';
import { formatHeaderField, quoteParameterValue } from './header-formatting';
import { concatByteArrays, textToBytes, toCrlf } from './mime-bytes';
import type { HeaderField } from './mime-entity';
import { encodeQuotedPrintable } from './quoted-printable';
import { createBoundaryAbsentFrom } from './random-boundary';
import { assembleMessage } from './split-message';

export interface InlineImage {
  /** Without angle brackets; the HTML refers to it as `cid:<contentId>`. */
  contentId: string;
  contentType: string;
  filename: string;
  bytes: Uint8Array;
}

export interface Attachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface Draft {
  from: Mailbox;
  to: Mailbox[];
  cc?: Mailbox[];
  /** Used for the envelope by whoever sends; never written into the message. */
  bcc?: Mailbox[];
  subject: string;
  date?: Date;
  /** With or without angle brackets; generated when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  inlineImages?: InlineImage[];
  attachments?: Attachment[];
  /** Written after the standard fields; Bcc, Content-* and MIME-Version are ignored here. */
  extraHeaders?: HeaderField[];
}

/** An entity being assembled: its Content-* header lines and its body. */
interface BuiltEntity {
  header: string;
  body: Uint8Array;
}

function serializeEntity(entity: BuiltEntity): Uint8Array {
  return concatByteArrays([textToBytes(entity.header + '\r\n'), entity.body]);
}

function badDraft(message: string): SignetError {
  return new SignetError('bad-request', message);
}

/** RFC 2045 §5.1: type "/" subtype, both tokens; anything else would inject syntax. */
function checkedMediaType(contentType: string): string {
  const trimmed = contentType.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(trimmed) ? trimmed : 'application/octet-stream';
}

/** RFC 2045 §7 / RFC 5322 §3.6.4 msg-id: `<left@right>` with no white space or brackets inside. */
function checkedMessageId(value: string, what: string): string {
  const bare = value.trim().replace(/^<|>$/g, '');
  if (!/^[^\s<>()\\",;:@]+@[^\s<>()\\",;:@]+$/.test(bare) && !/^[^\s<>]+$/.test(bare)) {
    throw badDraft(`${what} "${value.slice(0, 80)}" is not a message id.`);
  }
  return `<${bare}>`;
}

function textPart(text: string, subtype: 'plain' | 'html'): BuiltEntity {
  return {
    header:
      formatHeaderField('Content-Type', `text/${subtype}; charset=utf-8`) +
      formatHeaderField('Content-Transfer-Encoding', 'quoted-printable'),
    body: encodeQuotedPrintable(toCrlf(textToBytes(text))),
  };
}

/** Percent-encodes UTF-8 for an RFC 2231 extended value (attribute-char stays literal). */
function percentEncode(text: string): string {
  return Array.from(textToBytes(text), (byte) => {
    const character = String.fromCharCode(byte);
    return /[A-Za-z0-9!#$&+.^_`|~-]/.test(character) ? character : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

/**
 * A file name parameter: plain when it is printable ASCII, else RFC 2231 (`filename*=UTF-8''...`),
 * split into numbered sections (`filename*0*`, `filename*1*`...) so no header line passes 76
 * characters; sections never split a %XX escape.
 */
function fileNameParameter(name: string, fileName: string): string {
  if (/^[\x20-\x7e]*$/.test(fileName) && fileName.length <= 60) return `${name}=${quoteParameterValue(fileName)}`;
  const encoded = `UTF-8''${percentEncode(fileName)}`;
  if (encoded.length <= 60) return `${name}*=${encoded}`;
  const sections: string[] = [];
  let rest = encoded;
  while (rest.length > 0) {
    let cut = Math.min(56, rest.length);
    const escape = rest.lastIndexOf('%', cut - 1);
    if (escape >= 0 && escape > cut - 3 && cut < rest.length) cut = escape;
    sections.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return sections.map((section, index) => `${name}*${index}*=${section}`).join('; ');
}

function filePart(
  bytes: Uint8Array,
  contentType: string,
  fileName: string,
  disposition: 'attachment' | 'inline',
  contentId?: string,
): BuiltEntity {
  const safeName = fileName.replace(/[\r\n\t\\/]+/g, ' ').trim() || 'attachment';
  // name= in Content-Type is what Outlook and older readers look at (RFC 2045 §7 deprecated it,
  // readers still use it): written as encoded-words when needed, as many mailers do.
  // Each folded line is " " + word: the first word follows `name="`, the last is followed by `"`.
  const legacyName = /^[\x20-\x7e]*$/.test(safeName) ? safeName : encodeHeaderText(safeName, 76 - 1 - 'name="'.length, 76 - 1 - 1);
  let header =
    formatHeaderField('Content-Type', `${checkedMediaType(contentType)}; name=${quoteParameterValue(legacyName)}`) +
    formatHeaderField('Content-Transfer-Encoding', 'base64') +
    formatHeaderField('Content-Disposition', `${disposition}; ${fileNameParameter('filename', safeName)}`);
  if (contentId !== undefined) header += formatHeaderField('Content-ID', checkedMessageId(contentId, 'The Content-ID'));
  return { header, body: encodeBase64Lines(bytes) };
}

function multipart(subtype: string, parts: BuiltEntity[], extraParameters = ''): BuiltEntity {
  const serialized = parts.map(serializeEntity);
  const boundary = createBoundaryAbsentFrom(serialized);
  const pieces: Uint8Array[] = [];
  for (const part of serialized) pieces.push(textToBytes(`--${boundary}\r\n`), part, textToBytes('\r\n'));
  // No line break after the close delimiter: inside a parent, the next CRLF belongs to the
  // parent's delimiter (RFC 2046 §5.1.1); composeMessage ends the whole message with one.
  pieces.push(textToBytes(`--${boundary}--`));
  return {
    header: formatHeaderField('Content-Type', `multipart/${subtype};${extraParameters} boundary="${boundary}"`),
    body: concatByteArrays(pieces),
  };
}

type DraftBody = Pick<Draft, 'text' | 'html' | 'inlineImages' | 'attachments'>;

function buildBody(draft: DraftBody): BuiltEntity {
  const images = draft.inlineImages ?? [];
  let htmlEntity: BuiltEntity | undefined;
  if (draft.html !== undefined) {
    htmlEntity = textPart(draft.html, 'html');
    if (images.length > 0) {
      const imageParts = images.map((image) => filePart(image.bytes, image.contentType, image.filename, 'inline', image.contentId));
      // RFC 2387 §3.1: type= names the root part's type.
      htmlEntity = multipart('related', [htmlEntity, ...imageParts], ' type="text/html";');
    }
  }
  const textEntity = draft.text !== undefined ? textPart(draft.text, 'plain') : undefined;
  let body: BuiltEntity;
  if (textEntity !== undefined && htmlEntity !== undefined) body = multipart('alternative', [textEntity, htmlEntity]);
  else body = htmlEntity ?? textEntity ?? textPart('', 'plain');
  const attachments = draft.attachments ?? [];
  if (attachments.length === 0) return body;
  const attachmentParts = attachments.map((attachment) => filePart(attachment.bytes, attachment.contentType, attachment.filename, 'attachment'));
  return multipart('mixed', [body, ...attachmentParts]);
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 §3.3 date-time, in UTC (`+0000`), e.g. "Sat, 28 Nov 2026 12:00:00 +0000". */
export function formatMessageDate(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${DAY_NAMES[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** RFC 5322 §3.6.4: a globally unique id; random left part, the sender's domain on the right. */
function generateMessageId(from: Mailbox): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1).replace(/[^A-Za-z0-9.-]/g, '') || 'signet.invalid';
  return `<${random}.signet@${domain}>`;
}

const FIELDS_NOT_FROM_EXTRA_HEADERS = new Set(['bcc', 'mime-version', 'from', 'to', 'cc', 'subject', 'date', 'message-id']);

function buildOuterHeaders(draft: Draft): HeaderField[] {
  const headers: HeaderField[] = [
    { name: 'Date', value: formatMessageDate(draft.date ?? new Date()) },
    { name: 'From', value: formatMailbox(draft.from) },
  ];
  if (draft.to.length > 0) headers.push({ name: 'To', value: draft.to.map(formatMailbox).join(', ') });
  if (draft.cc !== undefined && draft.cc.length > 0) headers.push({ name: 'Cc', value: draft.cc.map(formatMailbox).join(', ') });
  // "Subject: " takes 9 of the first line's 76 columns.
  headers.push({ name: 'Subject', value: encodeHeaderText(draft.subject.replace(/[\r\n]+/g, ' '), 76 - 'Subject: '.length) });
  headers.push({
    name: 'Message-ID',
    value: draft.messageId !== undefined ? checkedMessageId(draft.messageId, 'The Message-ID') : generateMessageId(draft.from),
  });
  if (draft.inReplyTo !== undefined) headers.push({ name: 'In-Reply-To', value: checkedMessageId(draft.inReplyTo, 'In-Reply-To') });
  if (draft.references !== undefined && draft.references.length > 0) {
    headers.push({ name: 'References', value: draft.references.map((reference) => checkedMessageId(reference, 'A reference')).join(' ') });
  }
  for (const field of draft.extraHeaders ?? []) {
    const name = field.name.trim();
    if (!/^[!-9;-~]+$/.test(name)) throw badDraft(`"${name.slice(0, 40)}" is not a header field name.`);
    const lower = name.toLowerCase();
    if (FIELDS_NOT_FROM_EXTRA_HEADERS.has(lower) || lower.startsWith('content-')) continue;
    headers.push({ name, value: /^[\x20-\x7e\t]*$/.test(field.value) ? field.value : encodeHeaderText(field.value) });
  }
  return headers;
}

/** Composes a whole RFC 5322 message. Bcc recipients are not written (RFC 5322 §3.6.3). */
export function composeMessage(draft: Draft): Uint8Array {
  const outerHeaders = buildOuterHeaders(draft);
  const body = buildBody(draft);
  // A multipart ends its message with a line break after the close delimiter; a text body ends
  // as its author wrote it (RFC 5322 §2.3 lets the last line go without CRLF).
  const multipartBody = body.header.startsWith('Content-Type: multipart/');
  const entity = serializeEntity(multipartBody ? { header: body.header, body: concatByteArrays([body.body, textToBytes('\r\n')]) } : body);
  return assembleMessage(outerHeaders, entity);
}

/** The content entity alone (Content-* header and body), as composeMessage would embed it. */
export function composeContentEntity(draft: DraftBody): Uint8Array {
  return serializeEntity(buildBody(draft));
}
