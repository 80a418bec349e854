/**
 * Builds the RFC 5322 message the demo's own compose sends: text/plain in UTF-8, quoted-printable
 * (RFC 2045 section 6.7), CRLF lines, a RFC 2047 encoded Subject when it isn't ASCII. Bcc is
 * written so the server can deliver to it; the server removes it from the delivered copies, as
 * Gmail does.
 */
export interface ComposedMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
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
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '');
  const head = encoder.encode(`${lines.join('\r\n')}\r\n`);
  const body = encoder.encode(encodeQuotedPrintable(encoder.encode(message.text.replace(/\r?\n/g, '\n'))));
  const raw = new Uint8Array(head.length + body.length);
  raw.set(head);
  raw.set(body, head.length);
  return raw;
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
