import { describe, expect, it } from 'vitest';
import { encodeHex } from '../encoding/hex';
import { hashRepeatedly } from './iterated-hash';

async function hashRepeatedlyWithWebCrypto(hash: string, digest: Uint8Array, rounds: number): Promise<Uint8Array> {
  let current = digest;
  for (let round = 0; round < rounds; round++) current = new Uint8Array(await crypto.subtle.digest(hash, current as Uint8Array<ArrayBuffer>));
  return current;
}

describe('hashing a digest over and over (the PKCS#12 KDF inner loop)', () => {
  it.each(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const)('%s agrees with WebCrypto round for round', async (hash) => {
    for (const rounds of [0, 1, 2, 7, 300]) {
      const start = new Uint8Array(await crypto.subtle.digest(hash, crypto.getRandomValues(new Uint8Array(41))));
      expect(encodeHex(await hashRepeatedly(hash, start, rounds)), `${rounds} rounds`).toBe(encodeHex(await hashRepeatedlyWithWebCrypto(hash, start, rounds)));
    }
  });

  it('matches the FIPS 180-4 example digests of "abc" (one block)', async () => {
    const abc = new TextEncoder().encode('abc');
    // hashRepeatedly takes any message up to 55 bytes; "abc" hashed once is the published value.
    expect(encodeHex(await hashRepeatedly('SHA-1', abc, 1))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(encodeHex(await hashRepeatedly('SHA-256', abc, 1))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is much faster than one WebCrypto call per round (what it exists for)', async () => {
    const start = new Uint8Array(20);
    let started = performance.now();
    const viaWebCrypto = await hashRepeatedlyWithWebCrypto('SHA-1', start, 20_000);
    const webCryptoMilliseconds = performance.now() - started;
    started = performance.now();
    const inJavaScript = await hashRepeatedly('SHA-1', start, 20_000);
    const javaScriptMilliseconds = performance.now() - started;
    expect(inJavaScript).toEqual(viaWebCrypto);
    expect(javaScriptMilliseconds).toBeLessThan(webCryptoMilliseconds / 2);
  });

  it('refuses a first input longer than one block can carry', async () => {
    await expect(hashRepeatedly('SHA-256', new Uint8Array(56), 1)).rejects.toThrow(RangeError);
  });
});
