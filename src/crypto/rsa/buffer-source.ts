/**
 * TypeScript 5.9's DOM typings take WebCrypto input as `Uint8Array<ArrayBuffer>`, while bytes in
 * the engine are plain `Uint8Array` (possibly over a SharedArrayBuffer, in theory). This views the
 * same memory with the narrower type without copying, and copies only in the shared case.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
}
