import { describe, expect, it } from 'vitest';
import { decodeHex, encodeHex } from '../encoding/hex';
import { derivePkcs12Key, encodeBmpPassword, KDF_PURPOSE } from './pkcs12-kdf';

/**
 * RFC 7292 has no test vectors; these are Dr Stephen Henson's (drh-consultancy test.txt), which
 * OpenSSL, BouncyCastle and others check their PKCS#12 KDF against. SHA-1 throughout.
 */
const HENSON_VECTORS: [string, string, number, number, number, string][] = [
  ['smeg', '0A58CF64530D823F', 1, KDF_PURPOSE.key, 24, '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3'],
  ['smeg', '0A58CF64530D823F', 1, KDF_PURPOSE.iv, 8, '79993dfe048d3b76'],
  ['smeg', '642B99AB44FB4B1F', 1, KDF_PURPOSE.key, 24, 'f3a95fec48d7711e985cfe67908c5ab79fa3d7c5caa5d966'],
  ['smeg', '642B99AB44FB4B1F', 1, KDF_PURPOSE.iv, 8, 'c0a38d64a79bea1d'],
  ['smeg', '3D83C0E4546AC140', 1, KDF_PURPOSE.mac, 20, '8d967d88f6caa9d714800ab3d48051d63f73a312'],
  ['queeg', '05DEC959ACFF72F7', 1000, KDF_PURPOSE.key, 24, 'ed2034e36328830ff09df1e1a07dd357185dac0d4f9eb3d4'],
  ['queeg', '1682C0FC5B3F7EC5', 1000, KDF_PURPOSE.key, 24, '483dd6e919d7de2e8e648ba8f862f3fbfbdc2bcb2c02957f'],
];

describe('the PKCS#12 key derivation (RFC 7292 appendix B)', () => {
  it.each(HENSON_VECTORS)('password %s, salt %s, %i iterations, purpose %i gives the published bytes', async (password, salt, iterations, purpose, length, expected) => {
    expect(encodeHex(await derivePkcs12Key('SHA-1', encodeBmpPassword(password), decodeHex(salt), iterations, purpose, length))).toBe(expected);
  });

  it('encodes the password as a BMPString with a two-byte terminator (appendix B.1)', () => {
    expect(encodeHex(encodeBmpPassword('smeg'))).toBe('0073006d006500670000');
    expect(encodeHex(encodeBmpPassword(''))).toBe('0000');
    expect(encodeHex(encodeBmpPassword('ü€𝄞'))).toBe('00fc20acd834dd1e0000');
  });

  it('refuses iteration counts outside 1..1,000,000 before hashing anything', async () => {
    for (const iterations of [0, -1, 1.5, 1_000_001]) {
      await expect(derivePkcs12Key('SHA-256', new Uint8Array(2), new Uint8Array(8), iterations, 3, 32)).rejects.toThrow(/key derivation rounds/);
    }
  });
});
