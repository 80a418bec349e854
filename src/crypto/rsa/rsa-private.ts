/**
 * RSA decryption for key transport (RFC 5652 §6.2.1, KeyTransRecipientInfo), from a PKCS#8 key in
 * memory. WebCrypto has no RSAES-PKCS1-v1_5 and can't mix OAEP hashes, so the KEYS helper's
 * private-key handle unwraps the PKCS#8 just for these calls (DESIGN.md, security model 1) and
 * zeroes it afterwards; these functions zero what they allocate.
 */
import { SignetError } from '../../shared/errors';
import type { HashName } from '../keys/private-key-handle';
import { bigIntToBytes, bytesToBigInt } from './big-integer';
import { deriveSyntheticPlaintext } from './implicit-rejection';
import { decodeOaep } from './oaep-padding';
import { decodePkcs1v15WithImplicitRejection } from './pkcs1v15-padding';
import { readRsaPrivateKeyFromPkcs8, type RsaPrivateKey } from './rsa-key-structures';
import { decryptRsaPrimitive } from './rsa-primitive';

/** RSADP over the octet-string ciphertext, giving EM of k bytes (RFC 8017 §7.1.2 / §7.2.2 steps 1–2). */
function checkEncryptedKeyLength(key: RsaPrivateKey, encryptedKey: Uint8Array): void {
  // RFC 8017 asks for exactly k bytes; like OpenSSL we accept a shorter one (leading zeros dropped
  // by a sloppy encoder). Both checks are on public data.
  if (encryptedKey.length === 0 || encryptedKey.length > key.modulusLength) {
    throw new SignetError('decryption-failed', `The encrypted key is ${encryptedKey.length} bytes; this RSA key takes ${key.modulusLength}.`);
  }
}

function decryptToEncodedMessage(key: RsaPrivateKey, encryptedKey: Uint8Array): Uint8Array {
  checkEncryptedKeyLength(key, encryptedKey);
  return bigIntToBytes(decryptRsaPrimitive(key, bytesToBigInt(encryptedKey)), key.modulusLength);
}

/**
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2) with implicit rejection: when the padding is bad
 * or the message isn't `expectedLength` bytes (the content-encryption key size), the result is
 * `expectedLength` bytes derived from the private key and the ciphertext. The caller can't tell
 * the difference, and neither can an attacker: the content decryption fails like any wrong key.
 */
export async function decryptRsaPkcs1v15WithPkcs8(
  pkcs8: Uint8Array,
  encryptedKey: Uint8Array,
  expectedLength: number,
): Promise<Uint8Array> {
  const key = readRsaPrivateKeyFromPkcs8(pkcs8);
  if (!Number.isInteger(expectedLength) || expectedLength < 1 || expectedLength > key.modulusLength - 11) {
    throw new SignetError('decryption-failed', `A ${expectedLength}-byte key can't be carried by PKCS#1 v1.5 with this RSA key.`);
  }
  checkEncryptedKeyLength(key, encryptedKey);
  const synthetic = await deriveSyntheticPlaintext(key, encryptedKey, expectedLength);
  // A ciphertext at or above this key's modulus is most often one made for another key of the same
  // size (a message to someone else): RSADP would refuse it (RFC 8017 §5.1.2). Answer it like
  // every other rejection, with the synthetic key, so a wrong key always fails the same way.
  if (bytesToBigInt(encryptedKey) >= key.modulus) return synthetic;
  const encoded = decryptToEncodedMessage(key, encryptedKey);
  const plaintext = decodePkcs1v15WithImplicitRejection(encoded, expectedLength, synthetic);
  encoded.fill(0);
  synthetic.fill(0);
  return plaintext;
}

/**
 * RSAES-OAEP decryption (RFC 8017 §7.1.2) with any hash and MGF1 hash (RFC 4055 §4.1 parameters).
 * A failure is one error whatever went wrong (no Manger oracle).
 */
export async function decryptRsaOaepWithPkcs8(
  pkcs8: Uint8Array,
  encryptedKey: Uint8Array,
  hash: HashName,
  mgf1Hash: HashName,
  label: Uint8Array = new Uint8Array(0),
): Promise<Uint8Array> {
  const key = readRsaPrivateKeyFromPkcs8(pkcs8);
  const encoded = decryptToEncodedMessage(key, encryptedKey);
  const message = await decodeOaep(encoded, { hash, mgf1Hash, label });
  encoded.fill(0);
  if (message === null) throw new SignetError('decryption-failed', 'The RSA-OAEP encrypted key could not be decrypted with this key.');
  return message;
}
