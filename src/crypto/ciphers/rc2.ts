/**
 * RC2 (RFC 2268), only for reading old data: legacy PKCS#12 files encrypt their certificates with
 * pbeWithSHAAnd40BitRC2-CBC (RFC 7292 appendix C) and old S/MIME mail used RC2-CBC. WebCrypto has
 * no RC2, so it is written out here, checked against the RFC's test vectors (§5).
 */
import { SignetError } from '../../shared/errors';
import { addPkcs7Padding, removePkcs7Padding } from './padding';

const BLOCK_SIZE = 8;

/** PITABLE, RFC 2268 §2: a permutation of 0..255 derived from the digits of pi. */
// prettier-ignore
const PITABLE = new Uint8Array([
  0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
  0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
  0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
  0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
  0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
  0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
  0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
  0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
  0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
  0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
  0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
  0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
  0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
  0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
  0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
  0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
]);

/**
 * Key expansion, RFC 2268 §2: 1..128 key bytes and an effective key size of 1..1024 bits give
 * 64 sixteen-bit subkeys K[0..63].
 */
export function expandRc2Key(key: Uint8Array, effectiveKeyBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw new SignetError('unsupported-algorithm', `RC2 keys are 1 to 128 bytes, not ${key.length}.`);
  if (!Number.isInteger(effectiveKeyBits) || effectiveKeyBits < 1 || effectiveKeyBits > 1024) {
    throw new SignetError('unsupported-algorithm', `RC2 effective key sizes are 1 to 1024 bits, not ${effectiveKeyBits}.`);
  }
  const expanded = new Uint8Array(128);
  expanded.set(key);
  const keyLength = key.length;
  const effectiveBytes = Math.ceil(effectiveKeyBits / 8);
  const mask = 0xff >> (8 * effectiveBytes - effectiveKeyBits);
  for (let index = keyLength; index < 128; index++) {
    expanded[index] = PITABLE[(expanded[index - 1] + expanded[index - keyLength]) & 0xff];
  }
  expanded[128 - effectiveBytes] = PITABLE[expanded[128 - effectiveBytes] & mask];
  for (let index = 127 - effectiveBytes; index >= 0; index--) {
    expanded[index] = PITABLE[expanded[index + 1] ^ expanded[index + effectiveBytes]];
  }
  const subkeys = new Uint16Array(64);
  for (let index = 0; index < 64; index++) subkeys[index] = expanded[2 * index] | (expanded[2 * index + 1] << 8);
  expanded.fill(0);
  return subkeys;
}

const ROTATIONS = [1, 2, 3, 5];

/** Encrypts one 8-byte block in place (RFC 2268 §3: 5 mixing, mash, 6 mixing, mash, 5 mixing). */
export function encryptRc2Block(subkeys: Uint16Array, block: Uint8Array, offset = 0): void {
  const words = readWords(block, offset);
  let subkeyIndex = 0;
  for (let round = 0; round < 16; round++) {
    for (let index = 0; index < 4; index++) {
      const sum = words[index] + subkeys[subkeyIndex++] + (words[(index + 3) & 3] & words[(index + 2) & 3]) +
        (~words[(index + 3) & 3] & words[(index + 1) & 3]);
      const value = sum & 0xffff;
      words[index] = ((value << ROTATIONS[index]) | (value >> (16 - ROTATIONS[index]))) & 0xffff;
    }
    if (round === 4 || round === 10) {
      for (let index = 0; index < 4; index++) words[index] = (words[index] + subkeys[words[(index + 3) & 3] & 63]) & 0xffff;
    }
  }
  writeWords(words, block, offset);
}

/** Decrypts one 8-byte block in place (RFC 2268 §4: the rounds of §3 undone in reverse). */
export function decryptRc2Block(subkeys: Uint16Array, block: Uint8Array, offset = 0): void {
  const words = readWords(block, offset);
  let subkeyIndex = 63;
  for (let round = 15; round >= 0; round--) {
    for (let index = 3; index >= 0; index--) {
      const value = words[index];
      const rotated = ((value >> ROTATIONS[index]) | (value << (16 - ROTATIONS[index]))) & 0xffff;
      words[index] = (rotated - subkeys[subkeyIndex--] - (words[(index + 3) & 3] & words[(index + 2) & 3]) -
        (~words[(index + 3) & 3] & words[(index + 1) & 3])) & 0xffff;
    }
    if (round === 11 || round === 5) {
      for (let index = 3; index >= 0; index--) words[index] = (words[index] - subkeys[words[(index + 3) & 3] & 63]) & 0xffff;
    }
  }
  writeWords(words, block, offset);
}

/** RC2-CBC encryption with PKCS#7 padding (RFC 2268 §6 with the CBC of RFC 8018 §B.2.3). */
export function encryptRc2Cbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, effectiveKeyBits: number): Uint8Array {
  checkIv(iv);
  const subkeys = expandRc2Key(key, effectiveKeyBits);
  const output = addPkcs7Padding(data, BLOCK_SIZE);
  let previous = iv;
  for (let offset = 0; offset < output.length; offset += BLOCK_SIZE) {
    for (let index = 0; index < BLOCK_SIZE; index++) output[offset + index] ^= previous[index];
    encryptRc2Block(subkeys, output, offset);
    previous = output.subarray(offset, offset + BLOCK_SIZE);
  }
  subkeys.fill(0);
  return output;
}

/** RC2-CBC decryption; bad padding (usually a wrong key) -> SignetError 'decryption-failed'. */
export function decryptRc2Cbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, effectiveKeyBits: number): Uint8Array {
  checkIv(iv);
  if (data.length === 0 || data.length % BLOCK_SIZE !== 0) {
    throw new SignetError('decryption-failed', 'RC2-CBC data is not a whole number of 8-byte blocks.');
  }
  const subkeys = expandRc2Key(key, effectiveKeyBits);
  const output = data.slice();
  for (let offset = output.length - BLOCK_SIZE; offset >= 0; offset -= BLOCK_SIZE) {
    decryptRc2Block(subkeys, output, offset);
    const previous = offset === 0 ? iv : data.subarray(offset - BLOCK_SIZE, offset);
    for (let index = 0; index < BLOCK_SIZE; index++) output[offset + index] ^= previous[index];
  }
  subkeys.fill(0);
  try {
    return removePkcs7Padding(output, BLOCK_SIZE);
  } finally {
    output.fill(0);
  }
}

function checkIv(iv: Uint8Array): void {
  if (iv.length !== BLOCK_SIZE) throw new SignetError('decryption-failed', `RC2-CBC needs an 8-byte IV, not ${iv.length} bytes.`);
}

/** The block as four little-endian 16-bit words R[0..3] (RFC 2268 §3). */
function readWords(block: Uint8Array, offset: number): number[] {
  return [0, 1, 2, 3].map((index) => block[offset + 2 * index] | (block[offset + 2 * index + 1] << 8));
}

function writeWords(words: number[], block: Uint8Array, offset: number): void {
  for (let index = 0; index < 4; index++) {
    block[offset + 2 * index] = words[index] & 0xff;
    block[offset + 2 * index + 1] = words[index] >> 8;
  }
}
