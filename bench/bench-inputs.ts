/**
 * The messages the benchmark works on: an order from Jethro with a drawing attached (base64 in
 * 76-character CRLF lines, RFC 2045 §6.8), padded to the wanted size, and what OpenSSL makes of it
 * (signed, encrypted with PKCS#1 v1.5 and with OAEP). Written to a temporary directory so OpenSSL
 * and the Signet worker read the very same bytes.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from './fixtures';
import { opensslOrThrow } from './openssl-process';
import type { InputKind } from './operations';

// The Date is now: signatures are made now, and a Date far from the signing time is a replay
// (DESIGN.md, the date rule).
const OUTER_HEADER =
  'From: Jethro Bodine <jethro@jedco.example>\r\n' +
  'To: Ellie-May Clampett <ellie-may@clampett.example>\r\n' +
  'Subject: Order for tanker trucks, drawing attached\r\n' +
  `Date: ${new Date().toUTCString().replace('GMT', '+0000')}\r\n` +
  'Message-ID: <bench-order@jedco.example>\r\n' +
  'MIME-Version: 1.0\r\n';

const BOUNDARY = 'signet-bench-boundary-7f3a';

function contentEntity(size: number): string {
  const head =
    `Content-Type: multipart/mixed; boundary="${BOUNDARY}"\r\n\r\n` +
    `--${BOUNDARY}\r\n` +
    'Content-Type: text/plain; charset=us-ascii\r\n\r\n' +
    'Please find the drawing of the tanker trucks attached.\r\n\r\nJethro\r\n' +
    `--${BOUNDARY}\r\n` +
    'Content-Type: application/octet-stream; name="drawing.bin"\r\n' +
    'Content-Transfer-Encoding: base64\r\n' +
    'Content-Disposition: attachment; filename="drawing.bin"\r\n\r\n';
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  // Base64 lines of 76 characters + CRLF carry 57 bytes each.
  const room = Math.max(78, size - OUTER_HEADER.length - head.length - tail.length);
  const lines = Math.max(1, Math.floor(room / 78));
  const encoded = randomBytes(lines * 57).toString('base64');
  const body: string[] = [];
  for (let offset = 0; offset < encoded.length; offset += 76) body.push(encoded.slice(offset, offset + 76));
  return head + body.join('\r\n') + tail;
}

/** A whole message (outer header + content entity) of about `size` bytes, CRLF throughout. */
export function createMessage(size: number): { message: Uint8Array; content: Uint8Array } {
  const content = contentEntity(size);
  return { message: new Uint8Array(Buffer.from(OUTER_HEADER + content, 'latin1')), content: new Uint8Array(Buffer.from(content, 'latin1')) };
}

/** Prepends the outer header to an OpenSSL output whose first header is MIME-Version. */
function withOuterHeader(path: string): void {
  const made = readFileSync(path, 'latin1').replace(/^MIME-Version: 1\.0\r?\n/, '');
  writeFileSync(path, OUTER_HEADER + made.replace(/\r?\n/g, '\r\n'), 'latin1');
}

export type InputFiles = Record<InputKind, string>;

/**
 * Writes the plain message and OpenSSL's signed and encrypted forms of it into `directory`.
 * The signed and encrypted ones wrap the content entity and carry the same outer header, as a
 * mail client sends them (RFC 8551 §3.1).
 */
export function prepareInputs(directory: string, size: number): InputFiles {
  const { message, content } = createMessage(size);
  const files: InputFiles = {
    plain: join(directory, 'plain.eml'),
    signed: join(directory, 'signed.eml'),
    'encrypted-pkcs1v15': join(directory, 'encrypted-pkcs1v15.eml'),
    'encrypted-oaep': join(directory, 'encrypted-oaep.eml'),
  };
  writeFileSync(files.plain, message);
  const contentPath = join(directory, 'content.eml');
  writeFileSync(contentPath, content);
  opensslOrThrow([
    'cms', '-sign', '-in', contentPath, '-out', files.signed, '-md', 'sha256',
    '-signer', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key'), '-certfile', fixturePath('jedco-mail-ca.pem'),
  ]);
  withOuterHeader(files.signed);
  opensslOrThrow(['cms', '-encrypt', '-aes256', '-in', contentPath, '-out', files['encrypted-pkcs1v15'], fixturePath('jethro.pem')]);
  withOuterHeader(files['encrypted-pkcs1v15']);
  opensslOrThrow([
    'cms', '-encrypt', '-aes256', '-in', contentPath, '-out', files['encrypted-oaep'],
    '-recip', fixturePath('jethro.pem'), '-keyopt', 'rsa_padding_mode:oaep',
  ]);
  withOuterHeader(files['encrypted-oaep']);
  return files;
}
