/**
 * The MIME parser: RFC 5322 messages with RFC 2045/2046 entities, over bytes. Every node's `raw`
 * and `body` are subarrays of the input, never copies or re-serializations, because a detached
 * signature covers exactly the bytes of the signed part (RFC 8551 §3.5.3; RFC 1847 §2.1).
 *
 * Bounded against hostile input: nesting depth, part count and header size are limited, a
 * boundary search only compares bytes at line starts (linear), and anything that can't be read
 * as MIME is a SignetError('malformed-mime') saying what is wrong.
 */
import { SignetError } from '../../shared/errors';
import { CARRIAGE_RETURN, LINE_FEED, bytesMatchAt, textToBytes } from './mime-bytes';
import type { ContentType, MimeEntity } from './mime-entity';
import { readHeaderSection } from './header-section';
import { parseContentType } from './header-parameters';

/** Real mail nests a handful of levels (signed > mixed > alternative > related); 32 is generous. */
export const MAXIMUM_NESTING_DEPTH = 32;
/** Entities in one message, counting the root. */
export const MAXIMUM_PART_COUNT = 10_000;

const SPACE = 0x20;
const TAB = 0x09;
const HYPHEN = 0x2d;

interface ParseBudget {
  partsLeft: number;
}

function malformed(message: string): SignetError {
  return new SignetError('malformed-mime', message);
}

/** Offset just past the LF that ends the line containing `position`, or -1 if none before `end`. */
function findLineEnd(bytes: Uint8Array, position: number, end: number): number {
  const lineFeed = bytes.indexOf(LINE_FEED, position);
  return lineFeed < 0 || lineFeed >= end ? -1 : lineFeed + 1;
}

interface Delimiter {
  /** Offset of the first '-' of the delimiter line. */
  start: number;
  /** Offset just past the delimiter line (past its line break, or `end`). */
  lineEnd: number;
  closing: boolean;
}

/**
 * Finds the next line in [from, end) that is a boundary delimiter (RFC 2046 §5.1.1): `--boundary`,
 * optionally `--` (the close delimiter), then only transport padding (spaces, tabs) before the line
 * break. A line that merely starts with `--boundary` followed by more text is body content.
 */
function findDelimiter(bytes: Uint8Array, dashBoundary: Uint8Array, from: number, end: number): Delimiter | undefined {
  let lineStart = from;
  while (lineStart + dashBoundary.length <= end) {
    if (bytesMatchAt(bytes, lineStart, dashBoundary)) {
      const nextLineStart = findLineEnd(bytes, lineStart, end);
      let position = lineStart + dashBoundary.length;
      const closing = position + 1 < end && bytes[position] === HYPHEN && bytes[position + 1] === HYPHEN;
      if (closing) position += 2;
      while (position < end && (bytes[position] === SPACE || bytes[position] === TAB)) position += 1;
      const atLineEnd =
        position === end ||
        bytes[position] === LINE_FEED ||
        (bytes[position] === CARRIAGE_RETURN && (position + 1 === end || bytes[position + 1] === LINE_FEED));
      // Strict on purpose: "--b--x" is not a close delimiter of "b" (it could be a delimiter of an
      // inner boundary "b--x"); two parsers disagreeing on structure is a signature-wrapping risk.
      if (atLineEnd) {
        return { start: lineStart, lineEnd: nextLineStart < 0 ? end : nextLineStart, closing };
      }
    }
    const next = findNextLineStartingWithHyphen(bytes, lineStart, end);
    if (next < 0) return undefined;
    lineStart = next;
  }
  return undefined;
}

/**
 * The next line start after `lineStart` (just past an LF before `end`) whose first byte is '-':
 * only such a line can be a delimiter. A native `indexOf` skips a base64 body, which has no '-',
 * in one call instead of one call per line (bench/README.md, the profile).
 */
function findNextLineStartingWithHyphen(bytes: Uint8Array, lineStart: number, end: number): number {
  // Bounded to the part (plus the one byte a line start at `end` has), so nested parts stay linear.
  const scope = bytes.subarray(0, Math.min(end + 1, bytes.length));
  let hyphen = scope.indexOf(HYPHEN, lineStart + 1);
  while (hyphen >= 0) {
    if (scope[hyphen - 1] === LINE_FEED) return hyphen;
    hyphen = scope.indexOf(HYPHEN, hyphen + 1);
  }
  return -1;
}

/** RFC 2046 §5.1.1: the line break before a delimiter belongs to the delimiter, not to the part. */
function endBeforeLineBreak(bytes: Uint8Array, delimiterStart: number, partStart: number): number {
  let partEnd = delimiterStart;
  if (partEnd > partStart && bytes[partEnd - 1] === LINE_FEED) partEnd -= 1;
  if (partEnd > partStart && bytes[partEnd - 1] === CARRIAGE_RETURN) partEnd -= 1;
  return partEnd;
}

