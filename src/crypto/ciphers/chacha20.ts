/**
 * The ChaCha20 stream cipher (RFC 8439 §2.1-§2.4), for ChaCha20-Poly1305 content in
 * AuthEnvelopedData (RFC 8103): WebCrypto has no ChaCha20, so it runs here.
 *
 *   state = constants(4) || key(8 words, little-endian) || counter(1) || nonce(3)
 *   block = state + 20 rounds (10 column + 10 diagonal double rounds) of the quarter round
 *
 * The key stream is the serialized block for counter, counter+1, ...; the 32-bit counter may not
 * wrap (§2.4: at most 2^32 blocks, 256 GiB per nonce).
 */
import { SignetError } from '../../shared/errors';

export const CHACHA20_KEY_BYTES = 32;
export const CHACHA20_NONCE_BYTES = 12;
const BLOCK_BYTES = 64;
/** "expand 32-byte k" as four little-endian words (§2.3). */
const CONSTANTS = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

function readWord(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** §2.1: the quarter round on four words of the state, in place. */
export function quarterRound(state: Uint32Array, a: number, b: number, c: number, d: number): void {
  state[a] = (state[a] + state[b]) >>> 0;
  state[d] = rotateLeft(state[d] ^ state[a], 16);
  state[c] = (state[c] + state[d]) >>> 0;
  state[b] = rotateLeft(state[b] ^ state[c], 12);
  state[a] = (state[a] + state[b]) >>> 0;
  state[d] = rotateLeft(state[d] ^ state[a], 8);
  state[c] = (state[c] + state[d]) >>> 0;
  state[b] = rotateLeft(state[b] ^ state[c], 7);
}

function checkKeyAndNonce(key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== CHACHA20_KEY_BYTES) throw new SignetError('decryption-failed', `A ChaCha20 key is 32 bytes, not ${key.length}.`);
  if (nonce.length !== CHACHA20_NONCE_BYTES) throw new SignetError('decryption-failed', `A ChaCha20 nonce is 12 bytes, not ${nonce.length}.`);
}

function initialState(key: Uint8Array, nonce: Uint8Array): Uint32Array {
  const state = new Uint32Array(16);
  state.set(CONSTANTS);
  for (let index = 0; index < 8; index += 1) state[4 + index] = readWord(key, index * 4);
  for (let index = 0; index < 3; index += 1) state[13 + index] = readWord(nonce, index * 4);
  return state;
}

/**
 * §2.3: 20 rounds over `input`, added back to it, into `output` (64 bytes). The same quarter
 * rounds as `quarterRound`, on local variables: about five times faster than on the array.
 */
function runBlock(input: Uint32Array, output: Uint8Array): void {
  let x0 = input[0], x1 = input[1], x2 = input[2], x3 = input[3], x4 = input[4], x5 = input[5], x6 = input[6], x7 = input[7];
  let x8 = input[8], x9 = input[9], x10 = input[10], x11 = input[11], x12 = input[12], x13 = input[13], x14 = input[14], x15 = input[15];
  for (let round = 0; round < 10; round += 1) {
    // Column round: (0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15).
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);
    // Diagonal round: (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14).
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
  }
  const words = [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15];
  for (let index = 0; index < 16; index += 1) {
    const word = (words[index] + input[index]) >>> 0;
    output[index * 4] = word & 0xff;
    output[index * 4 + 1] = (word >>> 8) & 0xff;
    output[index * 4 + 2] = (word >>> 16) & 0xff;
    output[index * 4 + 3] = word >>> 24;
  }
}

/** §2.3: one serialized 64-byte block for `counter`. */
export function computeChaCha20Block(key: Uint8Array, counter: number, nonce: Uint8Array): Uint8Array {
  checkKeyAndNonce(key, nonce);
  const state = initialState(key, nonce);
  state[12] = counter >>> 0;
  const output = new Uint8Array(BLOCK_BYTES);
  runBlock(state, output);
  state.fill(0);
  return output;
}

/** §2.4: encryption and decryption are the same XOR with the key stream from `initialCounter`. */
export function xorChaCha20(key: Uint8Array, nonce: Uint8Array, initialCounter: number, data: Uint8Array): Uint8Array {
  checkKeyAndNonce(key, nonce);
  const blocks = Math.ceil(data.length / BLOCK_BYTES);
  if (initialCounter + blocks > 0x1_0000_0000) {
    throw new SignetError('decryption-failed', 'The data is longer than one ChaCha20 nonce may encrypt (RFC 8439 §2.4).');
  }
  const state = initialState(key, nonce);
  const stream = new Uint8Array(BLOCK_BYTES);
  const output = new Uint8Array(data.length);
  for (let block = 0; block < blocks; block += 1) {
    state[12] = initialCounter + block;
    runBlock(state, stream);
    const offset = block * BLOCK_BYTES;
    const end = Math.min(offset + BLOCK_BYTES, data.length);
    for (let index = offset; index < end; index += 1) output[index] = data[index] ^ stream[index - offset];
  }
  state.fill(0);
  stream.fill(0);
  return output;
}
