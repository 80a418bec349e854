import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodeHex, encodeHex } from '../encoding/hex';
import { decryptRc2Block, decryptRc2Cbc, encryptRc2Block, encryptRc2Cbc, expandRc2Key } from './rc2';

/** RFC 2268 §5: key, effective key bits, plaintext, ciphertext. */
const RFC_2268_VECTORS: [string, number, string, string][] = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
];

describe('RC2 (RFC 2268)', () => {
  it('encrypts and decrypts every test vector of RFC 2268 §5', () => {
    for (const [key, bits, plaintext, ciphertext] of RFC_2268_VECTORS) {
      const subkeys = expandRc2Key(decodeHex(key), bits);
      const block = decodeHex(plaintext);
      encryptRc2Block(subkeys, block);
      expect(encodeHex(block), `key ${key}/${bits}`).toBe(ciphertext);
      decryptRc2Block(subkeys, block);
      expect(encodeHex(block)).toBe(plaintext);
    }
  });

  it('reads RC2-40-CBC written by openssl, as legacy PKCS#12 certificate bags use it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'signet-rc2-'));
    const plaintext = new TextEncoder().encode('Jed Co certificates, encrypted the old way: 37 bytes!');
    writeFileSync(join(directory, 'plain'), plaintext);
    const key = '0102030405';
    const iv = '1122334455667788';
    execFileSync('openssl', ['enc', '-rc2-40-cbc', '-provider', 'legacy', '-provider', 'default', '-K', key, '-iv', iv,
      '-in', join(directory, 'plain'), '-out', join(directory, 'cipher')]);
    const opensslCiphertext = new Uint8Array(readFileSync(join(directory, 'cipher')));
    expect(decryptRc2Cbc(decodeHex(key), decodeHex(iv), opensslCiphertext, 40)).toEqual(plaintext);
    expect(encryptRc2Cbc(decodeHex(key), decodeHex(iv), plaintext, 40)).toEqual(opensslCiphertext);
  });

  it('reports a wrong key as decryption-failed, not as garbage', () => {
    const key = decodeHex('00112233445566778899aabbccddeeff');
    const iv = decodeHex('0001020304050607');
    const ciphertext = encryptRc2Cbc(key, iv, new Uint8Array(20), 128);
    let failures = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      const wrongKey = key.slice();
      wrongKey[0] ^= attempt + 1;
      try {
        decryptRc2Cbc(wrongKey, iv, ciphertext, 128);
      } catch (error) {
        expect(isSignetError(error, 'decryption-failed')).toBe(true);
        failures++;
      }
    }
    // One in about 256 wrong keys ends in a valid-looking 0x01 pad byte; most must fail.
    expect(failures).toBeGreaterThan(15);
    expect(() => decryptRc2Cbc(key, iv, ciphertext.subarray(0, 12), 128)).toThrow(/whole number/);
  });
});
