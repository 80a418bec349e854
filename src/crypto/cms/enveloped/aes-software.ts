/**
 * AES decryption in JavaScript (FIPS 197 §5.3, the inverse cipher), used only where WebCrypto
 * says no: Chromium's WebCrypto refuses 192-bit AES keys, yet mail encrypted with AES-192-CBC
 * (RFC 3565) or an AES-192 key wrap (OpenSSL's choice for 24-byte content keys to EC recipients)
 * must still open in the extension. Table lookups are indexed by secret bytes, so this is not
 * constant-time; it runs only on data the user chose to decrypt, never as a service to others.
 */
import { removePkcs7Padding } from '../../ciphers/padding';

const S_BOX = new Uint8Array(256);
const INVERSE_S_BOX = new Uint8Array(256);

function multiplyInField(left: number, right: number): number {
  let product = 0;
  let a = left;
  let b = right;
  while (b > 0) {
    if (b & 1) product ^= a;
    a = (a << 1) ^ (a & 0x80 ? 0x11b : 0);
    b >>= 1;
  }
  return product & 0xff;
}

/** FIPS 197 §5.1.1: the multiplicative inverse in GF(2^8) followed by the affine transformation. */
function buildSubstitutionBoxes(): void {
  for (let value = 0; value < 256; value += 1) {
    let inverse = 0;
    if (value !== 0) {
      for (let candidate = 1; candidate < 256; candidate += 1) {
        if (multiplyInField(value, candidate) === 1) {
          inverse = candidate;
          break;
        }
      }
    }
    let result = inverse;
    for (let shift = 1; shift <= 4; shift += 1) result ^= ((inverse << shift) | (inverse >> (8 - shift))) & 0xff;
    result ^= 0x63;
    S_BOX[value] = result;
    INVERSE_S_BOX[result] = value;
  }
}
buildSubstitutionBoxes();

const MULTIPLY_BY = [9, 11, 13, 14].map((factor) => Uint8Array.from({ length: 256 }, (_, value) => multiplyInField(value, factor)));
const [TIMES_9, TIMES_11, TIMES_13, TIMES_14] = MULTIPLY_BY;

/** FIPS 197 §5.2: the key schedule, as 4·(Nr+1) words laid out as bytes. */
export function expandAesKey(key: Uint8Array): Uint8Array {
  const keyWords = key.length / 4;
  if (![4, 6, 8].includes(keyWords)) throw new RangeError(`AES keys are 16, 24 or 32 bytes, not ${key.length}`);
  const rounds = keyWords + 6;
  const schedule = new Uint8Array(16 * (rounds + 1));
  schedule.set(key);
  let roundConstant = 1;
  for (let word = keyWords; word < 4 * (rounds + 1); word += 1) {
    const previous = schedule.slice(4 * (word - 1), 4 * word);
    if (word % keyWords === 0) {
      const [first] = previous;
      previous[0] = S_BOX[previous[1]] ^ roundConstant;
      previous[1] = S_BOX[previous[2]];
      previous[2] = S_BOX[previous[3]];
      previous[3] = S_BOX[first];
      roundConstant = multiplyInField(roundConstant, 2);
    } else if (keyWords > 6 && word % keyWords === 4) {
      for (let index = 0; index < 4; index += 1) previous[index] = S_BOX[previous[index]];
    }
    for (let index = 0; index < 4; index += 1) schedule[4 * word + index] = schedule[4 * (word - keyWords) + index] ^ previous[index];
  }
  return schedule;
}

function addRoundKey(state: Uint8Array, schedule: Uint8Array, round: number): void {
  for (let index = 0; index < 16; index += 1) state[index] ^= schedule[16 * round + index];
}

/** InvShiftRows then InvSubBytes (FIPS 197 §5.3.1, §5.3.2); the state is column-major. */
function inverseShiftAndSubstitute(state: Uint8Array, scratch: Uint8Array): void {
  for (let column = 0; column < 4; column += 1) {
    for (let row = 0; row < 4; row += 1) scratch[4 * ((column + row) % 4) + row] = INVERSE_S_BOX[state[4 * column + row]];
  }
  state.set(scratch);
}

/** InvMixColumns (FIPS 197 §5.3.3). */
function inverseMixColumns(state: Uint8Array): void {
  for (let column = 0; column < 16; column += 4) {
    const [a, b, c, d] = [state[column], state[column + 1], state[column + 2], state[column + 3]];
    state[column] = TIMES_14[a] ^ TIMES_11[b] ^ TIMES_13[c] ^ TIMES_9[d];
    state[column + 1] = TIMES_9[a] ^ TIMES_14[b] ^ TIMES_11[c] ^ TIMES_13[d];
    state[column + 2] = TIMES_13[a] ^ TIMES_9[b] ^ TIMES_14[c] ^ TIMES_11[d];
    state[column + 3] = TIMES_11[a] ^ TIMES_13[b] ^ TIMES_9[c] ^ TIMES_14[d];
  }
}

/** Decrypts one 16-byte block in place. */
export function decryptAesBlock(schedule: Uint8Array, block: Uint8Array): void {
  const rounds = schedule.length / 16 - 1;
  const scratch = new Uint8Array(16);
  addRoundKey(block, schedule, rounds);
  for (let round = rounds - 1; round >= 1; round -= 1) {
    inverseShiftAndSubstitute(block, scratch);
    addRoundKey(block, schedule, round);
    inverseMixColumns(block);
  }
  inverseShiftAndSubstitute(block, scratch);
  addRoundKey(block, schedule, 0);
  scratch.fill(0);
}

/** AES-CBC decryption with PKCS#7 padding removal (RFC 3565 §4.1 content). */
export function decryptAesCbcInSoftware(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length === 0 || data.length % 16 !== 0 || iv.length !== 16) throw new RangeError('AES-CBC input is not whole blocks');
  const schedule = expandAesKey(key);
  const output = data.slice();
  for (let offset = 0; offset < output.length; offset += 16) {
    const block = output.subarray(offset, offset + 16);
    decryptAesBlock(schedule, block);
    const previous = offset === 0 ? iv : data.subarray(offset - 16, offset);
    for (let index = 0; index < 16; index += 1) block[index] ^= previous[index];
  }
  schedule.fill(0);
  try {
    return removePkcs7Padding(output, 16);
  } finally {
    output.fill(0);
  }
}

/** RFC 3394 §2.2.2 key unwrap; returns null when the integrity check value is not A6A6A6A6A6A6A6A6. */
export function unwrapAesKeyInSoftware(keyEncryptionKey: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  const blocks = wrapped.length / 8 - 1;
  const schedule = expandAesKey(keyEncryptionKey);
  const integrity = wrapped.slice(0, 8);
  const registers = wrapped.slice(8);
  const buffer = new Uint8Array(16);
  for (let step = 5; step >= 0; step -= 1) {
    for (let index = blocks; index >= 1; index -= 1) {
      const counter = blocks * step + index;
      buffer.set(integrity);
      for (let byte = 0; byte < 8; byte += 1) buffer[7 - byte] ^= Math.floor(counter / 2 ** (8 * byte)) & 0xff;
      buffer.set(registers.subarray(8 * (index - 1), 8 * index), 8);
      decryptAesBlock(schedule, buffer);
      integrity.set(buffer.subarray(0, 8));
      registers.set(buffer.subarray(8), 8 * (index - 1));
    }
  }
  schedule.fill(0);
  buffer.fill(0);
  const intact = integrity.every((byte) => byte === 0xa6);
  if (!intact) registers.fill(0);
  return intact ? registers : null;
}
