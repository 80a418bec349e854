import { describe, expect, it } from 'vitest';
import { decryptAesBlock, decryptAesCbcInSoftware, expandAesKey, unwrapAesKeyInSoftware } from './aes-software';

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));

describe('AES in JavaScript, for the 192-bit keys Chromium refuses', () => {
  it.each([
    ['000102030405060708090a0b0c0d0e0f', '69c4e0d86a7b0430d8cdb78070b4c55a'],
    ['000102030405060708090a0b0c0d0e0f1011121314151617', 'dda97ca4864cdfe06eaf70a0ec0d7191'],
    ['000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', '8ea2b7ca516745bfeafc49904b496089'],
  ])('decrypts the FIPS 197 appendix C example with key %s', (key, ciphertext) => {
    const block = fromHex(ciphertext);
    decryptAesBlock(expandAesKey(fromHex(key)), block);
    expect(block).toEqual(fromHex('00112233445566778899aabbccddeeff'));
  });

  it('decrypts AES-192-CBC exactly as WebCrypto in Node does', async () => {
    const key = crypto.getRandomValues(new Uint8Array(24));
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const plaintext = crypto.getRandomValues(new Uint8Array(1000));
    const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['encrypt']);
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, cryptoKey, plaintext));
    expect(decryptAesCbcInSoftware(key, iv, ciphertext)).toEqual(plaintext);
  });

  it('unwraps the RFC 3394 §4.2 example (128-bit key under a 192-bit KEK) and refuses a damaged one', () => {
    const keyEncryptionKey = fromHex('000102030405060708090a0b0c0d0e0f1011121314151617');
    const wrapped = fromHex('96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d');
    expect(unwrapAesKeyInSoftware(keyEncryptionKey, wrapped)).toEqual(fromHex('00112233445566778899aabbccddeeff'));
    wrapped[10] ^= 1;
    expect(unwrapAesKeyInSoftware(keyEncryptionKey, wrapped)).toBeNull();
  });

  it('unwraps the RFC 3394 §4.4 example (192-bit key under a 192-bit KEK)', () => {
    const keyEncryptionKey = fromHex('000102030405060708090a0b0c0d0e0f1011121314151617');
    const wrapped = fromHex('031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2');
    expect(unwrapAesKeyInSoftware(keyEncryptionKey, wrapped)).toEqual(fromHex('00112233445566778899aabbccddeeff0001020304050607'));
  });
});
