/**
 * Text in a named charset to a string, through the WHATWG Encoding Standard's TextDecoder (in Node
 * and in service workers alike). RFC 2046 §4.1.2: us-ascii is the default; as every mail client
 * does, us-ascii and iso-8859-1 are read as windows-1252 (the WHATWG labels already map them so).
 */
const decoderCache = new Map<string, TextDecoder>();

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
  if (decoder !== undefined) return decoder.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Whether a TextDecoder knows this charset label. */
export function isKnownCharset(charset: string): boolean {
  return findDecoder(charset) !== undefined;
}
