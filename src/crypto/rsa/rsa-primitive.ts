/**
 * The raw RSA operations of RFC 8017 §5.1: RSAEP (public) and RSADP (private, with the Chinese
 * Remainder Theorem of §5.1.2 step 2.b).
 *
 * The private operation is blinded (a random r: c·r^e is decrypted and the result multiplied by
 * r⁻¹), so its timing doesn't follow the attacker's ciphertext, and fault-checked (the result is
 * re-encrypted and compared), so a miscomputed CRT half can't leak a prime factor (Boneh–DeMillo–
 * Lipton).
 */
import { SignetError } from '../../shared/errors';
import { modularInverse, modularPower, randomBigIntBelow } from './big-integer';
import type { RsaPrivateKey, RsaPublicKey } from './rsa-key-structures';

/** RSAEP (RFC 8017 §5.1.1): c = m^e mod n. */
export function encryptRsaPrimitive(key: RsaPublicKey, message: bigint): bigint {
  if (message < 0n || message >= key.modulus) throw new RangeError('RSAEP: message representative out of range');
  return modularPower(message, key.publicExponent, key.modulus);
}

/** RSADP (RFC 8017 §5.1.2) with CRT, blinding and a fault check. */
export function decryptRsaPrimitive(key: RsaPrivateKey, ciphertext: bigint): bigint {
  if (ciphertext < 0n || ciphertext >= key.modulus) {
    throw new SignetError('decryption-failed', 'The RSA ciphertext is out of range for this key.');
  }
  const { modulus, publicExponent } = key;
  const blinding = randomBigIntBelow(modulus);
  const blindingInverse = modularInverse(blinding, modulus);
  const blinded = (ciphertext * modularPower(blinding, publicExponent, modulus)) % modulus;

  const firstHalf = modularPower(blinded % key.prime1, key.exponent1, key.prime1);
  const secondHalf = modularPower(blinded % key.prime2, key.exponent2, key.prime2);
  const difference = (((firstHalf - secondHalf) % key.prime1) + key.prime1) % key.prime1;
  const combined = secondHalf + key.prime2 * ((key.coefficient * difference) % key.prime1);

  const message = (combined * blindingInverse) % modulus;
  if (modularPower(message, publicExponent, modulus) !== ciphertext) {
    throw new SignetError('decryption-failed', 'The RSA private-key operation failed its consistency check.');
  }
  return message;
}
