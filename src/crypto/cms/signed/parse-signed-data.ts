/**
 * Reads a ContentInfo holding a SignedData (RFC 5652 §3, §5.1) from untrusted bytes.
 *
 *   ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY }
 *   SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
 *     certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT ..., signerInfos }
 *
 * asn1js's default limits (16 MiB content, 10,000 nodes) break on large mail (PKIJS-NOTES.md),
 * so the limits are derived from the input: nothing can be bigger than the bytes it came from.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import { CONTENT_TYPE_OIDS } from './algorithms';

export interface ParsedSignedData {
  signedData: pkijs.SignedData;
  /** The DER of every X.509 certificate in the certificates field, exactly as in the message. */
  certificates: Uint8Array[];
  eContentType: string;
  /** The encapsulated content's octets (constructed BER strings joined); absent when detached. */
  eContent?: Uint8Array;
}

/** Limits for asn1js that scale with the input instead of asn1js's fixed defaults. */
export function berLimitsFor(input: Uint8Array): { maxContentLength: number; maxNodes: number; maxDepth: number; parseEmbedded: false; copyInput: false } {
  // Every node takes at least two bytes, so byteLength / 2 nodes is the most a valid input holds.
  return {
    maxContentLength: Math.max(input.byteLength, 1),
    maxNodes: Math.max(10_000, Math.ceil(input.byteLength / 2)),
    maxDepth: 64,
    parseEmbedded: false,
    copyInput: false,
  };
}

export function parseBer(input: Uint8Array, what: string): asn1js.AsnType {
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(input, berLimitsFor(input));
  } catch (error) {
    throw new SignetError('malformed-cms', `The ${what} is not valid BER: ${(error as Error).message}`);
  }
  if (parsed.offset === -1) {
    throw new SignetError('malformed-cms', `The ${what} is not valid BER: ${parsed.result.error || 'unreadable'}`);
  }
  return parsed.result;
}

export function parseSignedData(input: Uint8Array): ParsedSignedData {
  const root = parseBer(input, 'signature');
  let contentInfo: pkijs.ContentInfo;
  try {
    contentInfo = new pkijs.ContentInfo({ schema: root });
  } catch {
    throw new SignetError('malformed-cms', 'The signature is not a CMS ContentInfo.');
  }
  if (contentInfo.contentType !== CONTENT_TYPE_OIDS.signedData) {
    throw new SignetError('malformed-cms', `The CMS content is ${contentInfo.contentType}, not SignedData.`);
  }
  const signedDataNode = contentInfo.content as asn1js.AsnType;
  // Read the certificates' original bytes before pkijs parses (and mutates) the nodes.
  const certificates = collectCertificateBytes(signedDataNode);
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: signedDataNode });
  } catch (error) {
    throw new SignetError('malformed-cms', `The SignedData structure is malformed: ${(error as Error).message}`);
  }
  const encapsulated = signedData.encapContentInfo;
  const eContent = encapsulated.eContent ? octetStringContent(encapsulated.eContent) : undefined;
  return { signedData, certificates, eContentType: encapsulated.eContentType, eContent };
}

/** CertificateChoices (RFC 5652 §10.2.2): only plain X.509 certificates (a SEQUENCE) are kept. */
function collectCertificateBytes(signedDataNode: asn1js.AsnType): Uint8Array[] {
  if (!(signedDataNode instanceof asn1js.Sequence)) return [];
  const field = signedDataNode.valueBlock.value.find(
    (node) => node.idBlock.tagClass === 3 && node.idBlock.tagNumber === 0 && node.idBlock.isConstructed,
  );
  if (!field || !(field instanceof asn1js.Constructed)) return [];
  return field.valueBlock.value
    .filter((node) => node.idBlock.tagClass === 1 && node.idBlock.tagNumber === 16)
    .map((node) => new Uint8Array(node.valueBeforeDecodeView));
}

/**
 * The content octets of an OCTET STRING, joining the segments of a constructed (BER, `-stream`)
 * one, as RFC 5652 §5.4 digests them.
 */
export function octetStringContent(node: asn1js.AsnType): Uint8Array {
  if (!(node instanceof asn1js.OctetString)) {
    throw new SignetError('malformed-cms', 'The encapsulated content is not an OCTET STRING.');
  }
  if (!node.idBlock.isConstructed) return node.valueBlock.valueHexView;
  const pieces: Uint8Array[] = [];
  collectSegments(node, pieces, 0);
  if (pieces.length === 1) return pieces[0];
  const total = pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.byteLength;
  }
  return joined;
}

function collectSegments(node: asn1js.AsnType, pieces: Uint8Array[], depth: number): void {
  if (depth > 8) throw new SignetError('malformed-cms', 'The encapsulated content is nested too deeply.');
  if (!(node instanceof asn1js.OctetString)) {
    throw new SignetError('malformed-cms', 'A segment of the encapsulated content is not an OCTET STRING.');
  }
  if (!node.idBlock.isConstructed) {
    pieces.push(node.valueBlock.valueHexView);
    return;
  }
  for (const child of node.valueBlock.value) collectSegments(child, pieces, depth + 1);
}
