import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodeHex, encodeHex } from '../encoding/hex';
import { decodeEcdsaSignatureDer, encodeEcdsaSignatureDer } from './ecdsa-signature';

describe('ECDSA signatures between WebCrypto and CMS (RFC 3279 §2.2.3)', () => {
  it('drops leading zeros and adds a 0x00 where the top bit is set, and reads it back', () => {
    const r = '00007f' + '11'.repeat(29);
    const s = '80' + '22'.repeat(31);
    const der = encodeEcdsaSignatureDer(decodeHex(r + s));
    expect(encodeHex(der)).toBe(`3043021e7f${'11'.repeat(29)}02210080${'22'.repeat(31)}`);
    expect(encodeHex(decodeEcdsaSignatureDer(der, 32))).toBe(r + s);
  });

  it('uses a long-form length for P-521 signatures over 127 bytes', () => {
    const raw = new Uint8Array(132).fill(0xff);
    const der = encodeEcdsaSignatureDer(raw);
    expect([...der.subarray(0, 3)]).toEqual([0x30, 0x81, 2 * (2 + 67)]);
    expect(decodeEcdsaSignatureDer(der, 66)).toEqual(raw);
  });

  it('refuses DER that is truncated, padded, or has an integer too long for the curve', () => {
    const der = encodeEcdsaSignatureDer(new Uint8Array(64).fill(0x11));
    for (const bad of [der.subarray(0, der.length - 1), Uint8Array.of(...der, 0), Uint8Array.of(0x31, ...der.subarray(1))]) {
      expect(() => decodeEcdsaSignatureDer(bad, 32)).toThrow();
    }
    let caught: unknown;
    try {
      decodeEcdsaSignatureDer(der, 16);
    } catch (error) {
      caught = error;
    }
    expect(isSignetError(caught, 'malformed-cms')).toBe(true);
  });
});
