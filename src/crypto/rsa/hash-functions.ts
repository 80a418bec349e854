/** The hash helpers the RSA paddings need, over WebCrypto. */
import type { HashName } from '../keys/private-key-handle';
import { asBufferSource } from './buffer-source';

const HASH_LENGTHS: Record<HashName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

export function hashLengthOf(hash: HashName): number {
  return HASH_LENGTHS[hash];
}

export async function digestBytes(hash: HashName, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(data)));
}

export async function hmacBytes(hash: HashName, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const hmacKey = await crypto.subtle.importKey('raw', asBufferSource(key), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, asBufferSource(data)));
}

/** MGF1 (RFC 8017 appendix B.2.1): Hash(seed || C) for C = 0, 1, ... up to `length` bytes. */
export async function generateMgf1Mask(hash: HashName, seed: Uint8Array, length: number): Promise<Uint8Array> {
  const hashLength = hashLengthOf(hash);
  const mask = new Uint8Array(Math.ceil(length / hashLength) * hashLength);
  const block = new Uint8Array(seed.length + 4);
  block.set(seed);
  for (let counter = 0; counter * hashLength < length; counter += 1) {
    new DataView(block.buffer).setUint32(seed.length, counter);
    mask.set(await digestBytes(hash, block), counter * hashLength);
  }
  block.fill(0);
  const result = mask.slice(0, length);
  mask.fill(0);
  return result;
}
