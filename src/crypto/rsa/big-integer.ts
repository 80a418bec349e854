/**
 * The BigInt arithmetic RSA needs (RFC 8017 §4: I2OSP, OS2IP, modular exponentiation). WebCrypto
 * has no raw RSA and no RSAES-PKCS1-v1_5 (DESIGN.md, security model 1), so these carry it.
 */

/** OS2IP (RFC 8017 §4.2): big-endian unsigned bytes to an integer. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/**
 * I2OSP (RFC 8017 §4.1): an integer to exactly `length` big-endian bytes. Throws when it doesn't
 * fit, which for RSA only happens on a programming error (the value is always below the modulus).
 */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  if (value < 0n) throw new RangeError('I2OSP: negative integer');
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let index = length - 1; index >= 0; index -= 1) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError('I2OSP: integer too large');
  return bytes;
}

/** Bytes needed for the integer (the RSA `k` for a modulus). */
export function byteLengthOf(value: bigint): number {
  return Math.ceil(bitLengthOf(value) / 8);
}

export function bitLengthOf(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

const WINDOW_BITS = 4;

/**
 * base^exponent mod modulus, fixed-window (4 bits): four squarings and one multiplication per
 * window, whatever the window's value (a zero window multiplies by 1), so the sequence of
 * operations doesn't follow the exponent's bits. BigInt timing still depends on operand sizes;
 * blinding (rsa-primitive.ts) covers the rest.
 */
export function modularPower(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  const reducedBase = ((base % modulus) + modulus) % modulus;
  const powers: bigint[] = [1n];
  for (let index = 1; index < 1 << WINDOW_BITS; index += 1) powers.push((powers[index - 1] * reducedBase) % modulus);
  const bits = exponent.toString(2);
  const padded = bits.padStart(Math.ceil(bits.length / WINDOW_BITS) * WINDOW_BITS, '0');
  let result = 1n;
  for (let offset = 0; offset < padded.length; offset += WINDOW_BITS) {
    for (let square = 0; square < WINDOW_BITS; square += 1) result = (result * result) % modulus;
    result = (result * powers[parseInt(padded.slice(offset, offset + WINDOW_BITS), 2)]) % modulus;
  }
  return result;
}

/** The inverse of `value` modulo `modulus` (extended Euclid); throws when there is none. */
export function modularInverse(value: bigint, modulus: bigint): bigint {
  let [oldRemainder, remainder] = [((value % modulus) + modulus) % modulus, modulus];
  let [oldCoefficient, coefficient] = [1n, 0n];
  while (remainder !== 0n) {
    const quotient = oldRemainder / remainder;
    [oldRemainder, remainder] = [remainder, oldRemainder - quotient * remainder];
    [oldCoefficient, coefficient] = [coefficient, oldCoefficient - quotient * coefficient];
  }
  if (oldRemainder !== 1n) throw new RangeError('no modular inverse');
  return ((oldCoefficient % modulus) + modulus) % modulus;
}

/** A uniformly random integer in [2, upperBound - 2], from `crypto.getRandomValues`. */
export function randomBigIntBelow(upperBound: bigint): bigint {
  const length = byteLengthOf(upperBound) + 8;
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  // 64 extra bits make the modulo bias negligible (FIPS 186-5 appendix A.2.1 style).
  const value = (bytesToBigInt(bytes) % (upperBound - 3n)) + 2n;
  bytes.fill(0);
  return value;
}
