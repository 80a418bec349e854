import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodeHex } from '../encoding/hex';
import { decryptTripleDesCbc, encryptTripleDesCbc } from './triple-des';

function opensslEncrypt(cipher: string, keyHex: string, ivHex: string, plaintext: Uint8Array): Uint8Array {
  const directory = mkdtempSync(join(tmpdir(), 'signet-3des-'));
  writeFileSync(join(directory, 'plain'), plaintext);
  execFileSync('openssl', ['enc', `-${cipher}`, '-K', keyHex, '-iv', ivHex, '-in', join(directory, 'plain'), '-out', join(directory, 'cipher')]);
  return new Uint8Array(readFileSync(join(directory, 'cipher')));
}

const KEY = '0123456789abcdeffedcba987654321089abcdef01234567';
const IV = '0011223344556677';

describe('DES-EDE3-CBC', () => {
  it('decrypts what openssl enc -des-ede3-cbc wrote, for every padding length', () => {
    for (const length of [0, 1, 7, 8, 9, 100]) {
      const plaintext = new Uint8Array(length).map((_, index) => index * 13);
      const ciphertext = opensslEncrypt('des-ede3-cbc', KEY, IV, plaintext);
      expect(decryptTripleDesCbc(decodeHex(KEY), decodeHex(IV), ciphertext)).toEqual(plaintext);
      expect(encryptTripleDesCbc(decodeHex(KEY), decodeHex(IV), plaintext)).toEqual(ciphertext);
    }
  });

  it('treats a 16-byte key as two-key triple DES (K3 = K1)', () => {
    const twoKey = KEY.slice(0, 32);
    const plaintext = new TextEncoder().encode('pbeWithSHAAnd2-KeyTripleDES-CBC');
    const ciphertext = opensslEncrypt('des-ede-cbc', twoKey, IV, plaintext);
    expect(decryptTripleDesCbc(decodeHex(twoKey), decodeHex(IV), ciphertext)).toEqual(plaintext);
  });

  it('reports a wrong key as decryption-failed', () => {
    const ciphertext = opensslEncrypt('des-ede3-cbc', KEY, IV, new Uint8Array(16));
    const wrongKey = decodeHex(KEY);
    wrongKey[23] ^= 0x10; // bit 4: not a DES parity bit, so the key really changes
    let caught: unknown;
    try {
      decryptTripleDesCbc(wrongKey, decodeHex(IV), ciphertext);
    } catch (error) {
      caught = error;
    }
    expect(isSignetError(caught, 'decryption-failed')).toBe(true);
  });

  it('refuses data that is not whole blocks and keys of the wrong size', () => {
    expect(() => decryptTripleDesCbc(decodeHex(KEY), decodeHex(IV), new Uint8Array(7))).toThrow(/whole number/);
    expect(() => decryptTripleDesCbc(new Uint8Array(8), decodeHex(IV), new Uint8Array(8))).toThrow(/16 or 24 bytes/);
  });
});
