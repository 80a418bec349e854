/** Hexadecimal, lower case without separators (how fingerprints and serial numbers are shown). */

const HEX_DIGITS = '0123456789abcdef';

export function encodeHex(bytes: Uint8Array): string {
  const characters = new Array<string>(bytes.length);
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    characters[index] = HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 0x0f];
  }
  return characters.join('');
}

/** Accepts upper or lower case and ignores `:` and white space (as in `openssl x509 -fingerprint`). */
export function decodeHex(text: string): Uint8Array {
  const digits = text.replace(/[\s:]/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
    throw new RangeError('Not a hexadecimal string');
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = parseInt(digits.substr(index * 2, 2), 16);
  }
  return bytes;
}
