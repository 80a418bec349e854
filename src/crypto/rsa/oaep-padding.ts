/**
 * EME-OAEP (RFC 8017 §7.1.1 step 2 and §7.1.2 step 3), with the label hash and the MGF1 hash
 * chosen independently: RSAES-OAEP-params (RFC 4055 §4.1) allow e.g. SHA-256 with MGF1-SHA-1,
 * which Java writes and WebCrypto can't read.
 *
 *   DB = lHash || PS (zeros) || 0x01 || M
 *   EM = 0x00 || (seed ⊕ MGF(maskedDB)) || (DB ⊕ MGF(seed))
 */
import type { HashName } from '../keys/private-key-handle';
import { maskIfEqual, maskIfZero, selectByMask } from './constant-time';
import { digestBytes, generateMgf1Mask, hashLengthOf } from './hash-functions';

export interface OaepParameters {
  hash: HashName;
  mgf1Hash: HashName;
  label: Uint8Array;
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let index = 0; index < target.length; index += 1) target[index] ^= mask[index];
}

export async function encodeOaep(message: Uint8Array, modulusLength: number, parameters: OaepParameters): Promise<Uint8Array> {
  const hashLength = hashLengthOf(parameters.hash);
  if (message.length > modulusLength - 2 * hashLength - 2) throw new RangeError('OAEP: message too long for the key');
  const dataBlock = new Uint8Array(modulusLength - hashLength - 1);
  dataBlock.set(await digestBytes(parameters.hash, parameters.label));
  dataBlock[dataBlock.length - message.length - 1] = 1;
  dataBlock.set(message, dataBlock.length - message.length);
  const seed = crypto.getRandomValues(new Uint8Array(hashLength));
  xorInto(dataBlock, await generateMgf1Mask(parameters.mgf1Hash, seed, dataBlock.length));
  xorInto(seed, await generateMgf1Mask(parameters.mgf1Hash, dataBlock, hashLength));
  const encoded = new Uint8Array(modulusLength);
  encoded.set(seed, 1);
  encoded.set(dataBlock, 1 + hashLength);
  seed.fill(0);
  dataBlock.fill(0);
  return encoded;
}

/**
 * Returns M, or null when EM is not a valid encoding. Every check is folded into one mask first
 * (no early exit), so the failure looks the same whichever check failed (Manger's attack needs
 * to tell "Y ≠ 0" apart from the rest).
 */
export async function decodeOaep(encoded: Uint8Array, parameters: OaepParameters): Promise<Uint8Array | null> {
  const modulusLength = encoded.length;
  const hashLength = hashLengthOf(parameters.hash);
  if (modulusLength < 2 * hashLength + 2) return null;
  const labelHash = await digestBytes(parameters.hash, parameters.label);
  const seed = encoded.slice(1, 1 + hashLength);
  const dataBlock = encoded.slice(1 + hashLength);
  xorInto(seed, await generateMgf1Mask(parameters.mgf1Hash, dataBlock, hashLength));
  xorInto(dataBlock, await generateMgf1Mask(parameters.mgf1Hash, seed, dataBlock.length));

  let good = maskIfZero(encoded[0]);
  for (let index = 0; index < hashLength; index += 1) good &= maskIfEqual(dataBlock[index], labelHash[index]);
  let lookingForOne = 0xffffffff;
  let invalidPadding = 0;
  let oneIndex = 0;
  for (let index = hashLength; index < dataBlock.length; index += 1) {
    const isOne = maskIfEqual(dataBlock[index], 1);
    const isZero = maskIfZero(dataBlock[index]);
    oneIndex = selectByMask(lookingForOne & isOne, index, oneIndex);
    invalidPadding |= lookingForOne & ~isOne & ~isZero;
    lookingForOne = (lookingForOne & ~isOne) >>> 0;
  }
  good = (good & ~lookingForOne & ~invalidPadding) >>> 0;
  seed.fill(0);
  const message = good === 0xffffffff ? dataBlock.slice(oneIndex + 1) : null;
  dataBlock.fill(0);
  return message;
}
