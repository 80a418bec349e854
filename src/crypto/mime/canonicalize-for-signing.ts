/**
 * Canonical form for signing (RFC 8551 §3.1.1 and §3.1.3): an entity whose bytes no mail transport
 * will change, so the bytes signed are the bytes received. Providers fold long lines and strip
 * trailing white space (Gmail: DESIGN.md "What providers do to signed mail"), mbox writers turn
 * "From " into ">From ", and 8-bit bytes get re-encoded; a part with any of those risks is
 * re-encoded (text as quoted-printable, everything else as base64). Parts already safe are left
 * byte for byte as they are, and the line endings become CRLF (RFC 8551 §3.1.1).
 */
import { encodeBase64Lines } from './base64-transfer-encoding';
import { decodeBody } from './decode-body';
import { readHeaderSection } from './header-section';
import { concatByteArrays, textToBytes, toCrlf } from './mime-bytes';
import type { MimeEntity } from './mime-entity';
import { parseMimeMessage } from './parse-mime-message';
import { encodeQuotedPrintable } from './quoted-printable';

/** RFC 2045 §2.7 allows 998; 76 is what survives providers that fold (RFC 2045 §6.7 and §6.8). */
const MAXIMUM_SAFE_LINE_LENGTH = 76;

const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Whether a body (CRLF already) would pass any transport unchanged: 7-bit without NUL, CR only in
 * CRLF, lines of at most 76 characters, no white space at a line's end, no line starting "From ".
 */
export function isTransportSafeBody(body: Uint8Array): boolean {
  let lineStart = 0;
  while (lineStart < body.length) {
    let lineFeed = body.indexOf(LINE_FEED, lineStart);
    let contentEnd: number;
    if (lineFeed < 0) {
      lineFeed = body.length;
      contentEnd = body.length;
    } else {
      // A line feed must end a CRLF pair.
      if (lineFeed === lineStart || body[lineFeed - 1] !== CARRIAGE_RETURN) return false;
      contentEnd = lineFeed - 1;
    }
    if (contentEnd - lineStart > MAXIMUM_SAFE_LINE_LENGTH) return false;
    if (contentEnd > lineStart) {
      const last = body[contentEnd - 1];
      if (last === SPACE || last === TAB) return false;
    }
    if (
      body[lineStart] === 0x46 &&
      contentEnd - lineStart >= 5 &&
      body[lineStart + 1] === 0x72 &&
      body[lineStart + 2] === 0x6f &&
      body[lineStart + 3] === 0x6d &&
      body[lineStart + 4] === SPACE
    ) {
      return false;
    }
    for (let index = lineStart; index < contentEnd; index += 1) {
      const byte = body[index];
      if (byte >= 0x80 || byte === 0 || byte === CARRIAGE_RETURN) return false;
    }
    lineStart = lineFeed + 1;
  }
  return true;
}

function isTextEntity(entity: MimeEntity): boolean {
  return entity.contentType.type === 'text';
}

/** The entity's header fields, minus Content-Transfer-Encoding, byte for byte. */
function headerFieldsWithoutTransferEncoding(entity: MimeEntity): Uint8Array[] {
  const section = readHeaderSection(entity.raw, 0, entity.raw.length);
  return section.fields
    .filter((field) => field.name.toLowerCase() !== 'content-transfer-encoding')
    .map((field) => {
      const raw = toCrlf(entity.raw.subarray(field.start, field.end));
      const endsWithCrlf = raw.length >= 2 && raw[raw.length - 2] === CARRIAGE_RETURN && raw[raw.length - 1] === LINE_FEED;
      return endsWithCrlf ? raw : concatByteArrays([raw, textToBytes('\r\n')]);
    });
}

/** Content-Transfer-Encodings whose body is lines of text (RFC 2045 §2.7, §6.7, §6.8). */
const LINE_ENCODINGS = new Set(['', '7bit', 'quoted-printable', 'base64']);
/** Labels that promise arbitrary octets: their line breaks are data, not line endings. */
const OCTET_ENCODINGS = new Set(['8bit', 'binary']);

function entityHeader(entity: MimeEntity): Uint8Array {
  return toCrlf(entity.raw.subarray(0, entity.raw.length - entity.body.length));
}

