/**
 * AES key wrap (RFC 3394, for CMS RFC 3565 §2.3.2): the content-encryption key travels wrapped
 * under the KEK from ECDH. WebCrypto's AES-KW does the work; the unwrapped key is imported as an
 * extractable HMAC key only because that accepts any length and can be exported back to bytes.
 * An integrity-check failure (wrong KEK) is `decryption-failed`. Where WebCrypto refuses the KEK
 * (Chromium and 192-bit AES keys), the unwrap runs in JavaScript (aes-software.ts).
 */
import { SignetError } from '../../../shared/errors';
import { asBufferSource } from '../../rsa/buffer-source';
import { unwrapAesKeyInSoftware } from './aes-software';

async function importKeyEncryptionKey(keyEncryptionKey: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', asBufferSource(keyEncryptionKey), { name: 'AES-KW' }, false, [usage]);
  } catch (error) {
    throw new SignetError('unsupported-algorithm', `AES key wrap with a ${keyEncryptionKey.length * 8}-bit key is not available here.`, { cause: error });
  }
}

export async function unwrapAesKey(keyEncryptionKey: Uint8Array, wrappedKey: Uint8Array): Promise<Uint8Array> {
  if (wrappedKey.length < 24 || wrappedKey.length % 8 !== 0) {
    throw new SignetError('decryption-failed', `A wrapped key of ${wrappedKey.length} bytes is not valid AES key wrap output.`);
  }
  let unwrappingKey: CryptoKey;
  try {
    unwrappingKey = await importKeyEncryptionKey(keyEncryptionKey, 'unwrapKey');
  } catch (error) {
    if (keyEncryptionKey.length !== 24) throw error;
    const contentKey = unwrapAesKeyInSoftware(keyEncryptionKey, wrappedKey);
    if (contentKey === null) throw new SignetError('decryption-failed', 'The wrapped content-encryption key does not unwrap with this key (AES key wrap integrity check failed).');
    return contentKey;
  }
  let unwrapped: CryptoKey;
  try {
    unwrapped = await crypto.subtle.unwrapKey('raw', asBufferSource(wrappedKey), unwrappingKey, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  } catch (error) {
    throw new SignetError('decryption-failed', 'The wrapped content-encryption key does not unwrap with this key (AES key wrap integrity check failed).', { cause: error });
  }
  return new Uint8Array(await crypto.subtle.exportKey('raw', unwrapped));
}

export async function wrapAesKey(keyEncryptionKey: Uint8Array, contentKey: Uint8Array): Promise<Uint8Array> {
  const wrappingKey = await importKeyEncryptionKey(keyEncryptionKey, 'wrapKey');
  const keyToWrap = await crypto.subtle.importKey('raw', asBufferSource(contentKey), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  return new Uint8Array(await crypto.subtle.wrapKey('raw', keyToWrap, wrappingKey, 'AES-KW'));
}
