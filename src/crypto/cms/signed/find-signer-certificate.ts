/**
 * Finds the certificate a SignerInfo names (RFC 5652 §5.3, SignerIdentifier), among the message's
 * certificates and the ones Signet already knows (contacts: a `-nocerts` message carries none).
 *
 *   SignerIdentifier ::= CHOICE { issuerAndSerialNumber IssuerAndSerialNumber,
 *                                 subjectKeyIdentifier [0] SubjectKeyIdentifier }
 *
 * A subjectKeyIdentifier is matched both against the certificate's SKI extension (what RFC 5652
 * means) and against the SHA-1 of its public key (RFC 5280 §4.2.1.2 method 1, which is all pkijs
 * compares), because certificates without the extension exist.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { asBufferSource, bytesEqualConstantLength } from './bytes';
import { parseBer } from './parse-signed-data';

export interface CandidateCertificate {
  der: Uint8Array;
  certificate: pkijs.Certificate;
}

const SUBJECT_KEY_IDENTIFIER_OID = '2.5.29.14';

export function parseCandidateCertificates(ders: Uint8Array[]): CandidateCertificate[] {
  const candidates: CandidateCertificate[] = [];
  for (const der of ders) {
    try {
      candidates.push({ der, certificate: new pkijs.Certificate({ schema: parseBer(der, 'certificate') }) });
    } catch {
      // An unreadable certificate in the message can't be the signer's; skip it.
    }
  }
  return candidates;
}

/** Every candidate the identifier names, in the order given (the message's certificates first). */
export async function findSignerCertificates(
  signerIdentifier: pkijs.SignerInfo['sid'],
  candidates: CandidateCertificate[],
): Promise<CandidateCertificate[]> {
  if (signerIdentifier instanceof pkijs.IssuerAndSerialNumber) {
    return candidates.filter(
      ({ certificate }) =>
        certificate.issuer.isEqual(signerIdentifier.issuer) &&
        certificate.serialNumber.isEqual(signerIdentifier.serialNumber),
    );
  }
  const keyIdentifier = readKeyIdentifier(signerIdentifier);
  if (!keyIdentifier) return [];
  const matches: CandidateCertificate[] = [];
  for (const candidate of candidates) {
    const extension = candidate.certificate.extensions?.find((item) => item.extnID === SUBJECT_KEY_IDENTIFIER_OID);
    const extensionValue = extension?.parsedValue;
    if (extensionValue instanceof asn1js.OctetString && bytesEqualConstantLength(extensionValue.valueBlock.valueHexView, keyIdentifier)) {
      matches.push(candidate);
      continue;
    }
    const publicKeyBits = candidate.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    const publicKeyHash = new Uint8Array(await crypto.subtle.digest('SHA-1', asBufferSource(publicKeyBits)));
    if (bytesEqualConstantLength(publicKeyHash, keyIdentifier)) matches.push(candidate);
  }
  return matches;
}

/** [0] IMPLICIT OCTET STRING; some encoders wrap it as [0] { OCTET STRING }, which pkijs also accepts. */
function readKeyIdentifier(node: unknown): Uint8Array | undefined {
  if (!(node instanceof asn1js.BaseBlock)) return undefined;
  if (node instanceof asn1js.Constructed) {
    const [inner] = node.valueBlock.value;
    return inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : undefined;
  }
  if (node instanceof asn1js.Primitive) return node.valueBlock.valueHexView;
  return undefined;
}
