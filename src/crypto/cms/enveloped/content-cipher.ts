/**
 * Encrypting and decrypting the content itself (RFC 5652 §6.3, RFC 5083 §2.2): AES over
 * WebCrypto, ChaCha20-Poly1305 (RFC 8103) in TypeScript as WebCrypto lacks it, DES-EDE3 and RC2
 * through the KEYS helper's ciphers for old mail. Every failure
 * (wrong key, bad padding, bad tag) is the same `decryption-failed`: which one it was would tell
 * an attacker something (and with implicit rejection, a wrong key is what a forged RSA ciphertext
 * looks like).
 */
import { SignetError } from '../../../shared/errors';
import { decryptChaCha20Poly1305 } from '../../ciphers/chacha20-poly1305';
import { decryptRc2Cbc } from '../../ciphers/rc2';
import { decryptTripleDesCbc } from '../../ciphers/triple-des';
import { asBufferSource } from '../../rsa/buffer-source';
import { decryptAesCbcInSoftware } from './aes-software';
import type { ContentAlgorithm } from './content-algorithm';

export interface AuthenticatedParts {
  /** The MAC field of AuthEnvelopedData; absent when the tag trails the ciphertext. */
  tag?: Uint8Array;
  /** RFC 5083 §2.2: the DER of authAttrs (with the SET OF tag) when present. */
  additionalData?: Uint8Array;
}

function failed(cause?: unknown): SignetError {
  return new SignetError('decryption-failed', 'The message could not be decrypted: the key does not open it, or it was damaged or altered.', { cause });
}

async function decryptAes(algorithm: ContentAlgorithm, key: Uint8Array, ciphertext: Uint8Array, parts: AuthenticatedParts): Promise<Uint8Array> {
  const name = algorithm.cipher === 'aes-gcm' ? 'AES-GCM' : 'AES-CBC';
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await crypto.subtle.importKey('raw', asBufferSource(key), { name }, false, ['decrypt']);
  } catch (error) {
    // Chromium's WebCrypto refuses 192-bit AES keys: CBC then runs in JavaScript.
    if (name === 'AES-CBC') return wrapCipherErrors(() => decryptAesCbcInSoftware(key, algorithm.iv, ciphertext));
    throw new SignetError('unsupported-algorithm', `${algorithm.name} is not available in this environment.`, { cause: error });
  }
  try {
    if (name === 'AES-CBC') {
      return new Uint8Array(await crypto.subtle.decrypt({ name, iv: asBufferSource(algorithm.iv) }, cryptoKey, asBufferSource(ciphertext)));
    }
    const tagLength = algorithm.tagLength ?? 12;
    if (parts.tag !== undefined && parts.tag.length !== tagLength) throw failed();
    const sealed = parts.tag === undefined ? ciphertext : joinBytes(ciphertext, parts.tag);
    const parameters: AesGcmParams = { name, iv: asBufferSource(algorithm.iv), tagLength: tagLength * 8 };
    if (parts.additionalData !== undefined) parameters.additionalData = asBufferSource(parts.additionalData);
    return new Uint8Array(await crypto.subtle.decrypt(parameters, cryptoKey, asBufferSource(sealed)));
  } catch (error) {
    throw error instanceof SignetError ? error : failed(error);
  }
}

function joinBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** Decrypts the encrypted content with the content-encryption key (already unwrapped). */
export async function decryptContent(
  algorithm: ContentAlgorithm,
  key: Uint8Array,
  ciphertext: Uint8Array,
  parts: AuthenticatedParts = {},
): Promise<Uint8Array> {
  if (key.length !== algorithm.keyLength) throw failed();
  switch (algorithm.cipher) {
    case 'aes-cbc':
    case 'aes-gcm':
      return decryptAes(algorithm, key, ciphertext, parts);
    case 'chacha20-poly1305':
      return decryptChaCha20(algorithm, key, ciphertext, parts);
    case 'des-ede3-cbc':
      return wrapCipherErrors(() => decryptTripleDesCbc(key, algorithm.iv, ciphertext));
    case 'rc2-cbc':
      return wrapCipherErrors(() => decryptRc2Cbc(key, algorithm.iv, ciphertext, algorithm.effectiveKeyBits ?? 32));
  }
}

/**
 * RFC 8103 §4: the tag is AuthEnvelopedData's mac, the additional data the DER of authAttrs (or
 * nothing when there are none); a trailing tag inside the ciphertext is not a form RFC 8103 has.
 */
function decryptChaCha20(algorithm: ContentAlgorithm, key: Uint8Array, ciphertext: Uint8Array, parts: AuthenticatedParts): Uint8Array {
  if (parts.tag === undefined) throw failed();
  const tag = parts.tag;
  return wrapCipherErrors(() => decryptChaCha20Poly1305(key, algorithm.iv, ciphertext, tag, parts.additionalData ?? new Uint8Array(0)));
}

function wrapCipherErrors(decrypt: () => Uint8Array): Uint8Array {
  try {
    return decrypt();
  } catch (error) {
    throw failed(error);
  }
}
