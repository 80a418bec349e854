/**
 * Looking through an opaque signature (RFC 8551 §3.5.2: application/pkcs7-mime; smime-type=
 * signed-data) to what it encapsulates. Decryption needs only the content, never the signature's
 * verdict: a signature over ciphertext proves who sent it, not who wrote what is inside
 * (DESIGN.md), and the verifier judges that layer.
 *
 *   SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo
 *       EncapsulatedContentInfo, certificates [0] OPTIONAL, crls [1] OPTIONAL, signerInfos SET }
 *   EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
 */
import { SignetError } from '../../../shared/errors';
import { constructedItems, isContextTag, readObjectIdentifier, readOctetStringContent } from './cms-asn1';
import { OID } from './object-identifiers';
import { readContentInfo } from './parse-envelope';

/** The kind of CMS object in `der` (its ContentInfo contentType). */
export function readCmsContentType(der: Uint8Array): string {
  return readContentInfo(der).contentType;
}

/** The encapsulated content of an opaque SignedData; throws `not-encrypted` when it is detached. */
export function readSignedContent(der: Uint8Array): Uint8Array {
  const { contentType, content } = readContentInfo(der);
  if (contentType !== OID.signedData) throw new SignetError('malformed-cms', 'The CMS message is not SignedData.');
  const items = constructedItems(content, 'SignedData');
  const encapsulated = constructedItems(items[2], 'EncapsulatedContentInfo');
  readObjectIdentifier(encapsulated[0], 'eContentType');
  if (!isContextTag(encapsulated[1], 0)) {
    throw new SignetError('not-encrypted', 'The message is an opaque signature without content; there is nothing to decrypt.');
  }
  const [octets] = constructedItems(encapsulated[1], 'eContent');
  return readOctetStringContent(octets, 'eContent');
}
