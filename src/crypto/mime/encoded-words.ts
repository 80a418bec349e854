/**
 * RFC 2047 encoded-words (`=?charset?B|Q?text?=`) in header values: decoding for display, and
 * encoding non-ASCII subjects and display names for composing.
 */
import { decodeBase64Lenient } from './base64-transfer-encoding';
import { decodeBytesWithCharset } from './charset';

/**
 * One encoded-word. RFC 2047 §2: charset and encoding are tokens, the text has no '?' or white
 * space. The charset may carry an RFC 2231 §5 language suffix (`utf-8*de`), which is dropped.
 * Every part stops at the next '?' or white space, so matching is linear.
 */
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeQEncoding(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '_') {
      bytes.push(0x20); // RFC 2047 §4.2 (2)
    } else if (character === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(text.charCodeAt(index) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeWordBytes(encoding: string, text: string): Uint8Array {
  if (encoding.toLowerCase() === 'b') {
    try {
      return decodeBase64Lenient(new TextEncoder().encode(text));
    } catch {
      return new TextEncoder().encode(text);
    }
  }
  return decodeQEncoding(text);
}

interface PendingWords {
  charset: string;
  chunks: Uint8Array[];
}

function flushPendingWords(pending: PendingWords | undefined): string {
  if (pending === undefined) return '';
  let length = 0;
  for (const chunk of pending.chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of pending.chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return decodeBytesWithCharset(joined, pending.charset);
}

/**
 * Decodes every encoded-word in a header value (RFC 2047 §6). White space between two adjacent
 * encoded-words is dropped (§6.2), and adjacent words in the same charset are decoded together,
 * so a character split across two words (which §5 forbids, but mailers do) still comes out whole.
 * Everything else is kept as written. The result is for display only: structure (addresses,
 * parameters) must be parsed before decoding, never after.
 */
export function decodeEncodedWords(value: string): string {
  let output = '';
  let pending: PendingWords | undefined;
  let lastEnd = 0;
  for (const match of value.matchAll(ENCODED_WORD)) {
    const start = match.index ?? 0;
    const between = value.slice(lastEnd, start);
    const charset = match[1].toLowerCase();
    const bytes = decodeWordBytes(match[2], match[3]);
    const adjacent = pending !== undefined && /^[ \t\r\n]*$/.test(between);
    if (adjacent && pending !== undefined && pending.charset === charset) {
      pending.chunks.push(bytes);
    } else {
      output += flushPendingWords(pending);
      if (!adjacent) output += between;
      pending = { charset, chunks: [bytes] };
    }
    lastEnd = start + match[0].length;
  }
  output += flushPendingWords(pending);
  return output + value.slice(lastEnd);
}

/** RFC 2047 §2: "An 'encoded-word' may not be more than 75 characters long". */
const MAXIMUM_ENCODED_WORD_LENGTH = 75;
const PREFIX_B = '=?UTF-8?B?';
const PREFIX_Q = '=?UTF-8?Q?';
const SUFFIX = '?=';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encodeBase64Text(bytes: Uint8Array): string {
  let output = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const triple = (bytes[index] << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    output += BASE64_ALPHABET[(triple >> 18) & 63] + BASE64_ALPHABET[(triple >> 12) & 63];
    output += index + 1 < bytes.length ? BASE64_ALPHABET[(triple >> 6) & 63] : '=';
    output += index + 2 < bytes.length ? BASE64_ALPHABET[triple & 63] : '=';
  }
  return output;
}

/** RFC 2047 §5 (3): in a phrase only letters, digits and `!*+-/` may stand for themselves. */
function encodeQCharacter(character: string): string {
  if (/^[A-Za-z0-9!*+\-/]$/.test(character)) return character;
  if (character === ' ') return '_';
  return Array.from(new TextEncoder().encode(character), (byte) => '=' + byte.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function needsEncoding(text: string): boolean {
  // Non-ASCII or control characters, or something a decoder would take for an encoded-word.
  return /[^\x20-\x7e]/.test(text) || text.includes('=?');
}

/**
 * Encodes text for a header (RFC 2047) as UTF-8 encoded-words of at most 75 characters, separated
 * by spaces so header folding can break between them; never splits a character (§5). Q encoding
 * for mostly-Latin text (readable), B for the rest (shorter for Japanese). ASCII text that needs
 * nothing is returned as it is. `firstWordRoom` and `otherWordRoom` (at most 75) leave room for what
 * shares the line, e.g. "Subject: " before the first word, or the quotes around a parameter.
 */
export function encodeHeaderText(
  text: string,
  firstWordRoom = MAXIMUM_ENCODED_WORD_LENGTH,
  otherWordRoom = MAXIMUM_ENCODED_WORD_LENGTH,
): string {
  if (!needsEncoding(text)) return text;
  const characters = Array.from(text);
  const nonAscii = characters.filter((character) => character.charCodeAt(0) > 0x7e).length;
  const useBase64 = nonAscii * 3 > characters.length;
  const prefix = useBase64 ? PREFIX_B : PREFIX_Q;
  const words: string[] = [];
  let current: string[] = [];
  let room = Math.max(Math.min(firstWordRoom, MAXIMUM_ENCODED_WORD_LENGTH), prefix.length + SUFFIX.length + 12);
  const encodedLength = (candidate: string[]): number => {
    if (useBase64) return Math.ceil(new TextEncoder().encode(candidate.join('')).length / 3) * 4;
    return candidate.map(encodeQCharacter).join('').length;
  };
  const render = (candidate: string[]): string =>
    prefix + (useBase64 ? encodeBase64Text(new TextEncoder().encode(candidate.join(''))) : candidate.map(encodeQCharacter).join('')) + SUFFIX;
  for (const character of characters) {
    const candidate = [...current, character];
    if (current.length > 0 && prefix.length + encodedLength(candidate) + SUFFIX.length > room) {
      words.push(render(current));
      current = [character];
      room = Math.max(Math.min(otherWordRoom, MAXIMUM_ENCODED_WORD_LENGTH), prefix.length + SUFFIX.length + 12);
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) words.push(render(current));
  return words.join(' ');
}
