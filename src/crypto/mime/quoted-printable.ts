/**
 * The quoted-printable Content-Transfer-Encoding (RFC 2045 §6.7) over bytes.
 *
 * The encoder writes text that survives any mail transport unchanged, which is what a detached
 * signature needs (RFC 8551 §3.1.1, and Gmail folds long lines: DESIGN.md): 7-bit only, lines of
 * at most 76 characters (soft breaks `=`), no trailing white space (encoded as =20 / =09), and no
 * output line that starts with "From " (mbox would turn it into ">From "), "-" (could complete a
 * boundary delimiter after a soft break) or "." (SMTP's end-of-data dot).
 */

const EQUALS = 0x3d;
const SPACE = 0x20;
const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const HEX_DIGITS = '0123456789ABCDEF';

/** RFC 2045 §6.7 rule 5: "encoded lines must not be longer than 76 characters". */
export const QUOTED_PRINTABLE_LINE_LENGTH = 76;

function isLiteralSafe(byte: number): boolean {
  return byte >= 33 && byte <= 126 && byte !== EQUALS;
}

/** A growing byte buffer: quoted-printable output is 1 to 3 bytes per input byte. */
class ByteWriter {
  private buffer: Uint8Array;
  length = 0;

  constructor(expectedLength: number) {
    this.buffer = new Uint8Array(Math.max(64, expectedLength));
  }

  private ensureRoom(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  putByte(byte: number): void {
    this.ensureRoom(1);
    this.buffer[this.length++] = byte;
  }

  putEscape(byte: number): void {
    this.ensureRoom(3);
    this.buffer[this.length++] = EQUALS;
    this.buffer[this.length++] = HEX_DIGITS.charCodeAt(byte >> 4);
    this.buffer[this.length++] = HEX_DIGITS.charCodeAt(byte & 15);
  }

  putLineBreak(soft: boolean): void {
    this.ensureRoom(3);
    if (soft) this.buffer[this.length++] = EQUALS;
    this.buffer[this.length++] = CARRIAGE_RETURN;
    this.buffer[this.length++] = LINE_FEED;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Whether `bytes` at `position` start with "From " (RFC 4155 mbox From_ line). */
function startsWithFromSpace(bytes: Uint8Array, position: number): boolean {
  return (
    bytes[position] === 0x46 &&
    bytes[position + 1] === 0x72 &&
    bytes[position + 2] === 0x6f &&
    bytes[position + 3] === 0x6d &&
    bytes[position + 4] === SPACE
  );
}

function mustEscape(bytes: Uint8Array, position: number, atLineStart: boolean, endOfLine: boolean): boolean {
  const byte = bytes[position];
  if (atLineStart && (byte === 0x2d || byte === 0x2e || startsWithFromSpace(bytes, position))) return true;
  if (isLiteralSafe(byte)) return false;
  return !((byte === SPACE || byte === TAB) && !endOfLine);
}

/**
 * Encodes bytes as quoted-printable text. CRLF pairs in the input are line breaks and stay CRLF
 * (the input must be canonical, see toCrlf); any other CR or LF byte is encoded.
 */
export function encodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const writer = new ByteWriter(Math.ceil(bytes.length * 1.1) + 16);
  let column = 0;
  let position = 0;
  while (position < bytes.length) {
    const byte = bytes[position];
    if (byte === CARRIAGE_RETURN && bytes[position + 1] === LINE_FEED) {
      writer.putLineBreak(false);
      column = 0;
      position += 2;
      continue;
    }
    const next = position + 1;
    const endOfLine = next >= bytes.length || (bytes[next] === CARRIAGE_RETURN && bytes[next + 1] === LINE_FEED);
    let escape = mustEscape(bytes, position, column === 0, endOfLine);
    // The last token of a line may reach column 76; others leave room for the soft-break '='.
    const limit = endOfLine ? QUOTED_PRINTABLE_LINE_LENGTH : QUOTED_PRINTABLE_LINE_LENGTH - 1;
    if (column + (escape ? 3 : 1) > limit) {
      writer.putLineBreak(true);
      column = 0;
      escape = mustEscape(bytes, position, true, endOfLine);
    }
    if (escape) {
      writer.putEscape(byte);
      column += 3;
    } else {
      writer.putByte(byte);
      column += 1;
    }
    position += 1;
  }
  return writer.finish();
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57; // lower case: not allowed, but written
  return -1;
}

/**
 * Decodes quoted-printable (RFC 2045 §6.7): `=XX` to a byte, `=` at the end of a line is a soft
 * break, white space at the end of a line was added in transport and is dropped (rule 3), and an
 * `=` that starts no valid escape is kept as it is (the robust reading §6.7 note 1 suggests).
 */
export function decodeQuotedPrintable(encoded: Uint8Array): Uint8Array {
  const output = new Uint8Array(encoded.length);
  let write = 0;
  let lineStart = 0;
  while (lineStart < encoded.length) {
    let lineEnd = encoded.indexOf(LINE_FEED, lineStart);
    const hasLineFeed = lineEnd >= 0;
    if (!hasLineFeed) lineEnd = encoded.length;
    let contentEnd = lineEnd;
    if (hasLineFeed && contentEnd > lineStart && encoded[contentEnd - 1] === CARRIAGE_RETURN) contentEnd -= 1;
    while (contentEnd > lineStart && (encoded[contentEnd - 1] === SPACE || encoded[contentEnd - 1] === TAB)) contentEnd -= 1;
    let softBreak = false;
    if (contentEnd > lineStart && encoded[contentEnd - 1] === EQUALS) {
      softBreak = true;
      contentEnd -= 1;
    }
    for (let position = lineStart; position < contentEnd; position += 1) {
      const byte = encoded[position];
      if (byte === EQUALS && position + 2 < contentEnd) {
        const high = hexValue(encoded[position + 1]);
        const low = hexValue(encoded[position + 2]);
        if (high >= 0 && low >= 0) {
          output[write++] = (high << 4) | low;
          position += 2;
          continue;
        }
      }
      output[write++] = byte;
    }
    if (hasLineFeed && !softBreak) {
      // A hard break keeps the line ending it had (CRLF, or LF in a bare-LF message), so the
      // output is never longer than the input.
      if (encoded[lineEnd - 1] === CARRIAGE_RETURN) output[write++] = CARRIAGE_RETURN;
      output[write++] = LINE_FEED;
    }
    lineStart = lineEnd + 1;
  }
  return output.slice(0, write);
}
