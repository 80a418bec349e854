/**
 * Hashing a short value many times over, as the PKCS#12 KDF does (RFC 7292 B.2 step 6a:
 * A = H^r(D || I)). After the first round the input is one digest (20 or 32 bytes), which fits
 * a single 64-byte block, so SHA-1 (FIPS 180-4 §6.1) and SHA-256 (§6.2) rounds are done here in
 * plain JavaScript: one WebCrypto call per round costs 10-50 µs, this costs well under 1 µs,
 * which keeps a legacy digital ID's import (and a hostile iteration count) short. SHA-384/512
 * stay with WebCrypto (64-bit words; rare in PKCS#12 MACs).
 */

const SHA1_INITIAL = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    if (primes.every((prime) => candidate % prime !== 0)) primes.push(candidate);
  }
  return primes;
}

/** FIPS 180-4 §4.2.2 and §5.3.3: fractional parts of cube and square roots of the first primes. */
const PRIMES = firstPrimes(64);
const fraction32 = (value: number) => Math.floor((value - Math.floor(value)) * 0x100000000) >>> 0;
const SHA256_ROUND_CONSTANTS = Uint32Array.from(PRIMES, (prime) => fraction32(Math.cbrt(prime)));
const SHA256_INITIAL = Uint32Array.from(PRIMES.slice(0, 8), (prime) => fraction32(Math.sqrt(prime)));

/** The one padded block of a message of at most 55 bytes (FIPS 180-4 §5.1.1), as 16 words. */
function padSingleBlock(message: Uint8Array, words: Uint32Array): void {
  words.fill(0);
  for (let index = 0; index < message.length; index++) words[index >> 2] |= message[index] << (24 - 8 * (index & 3));
  words[message.length >> 2] |= 0x80 << (24 - 8 * (message.length & 3));
  words[15] = message.length * 8;
}

/** The first `count` words of `state` (a Uint32Array: the sums wrap to 32 bits) as big-endian bytes. */
function writeWords(state: Uint32Array, count: number, output: Uint8Array): void {
  for (let index = 0; index < count; index++) {
    output[4 * index] = state[index] >>> 24;
    output[4 * index + 1] = (state[index] >>> 16) & 0xff;
    output[4 * index + 2] = (state[index] >>> 8) & 0xff;
    output[4 * index + 3] = state[index] & 0xff;
  }
}

function sha1SingleBlock(message: Uint8Array, schedule: Uint32Array, output: Uint8Array): void {
  padSingleBlock(message, schedule);
  for (let t = 16; t < 80; t++) {
    const value = schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16];
    schedule[t] = (value << 1) | (value >>> 31);
  }
  let a = SHA1_INITIAL[0];
  let b = SHA1_INITIAL[1];
  let c = SHA1_INITIAL[2];
  let d = SHA1_INITIAL[3];
  let e = SHA1_INITIAL[4];
  for (let t = 0; t < 80; t++) {
    let mixed: number;
    if (t < 20) mixed = ((b & c) | (~b & d)) + 0x5a827999;
    else if (t < 40) mixed = (b ^ c ^ d) + 0x6ed9eba1;
    else if (t < 60) mixed = ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
    else mixed = (b ^ c ^ d) + 0xca62c1d6;
    const temporary = (((a << 5) | (a >>> 27)) + mixed + e + schedule[t]) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temporary;
  }
  schedule[0] = SHA1_INITIAL[0] + a;
  schedule[1] = SHA1_INITIAL[1] + b;
  schedule[2] = SHA1_INITIAL[2] + c;
  schedule[3] = SHA1_INITIAL[3] + d;
  schedule[4] = SHA1_INITIAL[4] + e;
  writeWords(schedule, 5, output);
}

function rotate(value: number, bits: number): number {
  return (value >>> bits) | (value << (32 - bits));
}

function sha256SingleBlock(message: Uint8Array, schedule: Uint32Array, output: Uint8Array): void {
  padSingleBlock(message, schedule);
  for (let t = 16; t < 64; t++) {
    const w15 = schedule[t - 15];
    const w2 = schedule[t - 2];
    const sigma0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >>> 3);
    const sigma1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >>> 10);
    schedule[t] = (schedule[t - 16] + sigma0 + schedule[t - 7] + sigma1) | 0;
  }
  let a = SHA256_INITIAL[0];
  let b = SHA256_INITIAL[1];
  let c = SHA256_INITIAL[2];
  let d = SHA256_INITIAL[3];
  let e = SHA256_INITIAL[4];
  let f = SHA256_INITIAL[5];
  let g = SHA256_INITIAL[6];
  let h = SHA256_INITIAL[7];
  for (let t = 0; t < 64; t++) {
    const sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25);
    const choose = (e & f) ^ (~e & g);
    const temporary1 = (h + sum1 + choose + SHA256_ROUND_CONSTANTS[t] + schedule[t]) | 0;
    const sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const temporary2 = (sum0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + temporary1) | 0;
    d = c;
    c = b;
    b = a;
    a = (temporary1 + temporary2) | 0;
  }
  schedule[0] = SHA256_INITIAL[0] + a;
  schedule[1] = SHA256_INITIAL[1] + b;
  schedule[2] = SHA256_INITIAL[2] + c;
  schedule[3] = SHA256_INITIAL[3] + d;
  schedule[4] = SHA256_INITIAL[4] + e;
  schedule[5] = SHA256_INITIAL[5] + f;
  schedule[6] = SHA256_INITIAL[6] + g;
  schedule[7] = SHA256_INITIAL[7] + h;
  writeWords(schedule, 8, output);
}

/**
 * `digest` hashed `rounds` more times with `hash`. `digest` must already be a digest of that hash
 * (at most 55 bytes, one block), as it is after the KDF's first round.
 */
export async function hashRepeatedly(hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', digest: Uint8Array, rounds: number): Promise<Uint8Array> {
  if (hash === 'SHA-384' || hash === 'SHA-512') {
    let current = digest;
    for (let round = 0; round < rounds; round++) current = new Uint8Array(await crypto.subtle.digest(hash, current as Uint8Array<ArrayBuffer>));
    return current;
  }
  const single = hash === 'SHA-1' ? sha1SingleBlock : sha256SingleBlock;
  if (rounds === 0) return digest.slice();
  if (digest.length > 55) throw new RangeError('hashRepeatedly takes at most 55 bytes (one block)');
  const schedule = new Uint32Array(80);
  const outputLength = hash === 'SHA-1' ? 20 : 32;
  let current = new Uint8Array(outputLength);
  let next = new Uint8Array(outputLength);
  single(digest, schedule, current);
  for (let round = 1; round < rounds; round++) {
    single(current, schedule, next);
    [current, next] = [next, current];
  }
  schedule.fill(0);
  next.fill(0);
  return current;
}
