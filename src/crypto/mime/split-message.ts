/**
 * Splitting a message into what travels outside a signature or encryption and what goes inside,
 * and putting it back together (RFC 8551 §3.1: the MIME entity is what gets signed or encrypted;
 * RFC 5322 fields such as From and Subject stay in the outer header).
 */
import { toCanonicalLineEndings } from './canonicalize-for-signing';
import { formatHeaderField, formatHeaderFields } from './header-formatting';
import { readHeaderSection } from './header-section';
import type { HeaderField } from './mime-entity';
import { concatByteArrays, textToBytes, toCrlf } from './mime-bytes';

export interface SplitMessage {
  /** Every field except Content-* and MIME-Version, in order, unfolded. */
  outerHeaders: HeaderField[];
  /** The content entity: the Content-* fields byte for byte, a blank line and the body, in CRLF. */
  content: Uint8Array;
}

function isContentField(name: string): boolean {
  return name.toLowerCase().startsWith('content-');
}

function isMimeVersionField(name: string): boolean {
  return name.toLowerCase() === 'mime-version';
}

function withTrailingCrlf(field: Uint8Array): Uint8Array {
  const length = field.length;
  if (length >= 2 && field[length - 2] === 0x0d && field[length - 1] === 0x0a) return field;
  return concatByteArrays([field, textToBytes('\r\n')]);
}

/**
 * Splits a whole message (CRLF or bare LF). `content` has CRLF line endings everywhere except
 * inside binary parts (toCanonicalLineEndings); canonicalizeForSigning then makes it transport-
 * safe. A message without Content-Type gets an explicit
 * `text/plain; charset=us-ascii` (RFC 2045 §5.2's default, written out so no reader guesses).
 */
export function splitMessage(bytes: Uint8Array): SplitMessage {
  // The header is read from a CRLF copy (fields are moved byte for byte); the body is taken from
  // the input and made canonical part by part, so binary parts keep their octets.
  const headerEnd = readHeaderSection(bytes, 0, bytes.length);
  const message = toCrlf(bytes.subarray(0, headerEnd.bodyStart));
  const section = readHeaderSection(message, 0, message.length);
  const outerHeaders: HeaderField[] = [];
  const contentFields: Uint8Array[] = [];
  for (const field of section.fields) {
    if (isContentField(field.name)) contentFields.push(withTrailingCrlf(message.subarray(field.start, field.end)));
    else if (!isMimeVersionField(field.name)) outerHeaders.push({ name: field.name, value: field.value });
  }
  const hasContentType = section.fields.some((field) => field.name.toLowerCase() === 'content-type');
  if (!hasContentType) contentFields.unshift(textToBytes(formatHeaderField('Content-Type', 'text/plain; charset=us-ascii')));
  const content = concatByteArrays([...contentFields, textToBytes('\r\n'), bytes.subarray(headerEnd.bodyStart)]);
  return { outerHeaders, content: toCanonicalLineEndings(content) };
}

/**
 * The inverse of splitMessage: the outer fields (minus any Content-* or MIME-Version, which the
 * entity brings), `MIME-Version: 1.0`, then the entity, whose own header continues the message's
 * header. The entity's bytes are copied unchanged: they may be signed.
 */
export function assembleMessage(outerHeaders: readonly HeaderField[], contentEntity: Uint8Array): Uint8Array {
  return concatByteArrays([textToBytes(formatOuterHeader(outerHeaders)), contentEntity]);
}

/** The outer header assembleMessage writes before the entity (for writers that build the message in one buffer). */
export function formatOuterHeader(outerHeaders: readonly HeaderField[]): string {
  const kept = outerHeaders.filter((field) => !isContentField(field.name) && !isMimeVersionField(field.name));
  return formatHeaderFields(kept) + formatHeaderField('MIME-Version', '1.0');
}

/** Names RFC 9788 §2.2 suggests protecting, in the order they are copied. */
const PROTECTED_HEADER_NAMES = ['from', 'to', 'cc', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references'];

/**
 * Header protection (RFC 9788 §2): copies From, To, Cc, Reply-To, Subject, Date, Message-ID,
 * In-Reply-To and References into the header of the entity that will be signed or encrypted, and
 * marks its Content-Type with `hp="clear"` (signed only) or `hp="cipher"` (encrypted), plus the
 * older `protected-headers="v1"` that pre-RFC readers (Thunderbird, the Autocrypt draft) look for.
 * A verifier then compares the protected From with the outer one. The entity's body is untouched.
 */
export function copyHeadersIntoEntity(
  content: Uint8Array,
  headers: readonly HeaderField[],
  mode: 'clear' | 'cipher' = 'clear',
): Uint8Array {
  // Only the header is rewritten (in CRLF); the body stays byte for byte, binary octets included.
  const section = readHeaderSection(content, 0, content.length);
  const copied = headers.filter((field) => PROTECTED_HEADER_NAMES.includes(field.name.toLowerCase()));
  const parts: Uint8Array[] = [];
  let sawContentType = false;
  for (const field of section.fields) {
    const raw = withTrailingCrlf(toCrlf(content.subarray(field.start, field.end)));
    if (field.name.toLowerCase() === 'content-type' && !sawContentType) {
      sawContentType = true;
      parts.push(raw.subarray(0, raw.length - 2), textToBytes(`;\r\n hp="${mode}"; protected-headers="v1"\r\n`));
    } else if (!PROTECTED_HEADER_NAMES.includes(field.name.toLowerCase())) {
      parts.push(raw);
    }
  }
  if (!sawContentType) {
    parts.unshift(textToBytes(`Content-Type: text/plain; charset=us-ascii;\r\n hp="${mode}"; protected-headers="v1"\r\n`));
  }
  parts.push(textToBytes(formatHeaderFields(copied)), textToBytes('\r\n'), content.subarray(section.bodyStart));
  return concatByteArrays(parts);
}
