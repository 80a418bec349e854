/**
 * DES-EDE3-CBC (RFC 2630 §12.4.1 / RFC 8018 §B.2.2), only for reading old data: legacy PKCS#12
 * keys (pbeWithSHAAnd3-KeyTripleDES-CBC, RFC 7292 appendix C) and old S/MIME mail. WebCrypto has
 * no DES, so the block cipher comes from the small `des.js` package; padding is ours.
 */
import { CBC, EDE } from 'des.js';
import { SignetError } from '../../shared/errors';
import { addPkcs7Padding, removePkcs7Padding } from './padding';

const BLOCK_SIZE = 8;
const EDE_CBC = CBC.instantiate(EDE);

/**
 * A 24-byte key is K1||K2||K3. A 16-byte key is two-key 3DES (K3 = K1), as
 * pbeWithSHAAnd2-KeyTripleDES-CBC uses it (RFC 7292 appendix C).
 */
function expandTripleDesKey(key: Uint8Array): Uint8Array {
  if (key.length === 24) return key;
  if (key.length === 16) {
    const expanded = new Uint8Array(24);
    expanded.set(key);
    expanded.set(key.subarray(0, 8), 16);
    return expanded;
  }
  throw new SignetError('unsupported-algorithm', `Triple DES keys are 16 or 24 bytes, not ${key.length}.`);
}

function checkIv(iv: Uint8Array): void {
  if (iv.length !== BLOCK_SIZE) throw new SignetError('decryption-failed', `DES-EDE3-CBC needs an 8-byte IV, not ${iv.length} bytes.`);
}

export function encryptTripleDesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkIv(iv);
  const cipher = EDE_CBC.create({ type: 'encrypt', key: expandTripleDesKey(key), iv, padding: false });
  return Uint8Array.from(cipher.final(addPkcs7Padding(data, BLOCK_SIZE)));
}

/** Decrypts and strips PKCS#7 padding; bad padding (usually a wrong key) -> 'decryption-failed'. */
export function decryptTripleDesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkIv(iv);
  if (data.length === 0 || data.length % BLOCK_SIZE !== 0) {
    throw new SignetError('decryption-failed', 'DES-EDE3-CBC data is not a whole number of 8-byte blocks.');
  }
  const cipher = EDE_CBC.create({ type: 'decrypt', key: expandTripleDesKey(key), iv, padding: false });
  const padded = Uint8Array.from(cipher.final(data));
  try {
    return removePkcs7Padding(padded, BLOCK_SIZE);
  } finally {
    padded.fill(0);
  }
}
