/**
 * The AEAD_CHACHA20_POLY1305 construction (RFC 8439 §2.8), as AuthEnvelopedData uses it
 * (RFC 8103): the Poly1305 key is the first 32 bytes of ChaCha20 block 0 (§2.6), the content is
 * ChaCha20 from counter 1, and the tag covers
 *
 *   AAD || pad16 || ciphertext || pad16 || length(AAD) as 64-bit LE || length(ciphertext) as 64-bit LE
 *
 * Decryption checks the tag (in constant time) before it decrypts anything.
 */
import { SignetError } from '../../shared/errors';
import { constantTimeEqual } from '../encoding/bytes';
import { computeChaCha20Block, xorChaCha20 } from './chacha20';
import { Poly1305 } from './poly1305';

export const CHACHA20_POLY1305_TAG_BYTES = 16;

/** §2.6: the one-time Poly1305 key for this key and nonce. */
export function generatePoly1305Key(key: Uint8Array, nonce: Uint8Array): Uint8Array {
  const block = computeChaCha20Block(key, 0, nonce);
  const oneTimeKey = block.slice(0, 32);
  block.fill(0);
  return oneTimeKey;
}

function lengthBlock(additionalDataLength: number, ciphertextLength: number): Uint8Array {
  const lengths = new Uint8Array(16);
  const view = new DataView(lengths.buffer);
  view.setBigUint64(0, BigInt(additionalDataLength), true);
  view.setBigUint64(8, BigInt(ciphertextLength), true);
  return lengths;
}

function computeTag(key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const oneTimeKey = generatePoly1305Key(key, nonce);
  const mac = new Poly1305(oneTimeKey);
  oneTimeKey.fill(0);
  const zeros = new Uint8Array(16);
  mac.update(additionalData);
  mac.update(zeros.subarray(0, (16 - (additionalData.length % 16)) % 16));
  mac.update(ciphertext);
  mac.update(zeros.subarray(0, (16 - (ciphertext.length % 16)) % 16));
  mac.update(lengthBlock(additionalData.length, ciphertext.length));
  return mac.finish();
}

export function encryptChaCha20Poly1305(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array = new Uint8Array(0),
): { ciphertext: Uint8Array; tag: Uint8Array } {
  const ciphertext = xorChaCha20(key, nonce, 1, plaintext);
  return { ciphertext, tag: computeTag(key, nonce, additionalData, ciphertext) };
}

/** The plaintext, or 'decryption-failed' when the tag doesn't match (wrong key, altered data). */
export function decryptChaCha20Poly1305(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  additionalData: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const expected = computeTag(key, nonce, additionalData, ciphertext);
  if (tag.length !== CHACHA20_POLY1305_TAG_BYTES || !constantTimeEqual(expected, tag)) {
    throw new SignetError('decryption-failed', 'The ChaCha20-Poly1305 tag does not match: wrong key, or the message was altered.');
  }
  return xorChaCha20(key, nonce, 1, ciphertext);
}
