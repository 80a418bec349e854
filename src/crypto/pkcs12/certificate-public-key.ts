/**
 * The public key of an X.509 certificate (RFC 5280 §4.1.2.7) in the canonical form of
 * `describePrivateKey`, so a private key is paired with its certificate by the key itself.
 *
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT OPTIONAL, serialNumber, signature, issuer,
 *                                 validity, subject, subjectPublicKeyInfo, ... }
 */
import * as asn1js from 'asn1js';
import { encodeHex } from '../encoding/hex';
import { algorithmIdentifier, encodeNode, isContextTag, objectIdentifier, parseBer, sequenceItems, unsignedIntegerBytes } from './asn1';
import { ecPublicKeyIdentity, okpPublicKeyIdentity } from './private-key-info';
import { NAMED_CURVES, OID_EC_PUBLIC_KEY, OID_ED25519, OID_RSA_ENCRYPTION, OID_X25519 } from './object-identifiers';

/** The SubjectPublicKeyInfo node of a certificate; throws 'corrupt-pkcs12' on a malformed one. */
export function certificateSubjectPublicKeyInfo(certificate: Uint8Array): asn1js.AsnType {
  const [tbs] = sequenceItems(parseBer(certificate, 'a certificate'), 'Certificate', 3);
  const fields = sequenceItems(tbs, 'TBSCertificate', 6);
  const offset = isContextTag(fields[0], 0) ? 1 : 0;
  sequenceItems(fields[offset + 5], 'SubjectPublicKeyInfo', 2);
  return fields[offset + 5];
}

/** `undefined` for keys Signet cannot pair (other algorithms or curves): they never match. */
export async function certificatePublicKeyIdentity(certificate: Uint8Array): Promise<string | undefined> {
  const spki = certificateSubjectPublicKeyInfo(certificate);
  const [algorithmNode, keyNode] = sequenceItems(spki, 'SubjectPublicKeyInfo', 2);
  const algorithm = algorithmIdentifier(algorithmNode, 'public key algorithm');
  if (algorithm.oid === OID_RSA_ENCRYPTION) {
    if (!(keyNode instanceof asn1js.BitString)) return undefined;
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)
    const [modulus, exponent] = sequenceItems(parseBer(keyNode.valueBlock.valueHexView.slice(), 'an RSA public key'), 'RSAPublicKey', 2);
    return `rsa:${encodeHex(unsignedIntegerBytes(modulus, 'modulus'))}:${encodeHex(unsignedIntegerBytes(exponent, 'exponent'))}`;
  }
  if (algorithm.oid === OID_EC_PUBLIC_KEY && algorithm.parameters instanceof asn1js.ObjectIdentifier) {
    const curve = NAMED_CURVES[objectIdentifier(algorithm.parameters, 'named curve')];
    if (curve === undefined) return undefined;
    return ecPublicKeyIdentity(encodeNode(spki), 'spki', curve.name);
  }
  if (algorithm.oid === OID_X25519) return okpPublicKeyIdentity(encodeNode(spki), 'spki', 'X25519');
  if (algorithm.oid === OID_ED25519) return okpPublicKeyIdentity(encodeNode(spki), 'spki', 'Ed25519');
  return undefined;
}
