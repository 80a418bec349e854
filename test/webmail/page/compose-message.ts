/**
 * Builds the RFC 5322 message the demo's own compose sends, shaped like Gmail's: a
 * multipart/alternative of text/plain and text/html (UTF-8, quoted-printable, RFC 2045 section
 * 6.7), inside a multipart/mixed with base64 attachments (RFC 2183 Content-Disposition, RFC 2231
 * file names) when there are any; CRLF lines; RFC 2047 Subject when it isn't ASCII. Bcc is written
 * so the server can deliver to it; the server removes it from the delivered copies, as Gmail does.
 */
export interface ComposedAttachment {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

export interface ComposedMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  /** The editor's HTML; absent for a text-only message. */
  html?: string;
  attachments?: ComposedAttachment[];
  inReplyTo?: string;
  references?: string[];
}

const encoder = new TextEncoder();

export function buildRawMessage(message: ComposedMessage, now = new Date()): Uint8Array {
  const domain = message.from.split('@')[1] ?? 'demo.example';
  const lines = [`From: ${message.from}`];
  if (message.to.length) lines.push(`To: ${message.to.join(', ')}`);
  if (message.cc.length) lines.push(`Cc: ${message.cc.join(', ')}`);
  if (message.bcc.length) lines.push(`Bcc: ${message.bcc.join(', ')}`);
  lines.push(`Subject: ${encodeHeaderText(message.subject)}`);
  lines.push(`Date: ${formatRfc5322Date(now)}`);
  lines.push(`Message-ID: <${randomHex(12)}@${domain}>`);
  if (message.inReplyTo) {
    lines.push(`In-Reply-To: ${message.inReplyTo}`);
    lines.push(`References: ${[...(message.references ?? []), message.inReplyTo].join(' ')}`);
  }
  lines.push('MIME-Version: 1.0');
  return encoder.encode(`${lines.join('\r\n')}\r\n${buildBody(message)}`);
}

/** The content headers and body, as one string of ASCII (everything non-ASCII is encoded). */
function buildBody(message: ComposedMessage): string {
  const textPart = textEntity('text/plain', message.text);
  let content = textPart;
  if (message.html !== undefined) {
    const boundary = `alt-${randomHex(12)}`;
    content = multipartEntity('alternative', boundary, [textPart, textEntity('text/html', `<div dir="ltr">${message.html}</div>`)]);
  }
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) {
    return content;
  }
  const boundary = `mixed-${randomHex(12)}`;
  return multipartEntity('mixed', boundary, [content, ...attachments.map(attachmentEntity)]);
}

function textEntity(mediaType: string, text: string): string {
  const body = encodeQuotedPrintable(encoder.encode(text.replace(/\r?\n/g, '\n')));
  return `Content-Type: ${mediaType}; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`;
}

function multipartEntity(subtype: string, boundary: string, parts: string[]): string {
  const delimited = parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('');
  return `Content-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n${delimited}--${boundary}--\r\n`;
}

function attachmentEntity(attachment: ComposedAttachment): string {
  const name = encodeFilenameParameter(attachment.filename);
  const mediaType = /^[\w.+-]+\/[\w.+-]+$/.test(attachment.mimeType) ? attachment.mimeType : 'application/octet-stream';
  let binary = '';
  for (let offset = 0; offset < attachment.content.length; offset += 0x8000) {
    binary += String.fromCharCode(...attachment.content.subarray(offset, offset + 0x8000));
  }
  const base64 = (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
  return [
    `Content-Type: ${mediaType}; ${name.replace('filename', 'name')}`,
    `Content-Disposition: attachment; ${name}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64,
  ].join('\r\n');
}

/** `filename="x"` for plain ASCII names, else RFC 2231 `filename*=UTF-8''%xx`. */
function encodeFilenameParameter(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename) && !/["\\]/.test(filename)) {
    return `filename="${filename}"`;
  }
  const encoded = Array.from(encoder.encode(filename), (byte) =>
    /[A-Za-z0-9._-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
  return `filename*=UTF-8''${encoded}`;
}

export function splitAddressInput(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((address) => address.trim())
    .filter((address) => address !== '');
}

/** Quoted-printable with soft line breaks so no line exceeds 76 characters. */
export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const output: string[] = [];
  let line = '';
  const flush = (soft: boolean): void => {
    output.push(soft ? `${line}=` : line);
    line = '';
  };
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === 0x0a) {
      if (line.endsWith(' ') || line.endsWith('\t')) {
        line = `${line.slice(0, -1)}=${line.charCodeAt(line.length - 1).toString(16).toUpperCase().padStart(2, '0')}`;
      }
      flush(false);
      continue;
    }
    const printable = (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) || byte === 0x20 || byte === 0x09;
    const piece = printable ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) {
      flush(true);
    }
    line += piece;
  }
  if (line.endsWith(' ') || line.endsWith('\t')) {
    line = `${line.slice(0, -1)}=${line.charCodeAt(line.length - 1).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  output.push(line);
  return output.join('\r\n');
}

/** RFC 2047 "B" encoded-words for non-ASCII header text, each under 76 characters. */
function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text;
  }
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (encoder.encode(chunk + character).length > 42) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${btoa(String.fromCharCode(...encoder.encode(word)))}?=`).join('\r\n ');
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 section 3.3 date-time, in UTC. */
function formatRfc5322Date(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