function parseMultipartChildren(
  bytes: Uint8Array,
  bodyStart: number,
  end: number,
  contentType: ContentType,
  depth: number,
  budget: ParseBudget,
): MimeEntity[] {
  const boundary = contentType.parameters.boundary;
  const mediaType = `${contentType.type}/${contentType.subtype}`;
  if (boundary === undefined || boundary === '') {
    throw malformed(`A ${mediaType} part has no boundary parameter.`);
  }
  if (boundary.length > 200) throw malformed(`A ${mediaType} boundary is longer than 200 characters.`);
  if (depth + 1 > MAXIMUM_NESTING_DEPTH) {
    throw malformed(`Multiparts are nested more than ${MAXIMUM_NESTING_DEPTH} levels deep.`);
  }
  const dashBoundary = textToBytes(`--${boundary}`);
  // RFC 2046 §5.1.5: parts of multipart/digest default to message/rfc822.
  const childDefault: ContentType =
    contentType.subtype === 'digest'
      ? { type: 'message', subtype: 'rfc822', parameters: {} }
      : { type: 'text', subtype: 'plain', parameters: { charset: 'us-ascii' } };

  let delimiter = findDelimiter(bytes, dashBoundary, bodyStart, end);
  if (delimiter === undefined) {
    throw malformed(`The boundary "${boundary}" of a ${mediaType} part never appears in its body.`);
  }
  const children: MimeEntity[] = [];
  while (!delimiter.closing) {
    const partStart = delimiter.lineEnd;
    const next: Delimiter | undefined = findDelimiter(bytes, dashBoundary, partStart, end);
    if (next === undefined) {
      throw malformed(`A ${mediaType} part ends without its close delimiter "--${boundary}--" (truncated message?).`);
    }
    const partEnd = endBeforeLineBreak(bytes, next.start, partStart);
    children.push(parseEntity(bytes, partStart, partEnd, depth + 1, budget, childDefault));
    delimiter = next;
  }
  if (children.length === 0) throw malformed(`A ${mediaType} part has no body parts.`);
  return children;
}

function parseEntity(
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
  budget: ParseBudget,
  defaultType: ContentType,
): MimeEntity {
  budget.partsLeft -= 1;
  if (budget.partsLeft < 0) throw malformed(`The message has more than ${MAXIMUM_PART_COUNT} parts.`);
  // The message itself must start with a header field (else it is not mail); a part may have none.
  const section = readHeaderSection(bytes, start, end, { requireHeader: depth === 0 });
  const headers = section.fields.map(({ name, value }) => ({ name, value }));
  const contentTypeFields = headers.filter((field) => field.name.toLowerCase() === 'content-type');
  // Two Content-Type fields would let two readers see two different structures; refuse.
  if (contentTypeFields.length > 1) throw malformed('An entity has more than one Content-Type field.');
  const contentType = contentTypeFields.length === 1 ? parseContentType(contentTypeFields[0].value) : defaultType;
  const encodingField = headers.find((field) => field.name.toLowerCase() === 'content-transfer-encoding');
  const contentTransferEncoding = encodingField === undefined ? '7bit' : encodingField.value.trim().toLowerCase();
  const children =
    contentType.type === 'multipart'
      ? parseMultipartChildren(bytes, section.bodyStart, end, contentType, depth, budget)
      : [];
  return {
    headers,
    contentType,
    contentTransferEncoding,
    raw: bytes.subarray(start, end),
    body: bytes.subarray(section.bodyStart, end),
    children,
  };
}

/** Length of an mbox "From " separator line at the very start, which is not part of the message. */
function mboxSeparatorLength(bytes: Uint8Array): number {
  if (!bytesMatchAt(bytes, 0, textToBytes('From '))) return 0;
  const lineEnd = bytes.indexOf(LINE_FEED);
  return lineEnd < 0 ? 0 : lineEnd + 1;
}

/**
 * Parses a message (or a bare MIME entity such as a decrypted CMS content) with CRLF or bare LF
 * line endings. Throws SignetError('malformed-mime') for input that is not MIME.
 */
export function parseMimeMessage(bytes: Uint8Array): MimeEntity {
  if (bytes.length === 0) throw malformed('The message is empty.');
  const start = mboxSeparatorLength(bytes);
  const budget: ParseBudget = { partsLeft: MAXIMUM_PART_COUNT };
  return parseEntity(bytes, start, bytes.length, 0, budget, parseContentType(undefined));
}
