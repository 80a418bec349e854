import { describe, expect, it } from 'vitest';
import { decodePkcs1v15WithImplicitRejection, encodePkcs1v15 } from './pkcs1v15-padding';

const synthetic = new Uint8Array(16).fill(0xee);
const message = new Uint8Array(16).fill(0x42);

function encodedWith(first: number, second: number, paddingLength: number): Uint8Array {
  const encoded = new Uint8Array(3 + paddingLength + message.length);
  encoded[0] = first;
  encoded[1] = second;
  encoded.fill(0x99, 2, 2 + paddingLength);
  encoded.set(message, 3 + paddingLength);
  return encoded;
}

describe('EME-PKCS1-v1_5 decoding with implicit rejection', () => {
  it('gives back M from a well-formed encoding', () => {
    expect(decodePkcs1v15WithImplicitRejection(encodedWith(0, 2, 40), 16, synthetic)).toEqual(message);
  });

  it('a round trip through the encoder keeps M and never puts a zero in PS', () => {
    for (let round = 0; round < 50; round += 1) {
      const encoded = encodePkcs1v15(message, 128);
      expect(encoded.subarray(2, 128 - 17).includes(0)).toBe(false);
      expect(decodePkcs1v15WithImplicitRejection(encoded, 16, synthetic)).toEqual(message);
    }
  });

  it.each([
    ['a nonzero first byte', encodedWith(1, 2, 40)],
    ['block type 1 instead of 2', encodedWith(0, 1, 40)],
  ])('%s gives the synthetic bytes', (_name, encoded) => {
    expect(decodePkcs1v15WithImplicitRejection(encoded, 16, synthetic)).toEqual(synthetic);
  });

  it('a zero early in PS (separator after 7 bytes) gives the synthetic bytes', () => {
    const encoded = encodedWith(0, 2, 40);
    encoded[2 + 7] = 0;
    expect(decodePkcs1v15WithImplicitRejection(encoded, 16, synthetic)).toEqual(synthetic);
  });

  it('an expected length the key cannot carry is refused before decoding', () => {
    expect(() => decodePkcs1v15WithImplicitRejection(encodedWith(0, 2, 7), 16, synthetic)).toThrow(RangeError);
  });

  it('no zero separator gives the synthetic bytes', () => {
    const encoded = encodedWith(0, 2, 40);
    encoded[2 + 40] = 0x99;
    expect(decodePkcs1v15WithImplicitRejection(encoded, 16, synthetic)).toEqual(synthetic);
  });

  it('exactly 8 bytes of padding is accepted', () => {
    expect(decodePkcs1v15WithImplicitRejection(encodedWith(0, 2, 8), 16, synthetic)).toEqual(message);
  });
});
