/**
 * A minimal DER writer (X.690 §8.1, §10.1) for the outer SignedData: it concatenates bytes once,
 * so a 50 MB opaque signature isn't copied by asn1js's block tree, and certificates go in exactly
 * as they came.
 */
export const DER_TAG = {
  integer: 0x02,
  octetString: 0x04,
  objectIdentifier: 0x06,
  sequence: 0x30,
  set: 0x31,
  /** [0] constructed: EXPLICIT content, and IMPLICIT SET OF certificates. */
  contextConstructed0: 0xa0,
} as const;

export function encodeDerLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining = Math.floor(remaining / 256)) bytes.unshift(remaining % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** tag || length || the contents, in one allocation. */
export function encodeDer(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const contentLength = contents.reduce((sum, part) => sum + part.byteLength, 0);
  const length = encodeDerLength(contentLength);
  const output = new Uint8Array(1 + length.byteLength + contentLength);
  output[0] = tag;
  output.set(length, 1);
  let offset = 1 + length.byteLength;
  for (const part of contents) {
    output.set(part, offset);
    offset += part.byteLength;
  }
  return output;
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
export function encodeObjectIdentifier(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const group: number[] = [Number(value & 0x7fn)];
    for (let rest = value >> 7n; rest > 0n; rest >>= 7n) group.unshift(Number(rest & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return encodeDer(DER_TAG.objectIdentifier, Uint8Array.from(bytes));
}
