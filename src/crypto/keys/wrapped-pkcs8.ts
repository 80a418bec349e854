/**
 * The RSA private key kept for the operations WebCrypto lacks (RSAES-PKCS1-v1_5 key transport,
 * RFC 8017 §7.2; OAEP with mixed hashes, §7.1): the PKCS#8 encrypted with AES-256-GCM under a
 * freshly generated non-extractable key (DESIGN.md, security model 1). The record can be stored as
 * is (IndexedDB keeps the CryptoKey opaque); the bytes come back only into memory, for one
 * operation, and the caller zeroes them.
 */
import { asciiBytes, bufferSource } from '../encoding/bytes';

export interface WrappedPkcs8 {
  wrappingKey: CryptoKey;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

/** Binds the ciphertext to its purpose (GCM additional data), so it can't be passed off as something else. */
const ASSOCIATED_DATA = asciiBytes('signet identity pkcs8 v1');

export async function wrapPkcs8(pkcs8: Uint8Array): Promise<WrappedPkcs8> {
  const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bufferSource(ASSOCIATED_DATA) }, wrappingKey, bufferSource(pkcs8)),
  );
  return { wrappingKey, iv, ciphertext };
}

/** The PKCS#8 bytes; zero them as soon as the operation is done. */
export async function unwrapPkcs8(wrapped: WrappedPkcs8): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bufferSource(wrapped.iv), additionalData: bufferSource(ASSOCIATED_DATA) },
      wrapped.wrappingKey,
      bufferSource(wrapped.ciphertext),
    ),
  );
}
