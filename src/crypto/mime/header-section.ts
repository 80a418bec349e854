/**
 * Reading an entity's header section (RFC 5322 §2.2, §3.6; RFC 2045 §3) from bytes: where it
 * ends, its fields, and each field's exact byte range (splitMessage moves Content-* fields
 * into the signed entity byte for byte).
 */
import { SignetError } from '../../shared/errors';
import { CARRIAGE_RETURN, LINE_FEED } from './mime-bytes';
import type { HeaderField } from './mime-entity';

/**
 * No legitimate header section comes near this; a bigger one is an attack on memory or time.
 * (RFC 5322 §2.1.1 limits a line to 998 characters; folded fields add up, hence the margin.)
 */
export const MAXIMUM_HEADER_SECTION_BYTES = 1024 * 1024;

export interface RawHeaderField extends HeaderField {
  /** Offset of the field's first byte (its name). */
  start: number;
  /** Offset just past the field's last line ending. */
  end: number;
}

export interface HeaderSection {
  fields: RawHeaderField[];
  /** Offset of the body: just past the blank line, or `end` when there is no blank line. */
  bodyStart: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const latin1Decoder = new TextDecoder('latin1');

/**
 * Header bytes to text: UTF-8 where the bytes are valid UTF-8 (RFC 6532 internationalized
 * headers), else one character per byte, so nothing throws on legacy 8-bit headers.
 */
function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return latin1Decoder.decode(bytes);
  }
}

/** Offset just past the line that starts at `lineStart` (past its LF, or `end`). */
function findNextLineStart(bytes: Uint8Array, lineStart: number, end: number): number {
  const lineFeed = bytes.indexOf(LINE_FEED, lineStart);
  return lineFeed < 0 || lineFeed >= end ? end : lineFeed + 1;
}

function isBlankLine(bytes: Uint8Array, lineStart: number, lineEnd: number): boolean {
  const length = lineEnd - lineStart;
  if (length === 0) return true;
  if (length === 1) return bytes[lineStart] === LINE_FEED;
  return length === 2 && bytes[lineStart] === CARRIAGE_RETURN && bytes[lineStart + 1] === LINE_FEED;
}

/** Unfolds a field's value (RFC 5322 §2.2.3: remove each CRLF that precedes white space). */
function unfoldFieldValue(text: string): string {
  const unfolded = text.replace(/\r?\n(?=[ \t])/g, '');
  // Trimmed by hand: a regex like /\s+$/ backtracks quadratically over a long run of spaces.
  let first = 0;
  let last = unfolded.length;
  while (first < last && isFoldingWhiteSpace(unfolded.charCodeAt(first))) first += 1;
  while (last > first && isFoldingWhiteSpace(unfolded.charCodeAt(last - 1))) last -= 1;
  return unfolded.slice(first, last);
}

function isFoldingWhiteSpace(code: number): boolean {
  return code === SPACE || code === TAB || code === CARRIAGE_RETURN || code === LINE_FEED;
}

/** RFC 5322 §3.6.8: a field starts with 1*ftext (printable ASCII but colon), optional WSP, ':'. */
function looksLikeFieldStart(bytes: Uint8Array, lineStart: number, lineEnd: number): boolean {
  let position = lineStart;
  while (position < lineEnd && bytes[position] >= 33 && bytes[position] <= 126 && bytes[position] !== COLON) position += 1;
  if (position === lineStart) return false;
  while (position < lineEnd && (bytes[position] === SPACE || bytes[position] === TAB)) position += 1;
  return position < lineEnd && bytes[position] === COLON;
}

function parseField(bytes: Uint8Array, start: number, end: number, lineNumber: number): RawHeaderField {
  const colon = bytes.indexOf(COLON, start);
  const firstLineEnd = findNextLineStart(bytes, start, end);
  if (colon < 0 || colon >= firstLineEnd) {
    throw new SignetError('malformed-mime', `Header line ${lineNumber} is not a header field (it has no colon).`);
  }
  // RFC 5322 §3.6.8: field-name = 1*ftext (printable ASCII but colon); obsolete syntax allows
  // white space before the colon (§4.5), which is dropped.
  let nameEnd = colon;
  while (nameEnd > start && (bytes[nameEnd - 1] === SPACE || bytes[nameEnd - 1] === TAB)) nameEnd -= 1;
  if (nameEnd === start) {
    throw new SignetError('malformed-mime', `Header line ${lineNumber} has an empty field name.`);
  }
  for (let index = start; index < nameEnd; index += 1) {
    const byte = bytes[index];
    if (byte < 33 || byte > 126) {
      throw new SignetError('malformed-mime', `Header line ${lineNumber} has an invalid field name.`);
    }
  }
  const name = latin1Decoder.decode(bytes.subarray(start, nameEnd));
  const value = unfoldFieldValue(decodeHeaderBytes(bytes.subarray(colon + 1, end)));
  return { name, value, start, end };
}

/**
 * Reads the header section of the entity in `bytes[start, end)`. A section may be empty (the
 * entity starts with a blank line: RFC 2046 §5.1.1 defaults apply) and may lack the blank line
 * and body altogether (RFC 5322 §3.5: the body is optional).
 */
export function readHeaderSection(
  bytes: Uint8Array,
  start: number,
  end: number,
  options: { requireHeader?: boolean } = {},
): HeaderSection {
  const fields: RawHeaderField[] = [];
  let lineStart = start;
  let fieldStart = -1;
  let lineNumber = 0;
  let fieldLineNumber = 0;
  while (lineStart < end) {
    if (lineStart - start > MAXIMUM_HEADER_SECTION_BYTES) {
      throw new SignetError('malformed-mime', 'A header section is longer than 1 MiB; refusing to read it.');
    }
    const lineEnd = findNextLineStart(bytes, lineStart, end);
    if (lineEnd - start > MAXIMUM_HEADER_SECTION_BYTES) {
      throw new SignetError('malformed-mime', 'A header section is longer than 1 MiB; refusing to read it.');
    }
    lineNumber += 1;
    if (isBlankLine(bytes, lineStart, lineEnd)) {
      if (fieldStart >= 0) fields.push(parseField(bytes, fieldStart, lineStart, fieldLineNumber));
      return { fields, bodyStart: lineEnd };
    }
    const first = bytes[lineStart];
    if (first === SPACE || first === TAB) {
      if (fieldStart < 0) {
        if (options.requireHeader) {
          throw new SignetError('malformed-mime', `Header line ${lineNumber} continues a field that does not exist.`);
        }
        return { fields, bodyStart: lineStart };
      }
    } else {
      if (fieldStart >= 0) fields.push(parseField(bytes, fieldStart, lineStart, fieldLineNumber));
      if (!looksLikeFieldStart(bytes, lineStart, lineEnd)) {
        // Not a field and no blank line before it: the body starts here. OpenSSL writes signed
        // parts with no header at all (`openssl smime -sign` without -text), and mailers that
        // forget the blank line exist; every mail reader takes such a line as the body.
        if (options.requireHeader && lineNumber === 1) {
          throw new SignetError('malformed-mime', 'The first line is not a header field (it has no colon before its end, or an invalid field name).');
        }
        return { fields, bodyStart: lineStart };
      }
      fieldStart = lineStart;
      fieldLineNumber = lineNumber;
    }
    lineStart = lineEnd;
  }
  if (fieldStart >= 0) fields.push(parseField(bytes, fieldStart, end, fieldLineNumber));
  return { fields, bodyStart: end };
}
