import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateRecord } from '../certificate-record';

/**
 * An OCSP request for one certificate (RFC 6960 §4.1.1), with the SHA-1 CertID every responder
 * understands (RFC 5019 §2.1.1) and an optional nonce (RFC 8954).
 *
 *   OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
 *   TBSRequest ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, requestorName [1] ... OPTIONAL,
 *        requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
 *   CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
 *        issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
 */
export const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const SHA1 = '1.3.14.3.2.26';

export interface CertificateIdentity {
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serialNumber: Uint8Array;
}

/** The CertID's parts: SHA-1 of the issuer's DN (DER) and of its public key's BIT STRING value. */
export async function identifyCertificate(certificate: CertificateRecord, issuer: CertificateRecord): Promise<CertificateIdentity> {
  const issuerName = new Uint8Array(certificate.certificate.issuer.valueBeforeDecode);
  const issuerKey = new Uint8Array(issuer.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  return {
    issuerNameHash: new Uint8Array(await crypto.subtle.digest('SHA-1', issuerName)),
    issuerKeyHash: new Uint8Array(await crypto.subtle.digest('SHA-1', issuerKey)),
    serialNumber: new Uint8Array(certificate.certificate.serialNumber.valueBlock.valueHexView),
  };
}

export function buildOcspRequest(identity: CertificateIdentity, nonce?: Uint8Array): Uint8Array {
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: new Uint8Array(identity.issuerNameHash).buffer }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: new Uint8Array(identity.issuerKeyHash).buffer }),
    serialNumber: new asn1js.Integer({ valueHex: new Uint8Array(identity.serialNumber).buffer }),
  });
  // pkijs writes requestExtensions whenever the key is present, even undefined: add it only with a nonce.
  const tbsRequest = new pkijs.TBSRequest({ requestList: [new pkijs.Request({ reqCert: certId })] });
  if (nonce) {
    tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: OCSP_NONCE,
        critical: false,
        extnValue: new asn1js.OctetString({ valueHex: new Uint8Array(nonce).buffer }).toBER(false),
      }),
    ];
  }
  const request = new pkijs.OCSPRequest({ tbsRequest });
  return new Uint8Array(request.toSchema(true).toBER(false));
}
