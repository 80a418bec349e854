/**
 * The Poly1305 one-time authenticator (RFC 8439 §2.5), for ChaCha20-Poly1305 (§2.8, RFC 8103).
 *
 *   r = clamp(key[0..15]), s = key[16..31]
 *   for each 16-byte block (the last one shorter): acc = ((acc + block || 0x01) * r) mod (2^130 - 5)
 *   tag = (acc + s) mod 2^128, 16 bytes little-endian
 *
 * The 130-bit accumulator is held as ten 13-bit limbs in ordinary numbers: every product of a
 * limb and r's limbs (times 5 for the wrapped part, as 2^130 = 5 mod p) and their sums stay far
 * below 2^53, so JavaScript's doubles compute them exactly.
 */
const LIMBS = 10;
const LIMB_MASK = 0x1fff;
const BLOCK_BYTES = 16;

function readWord(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

/** Ten 13-bit limbs of the 16 bytes at `offset` (little-endian), with `highBit` as bit 128. */
function readLimbs(bytes: Uint8Array, offset: number, highBit: number, limbs: Float64Array): void {
  const t0 = readWord(bytes, offset);
  const t1 = readWord(bytes, offset + 4);
  const t2 = readWord(bytes, offset + 8);
  const t3 = readWord(bytes, offset + 12);
  limbs[0] = t0 & LIMB_MASK;
  limbs[1] = (t0 >>> 13) & LIMB_MASK;
  limbs[2] = ((t0 >>> 26) | (t1 << 6)) & LIMB_MASK;
  limbs[3] = (t1 >>> 7) & LIMB_MASK;
  limbs[4] = ((t1 >>> 20) | (t2 << 12)) & LIMB_MASK;
  limbs[5] = (t2 >>> 1) & LIMB_MASK;
  limbs[6] = (t2 >>> 14) & LIMB_MASK;
  limbs[7] = ((t2 >>> 27) | (t3 << 5)) & LIMB_MASK;
  limbs[8] = (t3 >>> 8) & LIMB_MASK;
  limbs[9] = (t3 >>> 21) | (highBit << 11);
}

export class Poly1305 {
  private readonly accumulator = new Float64Array(LIMBS);
  private readonly r = new Float64Array(LIMBS);
  /** 5 r, for the part of a product that wraps past 2^130. */
  private readonly fiveR = new Float64Array(LIMBS);
  private readonly s: Uint8Array;
  private readonly block = new Float64Array(LIMBS);
  private readonly product = new Float64Array(LIMBS);
  private readonly pending = new Uint8Array(BLOCK_BYTES);
  private pendingLength = 0;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new RangeError('A Poly1305 key is 32 bytes.');
    // §2.5: clamp r (the top four bits of bytes 3, 7, 11, 15 and the low two of 4, 8, 12 cleared).
    const clamped = key.slice(0, 16);
    for (const index of [3, 7, 11, 15]) clamped[index] &= 0x0f;
    for (const index of [4, 8, 12]) clamped[index] &= 0xfc;
    readLimbs(clamped, 0, 0, this.r);
    for (let index = 0; index < LIMBS; index += 1) this.fiveR[index] = this.r[index] * 5;
    clamped.fill(0);
    this.s = key.slice(16, 32);
  }

  /** Adds one block (the limbs in `this.block`) and multiplies by r, modulo 2^130 - 5. */
  private absorbBlock(): void {
    const { accumulator, r, fiveR, block, product } = this;
    for (let index = 0; index < LIMBS; index += 1) accumulator[index] += block[index];
    for (let row = 0; row < LIMBS; row += 1) {
      let sum = 0;
      for (let column = 0; column <= row; column += 1) sum += accumulator[column] * r[row - column];
      for (let column = row + 1; column < LIMBS; column += 1) sum += accumulator[column] * fiveR[row + LIMBS - column];
      product[row] = sum;
    }
    let carry = 0;
    for (let index = 0; index < LIMBS; index += 1) {
      const value = product[index] + carry;
      carry = Math.floor(value / 8192);
      accumulator[index] = value - carry * 8192;
    }
    // The carry out of limb 9 is a multiple of 2^130: it comes back as 5 times itself.
    let value = accumulator[0] + carry * 5;
    carry = Math.floor(value / 8192);
    accumulator[0] = value - carry * 8192;
    value = accumulator[1] + carry;
    carry = Math.floor(value / 8192);
    accumulator[1] = value - carry * 8192;
    accumulator[2] += carry;
  }

  update(data: Uint8Array): void {
    let offset = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(BLOCK_BYTES - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < BLOCK_BYTES) return;
      readLimbs(this.pending, 0, 1, this.block);
      this.absorbBlock();
      this.pendingLength = 0;
    }
    for (; offset + BLOCK_BYTES <= data.length; offset += BLOCK_BYTES) {
      readLimbs(data, offset, 1, this.block);
      this.absorbBlock();
    }
    this.pending.set(data.subarray(offset));
    this.pendingLength = data.length - offset;
  }

  /** The 16-byte tag; the object is spent afterwards. */
  finish(): Uint8Array {
    if (this.pendingLength > 0) {
      // §2.5: a short last block gets its 0x01 right after its bytes, not at bit 128.
      this.pending.fill(0, this.pendingLength);
      this.pending[this.pendingLength] = 1;
      readLimbs(this.pending, 0, 0, this.block);
      this.absorbBlock();
    }
    // Once per message, so BigInt is fine here: reduce fully modulo p, add s, keep 128 bits.
    let accumulator = 0n;
    for (let index = LIMBS - 1; index >= 0; index -= 1) accumulator = (accumulator << 13n) + BigInt(this.accumulator[index]);
    const prime = (1n << 130n) - 5n;
    let s = 0n;
    for (let index = 15; index >= 0; index -= 1) s = (s << 8n) + BigInt(this.s[index]);
    let tagValue = ((accumulator % prime) + s) & ((1n << 128n) - 1n);
    const tag = new Uint8Array(BLOCK_BYTES);
    for (let index = 0; index < BLOCK_BYTES; index += 1) {
      tag[index] = Number(tagValue & 0xffn);
      tagValue >>= 8n;
    }
    this.accumulator.fill(0);
    this.r.fill(0);
    this.fiveR.fill(0);
    this.s.fill(0);
    this.pending.fill(0);
    return tag;
  }
}

/** §2.5: the tag of `message` under a one-time 32-byte key. */
export function computePoly1305(key: Uint8Array, message: Uint8Array): Uint8Array {
  const mac = new Poly1305(key);
  mac.update(message);
  return mac.finish();
}
