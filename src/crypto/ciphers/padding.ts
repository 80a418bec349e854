/**
 * PKCS#7 padding (RFC 5652 §6.3, also RFC 8018 §6.1.1 step 4): 1..blockSize bytes, each holding
 * the pad length. Used by the block ciphers that WebCrypto lacks (RC2, 3DES).
 */
import { SignetError } from '../../shared/errors';

export function addPkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array {
  const padLength = blockSize - (data.length % blockSize);
  const padded = new Uint8Array(data.length + padLength);
  padded.set(data);
  padded.fill(padLength, data.length);
  return padded;
}

/**
 * Checks and strips the padding. A wrong key almost always shows here first, so bad padding is
 * reported as `decryption-failed` (the caller decides whether that means a wrong password).
 */
export function removePkcs7Padding(data: Uint8Array, blockSize: number): Uint8Array {
  if (data.length === 0 || data.length % blockSize !== 0) {
    throw new SignetError('decryption-failed', 'The encrypted data is not a whole number of cipher blocks.');
  }
  const padLength = data[data.length - 1];
  let bad = padLength === 0 || padLength > blockSize ? 1 : 0;
  for (let index = 0; index < blockSize; index++) {
    // Look at a whole block whatever the pad length, so the work does not depend on it.
    const inPad = index < padLength ? 1 : 0;
    const byte = data[data.length - 1 - index];
    bad |= inPad & (byte !== padLength ? 1 : 0);
  }
  if (bad) throw new SignetError('decryption-failed', 'Decryption failed: the padding is wrong (a wrong key or damaged data).');
  return data.slice(0, data.length - padLength);
}
