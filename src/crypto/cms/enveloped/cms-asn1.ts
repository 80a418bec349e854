/**
 * Reading CMS DER/BER with explicit bounds (PKIJS-NOTES.md, traps): asn1js's defaults (16 MiB of
 * content, 10,000 nodes) refuse big mail and OpenSSL's streamed (chunked) content, while no bound
 * at all lets a hostile message cost unbounded memory. The bounds here grow with the input, up to
 * a fixed ceiling, and embedded OCTET STRINGs are not speculatively re-parsed.
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../../shared/errors';

/** The largest CMS object Signet reads (mail providers cap messages far below this). */
export const MAXIMUM_CMS_BYTES = 128 * 1024 * 1024;
const MAXIMUM_DEPTH = 64;

/** Parses one BER object that must fill `bytes` (trailing zero bytes are tolerated, as OpenSSL does). */
export function parseBer(bytes: Uint8Array, what: string): asn1js.AsnType {
  if (bytes.length > MAXIMUM_CMS_BYTES) {
    throw new SignetError('malformed-cms', `The ${what} is ${bytes.length} bytes; Signet reads at most ${MAXIMUM_CMS_BYTES}.`);
  }
  const parsed = asn1js.fromBER(bytes, {
    maxContentLength: Math.max(bytes.length, 1),
    // Every node takes at least two bytes; streamed content comes in pieces of a few KiB.
    maxNodes: 10_000 + Math.ceil(bytes.length / 64),
    maxDepth: MAXIMUM_DEPTH,
    parseEmbedded: false,
    copyInput: false,
  });
  if (parsed.offset === -1) {
    const reason = parsed.result.error ? ` (${parsed.result.error})` : '';
    throw new SignetError('malformed-cms', `The ${what} is not valid BER${reason}.`);
  }
  for (let index = parsed.offset; index < bytes.length; index += 1) {
    if (bytes[index] !== 0) throw new SignetError('malformed-cms', `The ${what} has ${bytes.length - parsed.offset} bytes of trailing data.`);
  }
  return parsed.result;
}

/** The elements of a SEQUENCE (or of any constructed node, e.g. an IMPLICIT-tagged one). */
export function constructedItems(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!node || !node.idBlock.isConstructed || !(node instanceof asn1js.Constructed || node instanceof asn1js.Sequence || node instanceof asn1js.Set)) {
    throw new SignetError('malformed-cms', `The ${what} is not a constructed value.`);
  }
  return node.valueBlock.value as asn1js.AsnType[];
}

export function readObjectIdentifier(node: asn1js.AsnType | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new SignetError('malformed-cms', `The ${what} is not an object identifier.`);
  return node.valueBlock.toString();
}

export function isContextTag(node: asn1js.AsnType | undefined, tagNumber: number): boolean {
  return node !== undefined && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tagNumber;
}

/**
 * The bytes of an OCTET STRING, primitive or constructed (BER §8.7: a constructed string is the
 * concatenation of its segments, as OpenSSL's `-stream` writes it), also under an IMPLICIT tag.
 */
export function readOctetStringContent(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!node) throw new SignetError('malformed-cms', `The ${what} is missing.`);
  if (!node.idBlock.isConstructed) {
    const value = (node as asn1js.Primitive).valueBlock.valueHexView;
    if (!(value instanceof Uint8Array)) throw new SignetError('malformed-cms', `The ${what} is not an octet string.`);
    return value;
  }
  const segments: Uint8Array[] = [];
  collectSegments(node, segments, 0, what);
  let length = 0;
  for (const segment of segments) length += segment.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const segment of segments) {
    joined.set(segment, offset);
    offset += segment.length;
  }
  return joined;
}

function collectSegments(node: asn1js.AsnType, segments: Uint8Array[], depth: number, what: string): void {
  if (depth > 8) throw new SignetError('malformed-cms', `The ${what} nests its segments too deeply.`);
  for (const child of constructedItems(node, what)) {
    if (child.idBlock.tagClass !== 1 || child.idBlock.tagNumber !== 4) {
      throw new SignetError('malformed-cms', `A segment of the ${what} is not an OCTET STRING.`);
    }
    if (child.idBlock.isConstructed) collectSegments(child, segments, depth + 1, what);
    else segments.push((child as asn1js.OctetString).valueBlock.valueHexView);
  }
}

/** DER (or BER, as received) of a node: what pkijs keeps of a parsed node, else re-encoded. */
export function encodedBytesOf(node: asn1js.AsnType): Uint8Array {
  const before = node.valueBeforeDecodeView;
  if (before && before.length > 0) return before;
  return new Uint8Array(node.toBER());
}
