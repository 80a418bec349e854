/**
 * Byte helpers the MIME code shares. MIME structure is found by scanning bytes, never by decoding a
 * whole message into a string: a 50 MB attachment stays a subarray of the input, and every scan
 * here is linear.
 */

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

const asciiEncoder = new TextEncoder();

/** ASCII (or UTF-8) text to bytes. */
export function textToBytes(text: string): Uint8Array {
  return asciiEncoder.encode(text);
}

export function concatByteArrays(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** Whether `needle` occurs in `haystack` at `position`. */
export function bytesMatchAt(haystack: Uint8Array, position: number, needle: Uint8Array): boolean {
  if (position < 0 || position + needle.length > haystack.length) return false;
  for (let index = 0; index < needle.length; index += 1) {
    if (haystack[position + index] !== needle[index]) return false;
  }
  return true;
}

/** Whether `needle` occurs anywhere in `haystack` (used to check a boundary is fresh). */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0];
  let position = haystack.indexOf(first);
  while (position >= 0 && position <= haystack.length - needle.length) {
    if (bytesMatchAt(haystack, position, needle)) return true;
    position = haystack.indexOf(first, position + 1);
  }
  return false;
}

/**
 * Converts bare LF line endings to CRLF (RFC 8551 §3.1.1 canonical form; RFC 5322 §2.1). A CR
 * already followed by LF is left alone. Returns the input itself when it is already CRLF, so
 * callers can keep exact bytes when nothing needs to change.
 */
export function toCrlf(bytes: Uint8Array): Uint8Array {
  let bareLineFeeds = 0;
  let position = bytes.indexOf(LINE_FEED);
  while (position >= 0) {
    if (position === 0 || bytes[position - 1] !== CARRIAGE_RETURN) bareLineFeeds += 1;
    position = bytes.indexOf(LINE_FEED, position + 1);
  }
  if (bareLineFeeds === 0) return bytes;
  const converted = new Uint8Array(bytes.length + bareLineFeeds);
  let read = 0;
  let write = 0;
  position = bytes.indexOf(LINE_FEED);
  while (position >= 0) {
    const bare = position === 0 || bytes[position - 1] !== CARRIAGE_RETURN;
    converted.set(bytes.subarray(read, position), write);
    write += position - read;
    if (bare) converted[write++] = CARRIAGE_RETURN;
    converted[write++] = LINE_FEED;
    read = position + 1;
    position = bytes.indexOf(LINE_FEED, read);
  }
  converted.set(bytes.subarray(read), write);
  return converted;
}

export { LINE_FEED, CARRIAGE_RETURN };
