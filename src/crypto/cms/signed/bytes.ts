/** Byte helpers for the CMS layer that need no copies of possibly large inputs. */

/** Equal contents; the time depends on the length only (digests and key identifiers are public, but cheap to do right). */
export function bytesEqualConstantLength(left: Uint8Array, right: Uint8Array): boolean {
  if (left.byteLength !== right.byteLength) return false;
  let difference = 0;
  for (let index = 0; index < left.byteLength; index += 1) difference |= left[index] ^ right[index];
  return difference === 0;
}

/**
 * A view WebCrypto accepts without copying. TypeScript 5.9 types `Uint8Array<ArrayBufferLike>`
 * apart from `BufferSource`; the bytes are the same.
 */
export function asBufferSource(bytes: Uint8Array): BufferSource {
  return bytes as Uint8Array<ArrayBuffer>;
}
