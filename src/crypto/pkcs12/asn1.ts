/**
 * Small, strict readers over asn1js nodes for PKCS#12 structures. Every failure is a
 * `SignetError('corrupt-pkcs12')` naming what was expected, so a damaged file gets a clear
 * message instead of a TypeError deep inside.
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';

/** Limits for untrusted input (PKIJS-NOTES.md: pass explicit limits). A PKCS#12 is a few KB. */
const PARSE_LIMITS = { maxDepth: 40, maxNodes: 50_000, maxContentLength: 8 * 1024 * 1024, parseEmbedded: false };

type Node = asn1js.AsnType;

export function corrupt(what: string): SignetError {
  return new SignetError('corrupt-pkcs12', `The digital ID file is damaged or not a PKCS#12 file: ${what}.`);
}

/** Parses one BER value that must fill `bytes` exactly (trailing bytes mean a damaged file). */
export function parseBer(bytes: Uint8Array, what: string): Node {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes, PARSE_LIMITS);
  } catch {
    // asn1js throws (rather than reporting) on some malformed values, e.g. a UTCTime with a letter.
    throw corrupt(`${what} is not valid DER/BER`);
  }
  if (parsed.offset === -1 || parsed.result.error) throw corrupt(`${what} is not valid DER/BER`);
  if (parsed.offset !== bytes.length) throw corrupt(`${what} has ${bytes.length - parsed.offset} unexpected bytes after it`);
  return parsed.result;
}

function describeTag(node: Node): string {
  return `tag class ${node.idBlock.tagClass}, number ${node.idBlock.tagNumber}`;
}

/** The elements of a SEQUENCE (universal 16), at least `minimum` of them. */
export function sequenceItems(node: Node | undefined, what: string, minimum = 0): Node[] {
  if (!(node instanceof asn1js.Sequence)) throw corrupt(`${what} should be a SEQUENCE`);
  const items = node.valueBlock.value as Node[];
  if (items.length < minimum) throw corrupt(`${what} has ${items.length} elements, expected at least ${minimum}`);
  return items;
}

/** The elements of a SET (universal 17). */
export function setItems(node: Node | undefined, what: string): Node[] {
  if (!(node instanceof asn1js.Set)) throw corrupt(`${what} should be a SET`);
  return node.valueBlock.value as Node[];
}

export function objectIdentifier(node: Node | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw corrupt(`${what} should be an OBJECT IDENTIFIER`);
  return node.valueBlock.toString();
}

/** A non-negative INTEGER that fits a JavaScript number (versions, iteration counts, key lengths). */
export function smallInteger(node: Node | undefined, what: string): number {
  if (!(node instanceof asn1js.Integer)) throw corrupt(`${what} should be an INTEGER`);
  const bytes = node.valueBlock.valueHexView;
  if (bytes.length > 6 || (bytes.length > 0 && bytes[0] & 0x80)) throw corrupt(`${what} is out of range`);
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

/** The unsigned magnitude of an INTEGER (RSA moduli: asn1js keeps a leading 0x00, drop it). */
export function unsignedIntegerBytes(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.Integer)) throw corrupt(`${what} should be an INTEGER`);
  const bytes = node.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.slice(start);
}

/**
 * The content of an OCTET STRING, universal or context-tagged (IMPLICIT), primitive or constructed
 * (BER allows a constructed OCTET STRING made of pieces; RFC 7292 files from some producers use it).
 */
export function octetStringBytes(node: Node | undefined, what: string, depth = 0): Uint8Array {
  if (node === undefined) throw corrupt(`${what} is missing`);
  if (depth > 8) throw corrupt(`${what} is nested too deeply`);
  const isOctetString = node.idBlock.tagClass === 1 && node.idBlock.tagNumber === 4;
  const isContextTag = node.idBlock.tagClass === 3;
  if (!isOctetString && !isContextTag) throw corrupt(`${what} should be an OCTET STRING, not ${describeTag(node)}`);
  if (!node.idBlock.isConstructed) {
    const valueBlock = node.valueBlock as { valueHexView?: Uint8Array };
    if (valueBlock.valueHexView === undefined) throw corrupt(`${what} has no content`);
    return valueBlock.valueHexView.slice();
  }
  const pieces = (node.valueBlock as { value?: Node[] }).value ?? [];
  const parts = pieces
    .filter((piece) => !(piece instanceof asn1js.EndOfContent))
    .map((piece) => octetStringBytes(piece, what, depth + 1));
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** The single value inside an EXPLICIT context tag `[number]`. */
export function explicitTagContent(node: Node | undefined, tagNumber: number, what: string): Node {
  if (node === undefined || node.idBlock.tagClass !== 3 || node.idBlock.tagNumber !== tagNumber || !node.idBlock.isConstructed) {
    throw corrupt(`${what} should be an explicit [${tagNumber}]`);
  }
  const inner = ((node.valueBlock as { value?: Node[] }).value ?? []).filter((item) => !(item instanceof asn1js.EndOfContent));
  if (inner.length !== 1) throw corrupt(`${what} should hold exactly one value`);
  return inner[0];
}

export function isContextTag(node: Node | undefined, tagNumber: number): boolean {
  return node !== undefined && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tagNumber;
}

/** An AlgorithmIdentifier (RFC 5280 §4.1.1.2): the OID and its parameters, if any. */
export interface AlgorithmIdentifier {
  oid: string;
  parameters?: Node;
}

export function algorithmIdentifier(node: Node | undefined, what: string): AlgorithmIdentifier {
  const items = sequenceItems(node, what, 1);
  const parameters = items[1];
  const absent = parameters === undefined || parameters instanceof asn1js.Null;
  return { oid: objectIdentifier(items[0], `${what} algorithm`), parameters: absent ? undefined : parameters };
}

/** The bytes a parsed node came from (to hand a sub-structure to WebCrypto or pkijs unchanged). */
export function encodeNode(node: Node): Uint8Array {
  const original = node.valueBeforeDecodeView;
  if (original !== undefined && original.length > 0) return original.slice();
  return new Uint8Array(node.toBER(false));
}

export function bmpStringValue(node: Node | undefined, what: string): string {
  if (node instanceof asn1js.BmpString || node instanceof asn1js.Utf8String) return node.valueBlock.value;
  throw corrupt(`${what} should be a BMPString`);
}

/** DER SEQUENCE around already-encoded elements (X.690 §8.9, definite length). */
export function encodeDerSequence(elements: Uint8Array[]): Uint8Array {
  let contentLength = 0;
  for (const element of elements) contentLength += element.length;
  const lengthBytes: number[] = [];
  if (contentLength < 0x80) {
    lengthBytes.push(contentLength);
  } else {
    for (let remaining = contentLength; remaining > 0; remaining = Math.floor(remaining / 256)) lengthBytes.unshift(remaining & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const output = new Uint8Array(1 + lengthBytes.length + contentLength);
  output[0] = 0x30;
  output.set(lengthBytes, 1);
  let offset = 1 + lengthBytes.length;
  for (const element of elements) {
    output.set(element, offset);
    offset += element.length;
  }
  return output;
}
