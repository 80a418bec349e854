/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2), used for the MAC key and for the
 * keys and IVs of the legacy password-based encryption schemes (appendix C). PBES2 content uses
 * PBKDF2 instead (RFC 8018 §5.2).
 */
import { SignetError } from '../../shared/errors';
import { hashRepeatedly } from './iterated-hash';

export type Pkcs12Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** What the derived bytes are for: the "ID" byte of RFC 7292 appendix B.3. */
export const KDF_PURPOSE = { key: 1, iv: 2, mac: 3 } as const;

/**
 * Real files use 1 to 100,000 iterations (OpenSSL 2048, Windows 2000). Rounds run in JavaScript
 * for SHA-1/SHA-256 (iterated-hash.ts, well under 1 µs each) but one WebCrypto call each for
 * SHA-384/512, so the cap stays below PBKDF2's: a hostile file must not keep the service worker
 * busy for minutes.
 */
export const MAX_PKCS12_KDF_ITERATIONS = 1_000_000;

/** u and v of RFC 7292 B.2: the output size and the block size of the hash, in bytes. */
const HASH_SIZES: Record<Pkcs12Hash, { outputBytes: number; blockBytes: number }> = {
  'SHA-1': { outputBytes: 20, blockBytes: 64 },
  'SHA-256': { outputBytes: 32, blockBytes: 64 },
  'SHA-384': { outputBytes: 48, blockBytes: 128 },
  'SHA-512': { outputBytes: 64, blockBytes: 128 },
};

export function hashOutputBytes(hash: Pkcs12Hash): number {
  return HASH_SIZES[hash].outputBytes;
}

/**
 * The password as RFC 7292 B.1 wants it: a BMPString (UTF-16 big-endian) with a two-byte zero
 * terminator. Characters outside the BMP become surrogate pairs, as OpenSSL encodes them.
 */
export function encodeBmpPassword(password: string): Uint8Array {
  const bytes = new Uint8Array(password.length * 2 + 2);
  for (let index = 0; index < password.length; index++) {
    const unit = password.charCodeAt(index);
    bytes[2 * index] = unit >> 8;
    bytes[2 * index + 1] = unit & 0xff;
  }
  return bytes;
}

/** `source` repeated to fill a multiple of `blockBytes` (RFC 7292 B.2 steps 2 and 3). */
function repeatToBlocks(source: Uint8Array, blockBytes: number): Uint8Array {
  if (source.length === 0) return new Uint8Array(0);
  const length = blockBytes * Math.ceil(source.length / blockBytes);
  const output = new Uint8Array(length);
  for (let index = 0; index < length; index++) output[index] = source[index % source.length];
  return output;
}

/**
 * RFC 7292 B.2: derives `outputLength` bytes from the encoded password (see `encodeBmpPassword`,
 * or empty for "no password"), the salt and the iteration count.
 */
export async function derivePkcs12Key(
  hash: Pkcs12Hash,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  purpose: number,
  outputLength: number,
): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PKCS12_KDF_ITERATIONS) {
    throw new SignetError('corrupt-pkcs12', `The digital ID asks for ${iterations} key derivation rounds; Signet accepts 1 to ${MAX_PKCS12_KDF_ITERATIONS}.`);
  }
  const { outputBytes: u, blockBytes: v } = HASH_SIZES[hash];
  const diversifier = new Uint8Array(v).fill(purpose); // step 1: D
  const saltBlocks = repeatToBlocks(salt, v); // step 2: S
  const passwordBlocks = repeatToBlocks(password, v); // step 3: P
  const input = new Uint8Array(saltBlocks.length + passwordBlocks.length); // step 4: I = S || P
  input.set(saltBlocks);
  input.set(passwordBlocks, saltBlocks.length);
  passwordBlocks.fill(0);

  const blockCount = Math.ceil(outputLength / u); // step 5: c
  const output = new Uint8Array(blockCount * u);
  const hashInput = new Uint8Array(v + input.length);
  for (let block = 0; block < blockCount; block++) {
    // Step 6a: A_i = H^r(D || I).
    hashInput.set(diversifier);
    hashInput.set(input, v);
    const firstRound = new Uint8Array(await crypto.subtle.digest(hash, hashInput));
    const digest = await hashRepeatedly(hash, firstRound, iterations - 1);
    output.set(digest, block * u);
    if (block === blockCount - 1) break;
    // Steps 6b and 6c: B = A_i repeated to v bytes; every v-byte block I_j := (I_j + B + 1) mod 2^(8v).
    const increment = repeatToBlocks(digest, v).subarray(0, v);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let index = v - 1; index >= 0; index--) {
        const sum = input[offset + index] + increment[index] + carry;
        input[offset + index] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  input.fill(0);
  hashInput.fill(0);
  return output.slice(0, outputLength);
}
