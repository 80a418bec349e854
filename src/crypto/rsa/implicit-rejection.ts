/**
 * The synthetic message returned in place of a badly padded PKCS#1 v1.5 plaintext, derived as in
 * draft-irtf-cfrg-rsa-guidance §7 and OpenSSL 3.2 (`ossl_rsa_padding_check_PKCS1_type_2`):
 *
 *   KDK = HMAC-SHA256(key = SHA-256(I2OSP(d, k)), message = I2OSP(C, k))
 *   synthetic = first L bytes of HMAC-SHA256(KDK, I2OSP(i, 2) || "message" || I2OSP(8·L, 2)), i = 0, 1, ...
 *
 * Deterministic for a key and ciphertext, so asking twice gives the same answer (no oracle in
 * comparing two runs), and unpredictable without the private exponent.
 */
import { bigIntToBytes } from './big-integer';
import { digestBytes, hmacBytes } from './hash-functions';
import type { RsaPrivateKey } from './rsa-key-structures';

const LABEL = new TextEncoder().encode('message');
const BLOCK_LENGTH = 32;

export async function deriveSyntheticPlaintext(key: RsaPrivateKey, ciphertext: Uint8Array, length: number): Promise<Uint8Array> {
  const exponentBytes = bigIntToBytes(key.privateExponent, key.modulusLength);
  const exponentHash = await digestBytes('SHA-256', exponentBytes);
  exponentBytes.fill(0);
  const paddedCiphertext = new Uint8Array(key.modulusLength);
  paddedCiphertext.set(ciphertext, key.modulusLength - ciphertext.length);
  const derivationKey = await hmacBytes('SHA-256', exponentHash, paddedCiphertext);
  exponentHash.fill(0);

  const output = new Uint8Array(Math.ceil(length / BLOCK_LENGTH) * BLOCK_LENGTH);
  const input = new Uint8Array(2 + LABEL.length + 2);
  input.set(LABEL, 2);
  new DataView(input.buffer).setUint16(2 + LABEL.length, (length * 8) & 0xffff);
  for (let counter = 0; counter * BLOCK_LENGTH < length; counter += 1) {
    new DataView(input.buffer).setUint16(0, counter);
    output.set(await hmacBytes('SHA-256', derivationKey, input), counter * BLOCK_LENGTH);
  }
  derivationKey.fill(0);
  const synthetic = output.slice(0, length);
  output.fill(0);
  return synthetic;
}
