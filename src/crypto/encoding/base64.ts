/**
 * Base64 (RFC 4648 §4) and base64url (§5). Chunked on both sides: `String.fromCharCode(...bytes)`
 * on a whole 50 MB attachment overflows the stack (as `pvtsutils` does, PKIJS-NOTES.md), so bytes
 * go through `btoa`/`atob` in pieces whose sizes are multiples of 3 and 4.
 */

/** 3 × 2^14 bytes: a multiple of 3, so every chunk encodes to whole quanta without padding. */
const ENCODE_CHUNK_BYTES = 3 * 16384;
/** 4 × 2^14 characters: a multiple of 4, so every chunk decodes on quantum boundaries. */
const DECODE_CHUNK_CHARACTERS = 4 * 16384;

/** TC39's `Uint8Array.prototype.toBase64` (Chromium 140+; not in Node 20): native, one call. */
interface NativeBase64Encoder {
  toBase64(): string;
}

function hasNativeBase64(bytes: Uint8Array): bytes is Uint8Array & NativeBase64Encoder {
  return typeof (bytes as Partial<NativeBase64Encoder>).toBase64 === 'function';
}

export function encodeBase64(bytes: Uint8Array): string {
  // Where the engine has it (the content script and the service worker in Chromium), the native
  // encoder: a 10 MB message handed to the background cost the page ~340 ms of main thread in
  // the chunked loop below (bench/README.md, "In the browser"). Same output, RFC 4648 §4.
  if (hasNativeBase64(bytes)) return bytes.toBase64();
  const pieces: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += ENCODE_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + ENCODE_CHUNK_BYTES);
    pieces.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])));
  }
  return pieces.join('');
}

/**
 * Decodes base64, ignoring white space (MIME bodies and PEM are folded) and tolerating missing
 * padding. Throws `RangeError` on characters outside the alphabet.
 */
export function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/[\s]/g, '').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(compact) || compact.length % 4 === 1) {
    throw new RangeError('Not a base64 string');
  }
  const output = new Uint8Array(Math.floor((compact.length * 3) / 4));
  let written = 0;
  for (let offset = 0; offset < compact.length; offset += DECODE_CHUNK_CHARACTERS) {
    let chunk = compact.slice(offset, offset + DECODE_CHUNK_CHARACTERS);
    const remainder = chunk.length % 4;
    if (remainder !== 0) chunk += '='.repeat(4 - remainder);
    const binary = atob(chunk);
    for (let index = 0; index < binary.length; index++) output[written++] = binary.charCodeAt(index);
  }
  return written === output.length ? output : output.subarray(0, written);
}

/** base64url without padding (RFC 4648 §5), as the Gmail API and JWTs use it. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeBase64Url(text: string): Uint8Array {
  return decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Base64 folded into lines (76 for MIME, RFC 2045 §6.8; 64 for PEM, RFC 7468 §2), CRLF by default. */
export function encodeBase64Lines(bytes: Uint8Array, lineLength = 76, lineEnding = '\r\n'): string {
  const encoded = encodeBase64(bytes);
  const lines: string[] = [];
  for (let offset = 0; offset < encoded.length; offset += lineLength) {
    lines.push(encoded.slice(offset, offset + lineLength));
  }
  return lines.join(lineEnding);
}
