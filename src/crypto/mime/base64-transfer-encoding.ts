/**
 * The base64 Content-Transfer-Encoding (RFC 2045 §6.8) over bytes: encoding writes lines of at
 * most 76 characters ending in CRLF; decoding ignores line breaks and any other character outside
 * the alphabet, as §6.8 asks, and stops at padding. Both are single passes into one preallocated
 * buffer, so a 50 MB attachment costs no strings and no stack.
 */
import { SignetError } from '../../shared/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE_TABLE = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
const DECODE_TABLE = new Int16Array(256).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) DECODE_TABLE[ALPHABET.charCodeAt(index)] = index;
// RFC 4648 §5 base64url letters, which some broken mailers emit; harmless to accept on input.
DECODE_TABLE['-'.charCodeAt(0)] = 62;
DECODE_TABLE['_'.charCodeAt(0)] = 63;

const EQUALS = 0x3d;
/** RFC 2045 §6.8: "encoded lines must not be longer than 76 characters". */
export const BASE64_LINE_LENGTH = 76;

/**
 * Encodes `data` as base64 in CRLF-terminated lines of 76 characters (the last may be shorter).
 * With `prefix`, the output starts with those bytes (a header): a message is then written in one
 * buffer instead of being copied once more to join its header and body.
 */
export function encodeBase64Lines(data: Uint8Array, lineLength = BASE64_LINE_LENGTH, prefix?: Uint8Array): Uint8Array {
  const encodedLength = Math.ceil(data.length / 3) * 4;
  const lineCount = Math.ceil(encodedLength / lineLength);
  const output = new Uint8Array((prefix?.length ?? 0) + encodedLength + lineCount * 2);
  if (prefix) output.set(prefix);
  let write = prefix?.length ?? 0;
  let column = 0;
  let read = 0;
  // Whole lines first, four characters per step without a per-character call: a 50 MB
  // attachment is 2.5 million lines (bench/README.md, the profile). 76 is a multiple of 4.
  if (lineLength % 4 === 0) {
    const bytesPerLine = (lineLength / 4) * 3;
    for (let lineEnd = bytesPerLine; lineEnd <= data.length; lineEnd += bytesPerLine) {
      for (; read < lineEnd; read += 3) {
        const triple = (data[read] << 16) | (data[read + 1] << 8) | data[read + 2];
        output[write] = ENCODE_TABLE[triple >>> 18];
        output[write + 1] = ENCODE_TABLE[(triple >>> 12) & 63];
        output[write + 2] = ENCODE_TABLE[(triple >>> 6) & 63];
        output[write + 3] = ENCODE_TABLE[triple & 63];
        write += 4;
      }
      output[write] = 0x0d;
      output[write + 1] = 0x0a;
      write += 2;
    }
  }
  const putCharacter = (code: number): void => {
    output[write++] = code;
    column += 1;
    if (column === lineLength) {
      output[write++] = 0x0d;
      output[write++] = 0x0a;
      column = 0;
    }
  };
  for (; read + 2 < data.length; read += 3) {
    const triple = (data[read] << 16) | (data[read + 1] << 8) | data[read + 2];
    putCharacter(ENCODE_TABLE[(triple >> 18) & 63]);
    putCharacter(ENCODE_TABLE[(triple >> 12) & 63]);
    putCharacter(ENCODE_TABLE[(triple >> 6) & 63]);
    putCharacter(ENCODE_TABLE[triple & 63]);
  }
  const remaining = data.length - read;
  if (remaining > 0) {
    const triple = (data[read] << 16) | (remaining === 2 ? data[read + 1] << 8 : 0);
    putCharacter(ENCODE_TABLE[(triple >> 18) & 63]);
    putCharacter(ENCODE_TABLE[(triple >> 12) & 63]);
    putCharacter(remaining === 2 ? ENCODE_TABLE[(triple >> 6) & 63] : EQUALS);
    putCharacter(EQUALS);
  }
  if (column > 0) {
    output[write++] = 0x0d;
    output[write++] = 0x0a;
  }
  return output.subarray(0, write);
}

/**
 * Decodes base64 text, skipping line breaks and other non-alphabet characters (RFC 2045 §6.8).
 * Decoding stops at the first '='. A dangling single character (6 bits, not a byte) is an error:
 * the data is truncated and nothing trustworthy can be made of it.
 */
export function decodeBase64Lenient(encoded: Uint8Array): Uint8Array {
  const output = new Uint8Array(Math.floor((encoded.length * 3) / 4) + 3);
  let write = 0;
  let accumulator = 0;
  let bitCount = 0;
  let symbols = 0;
  const end = encoded.length;
  let read = 0;
  while (read < end) {
    // Fast path at a quantum boundary: four alphabet characters in a row are three bytes (most
    // of a 76-character line); anything else (line breaks, junk, '=') goes one character at a time.
    if (bitCount === 0 && read + 4 <= end) {
      const first = DECODE_TABLE[encoded[read]];
      const second = DECODE_TABLE[encoded[read + 1]];
      const third = DECODE_TABLE[encoded[read + 2]];
      const fourth = DECODE_TABLE[encoded[read + 3]];
      if ((first | second | third | fourth) >= 0) {
        output[write] = (first << 2) | (second >> 4);
        output[write + 1] = ((second & 15) << 4) | (third >> 2);
        output[write + 2] = ((third & 3) << 6) | fourth;
        write += 3;
        read += 4;
        symbols += 4;
        continue;
      }
    }
    const byte = encoded[read];
    read += 1;
    if (byte === EQUALS) break;
    const value = DECODE_TABLE[byte];
    if (value < 0) continue;
    symbols += 1;
    accumulator = ((accumulator << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      output[write++] = (accumulator >> bitCount) & 0xff;
    }
  }
  if (symbols % 4 === 1) {
    throw new SignetError('malformed-mime', 'A base64 body is truncated (its length is not a whole number of bytes).');
  }
  // A view, not a copy: the few bytes of slack aren't worth copying a 50 MB body again.
  return output.subarray(0, write);
}
