/**
 * Text in a named charset to a string, through the WHATWG Encoding Standard's TextDecoder (in Node
 * and in service workers alike). RFC 2046 §4.1.2: us-ascii is the default; as every mail client
 * does, us-ascii and iso-8859-1 are read as windows-1252 (the WHATWG labels already map them so).
 */
const decoderCache = new Map<string, TextDecoder>();

/**
 * windows-1252's 0x80-0x9F (WHATWG Encoding Standard index). Node 20's TextDecoder maps them to
 * C1 controls as ISO-8859-1 does, Chrome to these characters; decoding them here makes the engine
 * read "€" the same in both.
 */
const WINDOWS_1252_HIGH_CONTROLS =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const chunkSize = 0x4000;
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const chunk = bytes.subarray(start, start + chunkSize);
    const codes = Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH_CONTROLS.charCodeAt(byte - 0x80) : byte));
    text += String.fromCharCode(...codes);
  }
  return text;
}

function findDecoder(charset: string): TextDecoder | undefined {
  const label = charset.trim().toLowerCase();
  const cached = decoderCache.get(label);
  if (cached !== undefined) return cached;
  try {
    // 'utf-7' and the like are not in the Encoding Standard: TextDecoder throws a RangeError.
    const decoder = new TextDecoder(label);
    decoderCache.set(label, decoder);
    return decoder;
  } catch {
    return undefined;
  }
}

/**
 * Decodes bytes in `charset`. An unknown charset falls back to UTF-8 when the bytes are valid
 * UTF-8, else to windows-1252, so a message is always readable (invalid sequences become U+FFFD).
 */
export function decodeBytesWithCharset(bytes: Uint8Array, charset: string | undefined): string {
  const decoder = findDecoder(charset === undefined || charset === '' ? 'us-ascii' : charset);
  if (decoder !== undefined) return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
