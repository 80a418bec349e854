/**
 * Byte helpers shared by the engine. Everything works on `Uint8Array` (never Node's `Buffer`), so
 * the same code runs in Node 20 and in the MV3 service worker.
 */

/** Joins byte arrays into one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
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

/** Byte-wise equality (not constant-time: for public data such as certificates and key ids). */
export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return false;
  }
  return true;
}

/**
 * Equality whose time depends only on the lengths: for MACs and other secrets, so a comparison
 * does not tell an attacker how many leading bytes were right.
 */
export function constantTimeEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index] ^ right[index];
  return difference === 0;
}

/** Encodes a string of 7-bit characters; anything else is a programming error. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) throw new RangeError(`Not an ASCII string (character ${index})`);
    bytes[index] = code;
  }
  return bytes;
}

/** Decodes bytes as Latin-1 (one character per byte): lossless for any byte string. */
export function latin1String(bytes: Uint8Array): string {
  let text = '';
  const chunkSize = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    text += String.fromCharCode(...bytes.subarray(offset, offset + chunkSize));
  }
  return text;
}

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8String(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Copies any buffer view (or ArrayBuffer) into a fresh `Uint8Array` that owns a whole
 * `ArrayBuffer`: what WebCrypto and structured clone handle best.
 */
export function toUint8Array(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Overwrites secret bytes (key material, passwords) once they are no longer needed. */
export function zeroBytes(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}

/**
 * The same bytes typed as WebCrypto's `BufferSource` wants them (TypeScript 5.9 types a plain
 * `Uint8Array` as possibly backed by a SharedArrayBuffer, which WebCrypto refuses). Copies only
 * when the bytes really live in a SharedArrayBuffer.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}
