/**
 * Reads the AuthenticatedSafe (RFC 7292 §4.1 and §4.2) into plain bags: private keys (keyBag,
 * pkcs8ShroudedKeyBag) and X.509 certificates (certBag), with their friendlyName and localKeyId
 * attributes. CRL and secret bags are skipped; nested safeContentsBags are followed a few levels.
 *
 *   AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- data, or encryptedData with a password
 *   SafeContents ::= SEQUENCE OF SafeBag
 *   SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF PKCS12Attribute OPTIONAL }
 */
import type * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import {
  algorithmIdentifier,
  bmpStringValue,
  corrupt,
  encodeNode,
  explicitTagContent,
  isContextTag,
  objectIdentifier,
  octetStringBytes,
  parseBer,
  sequenceItems,
  setItems,
  smallInteger,
} from './asn1';
import { decryptWithPassword, type DecryptionPassword } from './decrypt-with-password';
import {
  OID_CERT_BAG,
  OID_DATA,
  OID_ENCRYPTED_DATA,
  OID_ENVELOPED_DATA,
  OID_FRIENDLY_NAME,
  OID_KEY_BAG,
  OID_LOCAL_KEY_ID,
  OID_PKCS8_SHROUDED_KEY_BAG,
  OID_SAFE_CONTENTS_BAG,
  OID_X509_CERTIFICATE,
} from './object-identifiers';

const MAX_CONTENT_INFOS = 64;
const MAX_BAGS = 1000;
const MAX_NESTING = 3;

export interface BagAttributes {
  friendlyName?: string;
  localKeyId?: Uint8Array;
}

export type Pkcs12Bag =
  | ({ kind: 'private-key'; pkcs8: Uint8Array } & BagAttributes)
  | ({ kind: 'certificate'; der: Uint8Array } & BagAttributes);

export async function readAuthenticatedSafe(authenticatedSafe: Uint8Array, password: DecryptionPassword): Promise<Pkcs12Bag[]> {
  const contentInfos = sequenceItems(parseBer(authenticatedSafe, 'the AuthenticatedSafe'), 'AuthenticatedSafe');
  if (contentInfos.length > MAX_CONTENT_INFOS) throw corrupt(`it has ${contentInfos.length} parts (at most ${MAX_CONTENT_INFOS})`);
  const bags: Pkcs12Bag[] = [];
  for (const contentInfo of contentInfos) {
    const safeContents = await openContentInfo(contentInfo, password);
    await collectBags(parseBer(safeContents, 'a SafeContents'), password, bags, 0);
  }
  return bags;
}

/** The SafeContents bytes of one ContentInfo (RFC 7292 §5.1 step 3; RFC 5652 §8 for EncryptedData). */
async function openContentInfo(contentInfo: asn1js.AsnType, password: DecryptionPassword): Promise<Uint8Array> {
  const [typeNode, contentNode] = sequenceItems(contentInfo, 'ContentInfo', 2);
  const contentType = objectIdentifier(typeNode, 'ContentInfo type');
  const content = explicitTagContent(contentNode, 0, 'ContentInfo content');
  if (contentType === OID_DATA) return octetStringBytes(content, 'data content');
  if (contentType === OID_ENVELOPED_DATA) {
    throw new SignetError('unsupported-algorithm', 'This digital ID protects its contents with a public key (PKCS#12 public-key privacy mode), which Signet cannot open.');
  }
  if (contentType !== OID_ENCRYPTED_DATA) throw corrupt(`unexpected content type ${contentType}`);
  // EncryptedData ::= SEQUENCE { version, encryptedContentInfo SEQUENCE { contentType,
  //   contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } }
  const [versionNode, encryptedContentInfo] = sequenceItems(content, 'EncryptedData', 2);
  smallInteger(versionNode, 'EncryptedData version');
  const [, algorithmNode, encryptedNode] = sequenceItems(encryptedContentInfo, 'EncryptedContentInfo', 3);
  if (!isContextTag(encryptedNode, 0)) throw corrupt('the encrypted content is missing');
  const algorithm = algorithmIdentifier(algorithmNode, 'content encryption algorithm');
  return decryptWithPassword(algorithm, octetStringBytes(encryptedNode, 'encrypted content'), password, 'encrypted certificate part');
}

async function collectBags(safeContents: asn1js.AsnType, password: DecryptionPassword, bags: Pkcs12Bag[], depth: number): Promise<void> {
  for (const safeBag of sequenceItems(safeContents, 'SafeContents')) {
    if (bags.length >= MAX_BAGS) throw corrupt(`it has more than ${MAX_BAGS} items`);
    const [idNode, valueNode, attributesNode] = sequenceItems(safeBag, 'SafeBag', 2);
    const bagId = objectIdentifier(idNode, 'bag type');
    const value = explicitTagContent(valueNode, 0, 'bag value');
    const attributes = attributesNode === undefined ? {} : readBagAttributes(attributesNode);
    if (bagId === OID_KEY_BAG) {
      bags.push({ kind: 'private-key', pkcs8: encodeNode(value), ...attributes });
    } else if (bagId === OID_PKCS8_SHROUDED_KEY_BAG) {
      // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING } (RFC 5208 §6)
      const [algorithmNode, encryptedNode] = sequenceItems(value, 'EncryptedPrivateKeyInfo', 2);
      const algorithm = algorithmIdentifier(algorithmNode, 'key encryption algorithm');
      const pkcs8 = await decryptWithPassword(algorithm, octetStringBytes(encryptedNode, 'encrypted key'), password, 'private key');
      bags.push({ kind: 'private-key', pkcs8, ...attributes });
    } else if (bagId === OID_CERT_BAG) {
      // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT ANY } — x509Certificate: DER in an OCTET STRING.
      const [certIdNode, certValueNode] = sequenceItems(value, 'CertBag', 2);
      if (objectIdentifier(certIdNode, 'certificate type') !== OID_X509_CERTIFICATE) continue; // SDSI certificates: not ours
      const der = octetStringBytes(explicitTagContent(certValueNode, 0, 'certificate value'), 'certificate');
      bags.push({ kind: 'certificate', der, ...attributes });
    } else if (bagId === OID_SAFE_CONTENTS_BAG) {
      if (depth >= MAX_NESTING) throw corrupt('its bags are nested too deeply');
      await collectBags(value, password, bags, depth + 1);
    }
    // crlBag and secretBag: nothing Signet uses.
  }
}

/** PKCS12Attribute ::= SEQUENCE { attrId OID, attrValues SET OF ANY } (RFC 7292 §4.2). */
function readBagAttributes(node: asn1js.AsnType): BagAttributes {
  const attributes: BagAttributes = {};
  for (const attribute of setItems(node, 'bag attributes')) {
    const [idNode, valuesNode] = sequenceItems(attribute, 'bag attribute', 2);
    const values = setItems(valuesNode, 'bag attribute values');
    if (values.length === 0) continue;
    const id = objectIdentifier(idNode, 'bag attribute type');
    if (id === OID_FRIENDLY_NAME) attributes.friendlyName = bmpStringValue(values[0], 'friendlyName');
    if (id === OID_LOCAL_KEY_ID) attributes.localKeyId = octetStringBytes(values[0], 'localKeyId');
  }
  return attributes;
}
