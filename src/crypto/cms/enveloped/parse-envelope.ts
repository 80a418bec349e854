/**
 * Reads an EnvelopedData (RFC 5652 §6.1) or AuthEnvelopedData (RFC 5083 §2.1) out of its
 * ContentInfo:
 *
 *   ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY }
 *   EnvelopedData ::= SEQUENCE { version, originatorInfo [0] IMPLICIT OPTIONAL,
 *       recipientInfos RecipientInfos, encryptedContentInfo EncryptedContentInfo,
 *       unprotectedAttrs [1] IMPLICIT OPTIONAL }
 *   AuthEnvelopedData ::= SEQUENCE { version, originatorInfo [0] IMPLICIT OPTIONAL,
 *       recipientInfos RecipientInfos, authEncryptedContentInfo EncryptedContentInfo,
 *       authAttrs [1] IMPLICIT AuthAttributes OPTIONAL, mac MessageAuthenticationCode,
 *       unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
 *   EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm,
 *       encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
 *
 * pkijs has no AuthEnvelopedData (PKIJS-NOTES.md), so both are walked here with asn1js; pkijs
 * reads the RecipientInfo and AlgorithmIdentifier pieces.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import { constructedItems, encodedBytesOf, isContextTag, parseBer, readObjectIdentifier, readOctetStringContent } from './cms-asn1';
import { OID } from './object-identifiers';

export type EnvelopeKind = 'enveloped-data' | 'authEnveloped-data';

export interface ParsedEnvelope {
  kind: EnvelopeKind;
  recipientInfos: pkijs.RecipientInfo[];
  /** The type of what is inside (id-data for mail). */
  contentType: string;
  contentEncryptionAlgorithm: pkijs.AlgorithmIdentifier;
  encryptedContent: Uint8Array;
  /** AuthEnvelopedData: the authAttrs re-tagged as SET OF, the GCM additional data (RFC 5083 §2.2). */
  authenticatedAttributes?: Uint8Array;
  /** AuthEnvelopedData: the mac field (the GCM tag, RFC 5084 §3.2). */
  mac?: Uint8Array;
}

/** The outer ContentInfo: its type and the [0] content. */
export function readContentInfo(der: Uint8Array): { contentType: string; content: asn1js.AsnType } {
  const root = parseBer(der, 'CMS message');
  if (!(root instanceof asn1js.Sequence)) throw new SignetError('malformed-cms', 'The CMS message is not a ContentInfo SEQUENCE.');
  const [typeNode, wrapper] = root.valueBlock.value;
  const contentType = readObjectIdentifier(typeNode, 'ContentInfo contentType');
  if (!isContextTag(wrapper, 0)) throw new SignetError('malformed-cms', 'The ContentInfo has no [0] content.');
  const [content] = constructedItems(wrapper, 'ContentInfo content');
  if (!content) throw new SignetError('malformed-cms', 'The ContentInfo content is empty.');
  return { contentType, content };
}

function readRecipientInfos(node: asn1js.AsnType | undefined): pkijs.RecipientInfo[] {
  if (!(node instanceof asn1js.Set)) throw new SignetError('malformed-cms', 'The RecipientInfos SET is missing.');
  const infos = node.valueBlock.value.map((item) => {
    try {
      return new pkijs.RecipientInfo({ schema: item });
    } catch (error) {
      throw new SignetError('malformed-cms', 'A RecipientInfo is malformed.', { cause: error });
    }
  });
  if (infos.length === 0) throw new SignetError('malformed-cms', 'The message has no RecipientInfo.');
  return infos;
}

function readEncryptedContentInfo(node: asn1js.AsnType | undefined) {
  const [typeNode, algorithmNode, contentNode] = constructedItems(node, 'EncryptedContentInfo');
  const contentType = readObjectIdentifier(typeNode, 'encrypted content type');
  let contentEncryptionAlgorithm: pkijs.AlgorithmIdentifier;
  try {
    contentEncryptionAlgorithm = new pkijs.AlgorithmIdentifier({ schema: algorithmNode });
  } catch (error) {
    throw new SignetError('malformed-cms', 'The content-encryption algorithm is malformed.', { cause: error });
  }
  if (!isContextTag(contentNode, 0)) {
    throw new SignetError('malformed-cms', 'The encrypted content is missing (detached encrypted content is not supported).');
  }
  return { contentType, contentEncryptionAlgorithm, encryptedContent: readOctetStringContent(contentNode, 'encrypted content') };
}

/** Parses a ContentInfo holding EnvelopedData or AuthEnvelopedData. */
export function parseEnvelope(der: Uint8Array): ParsedEnvelope {
  const { contentType, content } = readContentInfo(der);
  return parseEnvelopeContent(contentType, content);
}

export function parseEnvelopeContent(contentType: string, content: asn1js.AsnType): ParsedEnvelope {
  if (contentType !== OID.envelopedData && contentType !== OID.authEnvelopedData) {
    throw new SignetError('not-encrypted', `The CMS message is not EnvelopedData or AuthEnvelopedData (content type ${contentType}).`);
  }
  const items = [...constructedItems(content, 'EnvelopedData')];
  if (!(items.shift() instanceof asn1js.Integer)) throw new SignetError('malformed-cms', 'The EnvelopedData version is missing.');
  if (isContextTag(items[0], 0)) items.shift(); // originatorInfo: certificates Signet doesn't need here
  const recipientInfos = readRecipientInfos(items.shift());
  const encrypted = readEncryptedContentInfo(items.shift());
  if (contentType === OID.envelopedData) return { kind: 'enveloped-data', recipientInfos, ...encrypted };

  let authenticatedAttributes: Uint8Array | undefined;
  if (isContextTag(items[0], 1)) {
    // RFC 5083 §2.2: the MAC input uses the EXPLICIT SET OF tag, not the IMPLICIT [1].
    authenticatedAttributes = encodedBytesOf(items.shift() as asn1js.AsnType).slice();
    authenticatedAttributes[0] = 0x31;
  }
  const macNode = items.shift();
  if (!(macNode instanceof asn1js.OctetString)) throw new SignetError('malformed-cms', 'The AuthEnvelopedData has no mac.');
  const mac = readOctetStringContent(macNode, 'mac');
  return { kind: 'authEnveloped-data', recipientInfos, ...encrypted, authenticatedAttributes, mac };
}
