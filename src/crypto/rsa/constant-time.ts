/**
 * Branch-free helpers for decoding secret bytes: masks instead of `if`s and early exits, so the
 * path through a padding check doesn't depend on the plaintext (RFC 8017 §7.1.2 note, §7.2.2 note).
 * JavaScript gives no hard guarantees, hence "constant-time-ish": what matters is that no branch
 * and no loop bound depends on secret data.
 */

/** 0xffffffff when a === b, else 0 (for 32-bit unsigned inputs). */
export function maskIfEqual(a: number, b: number): number {
  const difference = (a ^ b) >>> 0;
  // (difference - 1) has its top bit set only when difference was 0 (for difference < 2^31);
  // OR-ing the sign of difference in handles the top half.
  return ((((difference | -difference) >>> 31) ^ 1) * 0xffffffff) >>> 0;
}

/** 0xffffffff when a is zero. */
export function maskIfZero(value: number): number {
  return maskIfEqual(value, 0);
}

/** 0xffffffff when a < b (both non-negative and below 2^31). */
export function maskIfLess(a: number, b: number): number {
  return (((a - b) >> 31) & 0xffffffff) >>> 0;
}

/** `whenSet` where mask is all ones, `otherwise` where it is zero (bytes or 32-bit values). */
export function selectByMask(mask: number, whenSet: number, otherwise: number): number {
  return ((whenSet & mask) | (otherwise & ~mask)) >>> 0;
}
