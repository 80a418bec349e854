/**
 * EME-PKCS1-v1_5 (RFC 8017 §7.2.1 step 2 and §7.2.2 step 3):
 *
 *   EM = 0x00 || 0x02 || PS (at least 8 nonzero random bytes) || 0x00 || M
 *
 * Decoding never fails: a bad EM gives the caller's synthetic bytes instead (implicit rejection,
 * as in OpenSSL 3.2 and draft-irtf-cfrg-rsa-guidance), chosen with masks so no branch depends on
 * EM. That closes the Bleichenbacher padding oracle: an attacker sees a content-decryption failure
 * either way.
 */
import { maskIfEqual, maskIfLess, maskIfZero, selectByMask } from './constant-time';

const MINIMUM_PADDING_LENGTH = 8;

/** Fills PS with nonzero random bytes and builds EM of `modulusLength` bytes. */
export function encodePkcs1v15(message: Uint8Array, modulusLength: number): Uint8Array {
  const paddingLength = modulusLength - message.length - 3;
  if (paddingLength < MINIMUM_PADDING_LENGTH) throw new RangeError('PKCS#1 v1.5: message too long for the key');
  const encoded = new Uint8Array(modulusLength);
  encoded[1] = 2;
  const padding = encoded.subarray(2, 2 + paddingLength);
  crypto.getRandomValues(padding);
  // Replace each zero with a fresh random byte until none is left (RFC 8017 §7.2.1 step 2.a).
  const spare = new Uint8Array(1);
  for (let index = 0; index < padding.length; index += 1) {
    while (padding[index] === 0) {
      crypto.getRandomValues(spare);
      padding[index] = spare[0];
    }
  }
  encoded.set(message, 3 + paddingLength);
  return encoded;
}

/**
 * Returns M when EM is well formed and M has exactly `expectedLength` bytes, else `synthetic`
 * (which must have `expectedLength` bytes). Loop bounds depend only on the public lengths.
 */
export function decodePkcs1v15WithImplicitRejection(
  encoded: Uint8Array,
  expectedLength: number,
  synthetic: Uint8Array,
): Uint8Array {
  const modulusLength = encoded.length;
  if (synthetic.length !== expectedLength || expectedLength < 1 || expectedLength > modulusLength - 11) {
    throw new RangeError('PKCS#1 v1.5: expected length impossible for this key');
  }
  let good = maskIfZero(encoded[0]) & maskIfEqual(encoded[1], 2);
  let lookingForSeparator = 0xffffffff;
  let separatorIndex = 0;
  for (let index = 2; index < modulusLength; index += 1) {
    const isZero = maskIfZero(encoded[index]);
    separatorIndex = selectByMask(lookingForSeparator & isZero, index, separatorIndex);
    lookingForSeparator = (lookingForSeparator & ~isZero) >>> 0;
  }
  good &= ~lookingForSeparator;
  good &= ~maskIfLess(separatorIndex, 2 + MINIMUM_PADDING_LENGTH);
  good &= maskIfEqual(modulusLength - separatorIndex - 1, expectedLength);
  good >>>= 0;

  const result = new Uint8Array(expectedLength);
  const messageStart = modulusLength - expectedLength;
  for (let index = 0; index < expectedLength; index += 1) {
    result[index] = selectByMask(good, encoded[messageStart + index], synthetic[index]) & 0xff;
  }
  return result;
}