function reencodeLeaf(entity: MimeEntity, body: Uint8Array): Uint8Array {
  const decoded = decodeBody({ body, contentTransferEncoding: entity.contentTransferEncoding });
  const text = isTextEntity(entity);
  // RFC 8551 §3.1.1: text is canonical with CRLF line breaks, whatever its transfer encoding was;
  // other content keeps its octets exactly.
  const encoded = text ? encodeQuotedPrintable(toCrlf(decoded)) : encodeBase64Lines(decoded);
  const encodingField = `Content-Transfer-Encoding: ${text ? 'quoted-printable' : 'base64'}\r\n`;
  return concatByteArrays([...headerFieldsWithoutTransferEncoding(entity), textToBytes(encodingField + '\r\n'), encoded]);
}

type CanonicalMode = 'line-endings' | 'transport-safe';

function canonicalizeLeaf(entity: MimeEntity, mode: CanonicalMode): Uint8Array | undefined {
  const encoding = entity.contentTransferEncoding;
  // Bytes of a binary part (non-text, labelled 8bit or binary) are data: never convert their
  // "line endings". In transport-safe mode they become base64 unless already safe as they are.
  const octets = !isTextEntity(entity) && OCTET_ENCODINGS.has(encoding);
  // A transport-safe body has no bare LF, so toCrlf would return it as it is: one scan of a
  // 50 MB attachment instead of two (bench/README.md).
  const bodySafeAsItIs = mode === 'transport-safe' && !octets && isTransportSafeBody(entity.body);
  const body = octets || bodySafeAsItIs ? entity.body : toCrlf(entity.body);
  const header = entityHeader(entity);
  if (mode === 'transport-safe') {
    const safe = (bodySafeAsItIs || isTransportSafeBody(body)) && (LINE_ENCODINGS.has(encoding) || OCTET_ENCODINGS.has(encoding));
    if (!safe) return reencodeLeaf(entity, body);
  }
  if (body === entity.body && header.length + body.length === entity.raw.length) return undefined;
  return concatByteArrays([header, body]);
}

/** The canonical bytes of an entity, or undefined when its bytes are already canonical as they are. */
function canonicalizeEntity(entity: MimeEntity, mode: CanonicalMode): Uint8Array | undefined {
  if (entity.contentType.type === 'multipart') {
    const children = entity.children.map((child) => canonicalizeEntity(child, mode));
    // Unchanged parts and a CRLF-only frame: keep every byte, preamble and epilogue included.
    if (children.every((child) => child === undefined) && toCrlf(entity.raw) === entity.raw) return undefined;
    // Re-encoded parts contain no line starting with '-' (quoted-printable escapes it, base64 has
    // no '-'), so the entity's own boundary still can't occur inside them.
    const boundary = entity.contentType.parameters.boundary;
    const pieces: Uint8Array[] = [entityHeader(entity)];
    entity.children.forEach((child, index) => {
      pieces.push(textToBytes(`--${boundary}\r\n`), children[index] ?? child.raw, textToBytes('\r\n'));
    });
    // A line break after the close delimiter is kept only where the original had one: nested,
    // the line break before the parent's next delimiter belongs to that delimiter.
    const endsWithLineBreak = entity.raw[entity.raw.length - 1] === LINE_FEED;
    pieces.push(textToBytes(`--${boundary}--${endsWithLineBreak ? '\r\n' : ''}`));
    return concatByteArrays(pieces);
  }
  if (entity.contentType.type === 'message') {
    // RFC 2046 §5.2.1: message/rfc822 may only be 7bit, 8bit or binary; it is signed as it is,
    // in CRLF.
    const crlf = toCrlf(entity.raw);
    return crlf === entity.raw ? undefined : crlf;
  }
  return canonicalizeLeaf(entity, mode);
}

/**
 * CRLF line endings throughout (RFC 5322 §2.1, RFC 8551 §3.1.1), except inside binary parts,
 * whose octets are data. Nothing is re-encoded. splitMessage uses this for its `content`.
 */
export function toCanonicalLineEndings(entity: Uint8Array): Uint8Array {
  return canonicalizeEntity(parseMimeMessage(entity), 'line-endings') ?? entity;
}

/**
 * Canonicalizes a MIME entity (headers and body, as splitMessage's `content`) for signing:
 * CRLF line endings, and every part that a transport might alter re-encoded, recursively through
 * multiparts. Sign exactly the returned bytes and send exactly them (buildMultipartSigned).
 */
export function canonicalizeForSigning(entity: Uint8Array): Uint8Array {
  return canonicalizeEntity(parseMimeMessage(entity), 'transport-safe') ?? entity;
}
