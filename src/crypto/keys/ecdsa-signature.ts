/**
 * ECDSA signature formats. WebCrypto signs to r||s (IEEE P1363, each half the curve's byte size);
 * CMS wants the DER `Ecdsa-Sig-Value` (RFC 5753 §2.1.1, RFC 3279 §2.2.3):
 *
 *   Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
 */
import { SignetError } from '../../shared/errors';

/** A positive INTEGER's DER content: no superfluous leading zeros, a 0x00 if the top bit is set. */
function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const needsZero = trimmed[0] & 0x80 ? 1 : 0;
  const content = new Uint8Array(trimmed.length + needsZero);
  content.set(trimmed, needsZero);
  return concatTagged(0x02, content);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

function concatTagged(tag: number, content: Uint8Array): Uint8Array {
  const length = encodeLength(content.length);
  const output = new Uint8Array(1 + length.length + content.length);
  output[0] = tag;
  output.set(length, 1);
  output.set(content, 1 + length.length);
  return output;
}

/** r||s (as WebCrypto returns it) -> DER Ecdsa-Sig-Value. */
export function encodeEcdsaSignatureDer(rawSignature: Uint8Array): Uint8Array {
  if (rawSignature.length === 0 || rawSignature.length % 2 !== 0) throw new SignetError('internal-error', 'An ECDSA signature r||s has an even length.');
  const half = rawSignature.length / 2;
  const r = encodeUnsignedInteger(rawSignature.subarray(0, half));
  const s = encodeUnsignedInteger(rawSignature.subarray(half));
  const content = new Uint8Array(r.length + s.length);
  content.set(r);
  content.set(s, r.length);
  return concatTagged(0x30, content);
}

/** DER Ecdsa-Sig-Value -> r||s with halves of `coordinateBytes` (32, 48, 66), for WebCrypto verify. */
export function decodeEcdsaSignatureDer(der: Uint8Array, coordinateBytes: number): Uint8Array {
  const malformed = () => new SignetError('malformed-cms', 'The ECDSA signature is not a DER Ecdsa-Sig-Value.');
  let offset = 0;
  const readLength = (): number => {
    const first = der[offset++];
    if (first === undefined) throw malformed();
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 2) throw malformed();
    let length = 0;
    for (let index = 0; index < count; index++) {
      const byte = der[offset++];
      if (byte === undefined) throw malformed();
      length = length * 256 + byte;
    }
    return length;
  };
  if (der[offset++] !== 0x30) throw malformed();
  if (readLength() !== der.length - offset) throw malformed();
  const output = new Uint8Array(2 * coordinateBytes);
  for (let half = 0; half < 2; half++) {
    if (der[offset++] !== 0x02) throw malformed();
    const length = readLength();
    if (length === 0 || offset + length > der.length) throw malformed();
    let value = der.subarray(offset, offset + length);
    offset += length;
    while (value.length > 1 && value[0] === 0) value = value.subarray(1);
    if (value.length > coordinateBytes) throw malformed();
    output.set(value, half * coordinateBytes + coordinateBytes - value.length);
  }
  if (offset !== der.length) throw malformed();
  return output;
}
