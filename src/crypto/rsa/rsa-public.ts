/**
 * RSA encryption for key transport to a recipient's certificate (RFC 5652 §6.2.1): PKCS#1 v1.5,
 * the most widely read (RFC 8551 §2.3), and RSAES-OAEP (RFC 8017 §7.1, RFC 4055 parameters).
 */
import type { HashName } from '../keys/private-key-handle';
import { asBufferSource } from './buffer-source';
import { bigIntToBytes, bytesToBigInt } from './big-integer';
import { encodeOaep } from './oaep-padding';
import { encodePkcs1v15 } from './pkcs1v15-padding';
import { readRsaPublicKeyFromSpki, type RsaPublicKey } from './rsa-key-structures';
import { encryptRsaPrimitive } from './rsa-primitive';

function encryptEncodedMessage(key: RsaPublicKey, encoded: Uint8Array): Uint8Array {
  const ciphertext = bigIntToBytes(encryptRsaPrimitive(key, bytesToBigInt(encoded)), key.modulusLength);
  encoded.fill(0);
  return ciphertext;
}

/** RSAES-PKCS1-v1_5 (RFC 8017 §7.2.1): type 2 padding with nonzero random bytes. */
export async function encryptRsaPkcs1v15(spki: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const key = readRsaPublicKeyFromSpki(spki);
  return encryptEncodedMessage(key, encodePkcs1v15(data, key.modulusLength));
}

/**
 * RSAES-OAEP (RFC 8017 §7.1.1). WebCrypto does it when both hashes are the same; mixed hashes
 * (e.g. SHA-256 with MGF1-SHA-1) go through the BigInt path.
 */
export async function encryptRsaOaep(
  spki: Uint8Array,
  data: Uint8Array,
  hash: HashName,
  mgf1Hash: HashName,
  label: Uint8Array = new Uint8Array(0),
): Promise<Uint8Array> {
  const key = readRsaPublicKeyFromSpki(spki);
  if (hash === mgf1Hash) {
    const publicKey = await crypto.subtle.importKey('spki', asBufferSource(spki), { name: 'RSA-OAEP', hash }, false, ['encrypt']);
    const parameters: RsaOaepParams = label.length > 0 ? { name: 'RSA-OAEP', label: asBufferSource(label) } : { name: 'RSA-OAEP' };
    return new Uint8Array(await crypto.subtle.encrypt(parameters, publicKey, asBufferSource(data)));
  }
  return encryptEncodedMessage(key, await encodeOaep(data, key.modulusLength, { hash, mgf1Hash, label }));
}
