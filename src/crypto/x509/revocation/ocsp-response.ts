import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readCertificateRecord, toHex, type CertificateRecord } from '../certificate-record';
import { checkSignature } from '../check-signature';
import { namesEqual } from '../distinguished-name';
import { OCSP_NONCE, type CertificateIdentity } from './ocsp-request';

/**
 * Reading an OCSP response (RFC 6960 §4.2) for one certificate, and deciding whether it can be
 * believed (§3.2, §4.2.2.2): signed by the CA itself, or by a delegated responder whose
 * certificate the CA issued with id-kp-OCSPSigning; thisUpdate not in the future, nextUpdate (if
 * any) not past; the nonce, when the response carries one, is ours.
 */
export type OcspVerdict =
  | { status: 'good'; thisUpdate: Date; nextUpdate?: Date }
  | { status: 'revoked'; thisUpdate: Date; nextUpdate?: Date; revokedAt: Date; reason?: string }
  | { status: 'unknown'; detail: string };

const BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
/** Clocks differ; RFC 5019 §4 suggests tolerating a few minutes. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Without nextUpdate, "newer information is always available" (§2.4): accept only a fresh answer. */
export const MAX_AGE_WITHOUT_NEXT_UPDATE_MS = 60 * 60_000;

const RESPONSE_STATUS = ['successful', 'malformedRequest', 'internalError', 'tryLater', 'status 4', 'sigRequired', 'unauthorized'];
const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

export async function judgeOcspResponse(
  responseDer: Uint8Array,
  identity: CertificateIdentity,
  issuer: CertificateRecord,
  now: Date,
  nonce?: Uint8Array,
): Promise<OcspVerdict> {
  let basic: pkijs.BasicOCSPResponse;
  try {
    const response = new pkijs.OCSPResponse({ schema: asn1js.fromBER(responseDer).result });
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return { status: 'unknown', detail: `The responder answered ${RESPONSE_STATUS[status] ?? `status ${status}`}` };
    if (!response.responseBytes || response.responseBytes.responseType !== BASIC_RESPONSE) {
      return { status: 'unknown', detail: 'The response is not a basic OCSP response' };
    }
    basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result });
  } catch (error) {
    // A garbled answer is no answer: unknown, never good.
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'unknown', detail: `Not a valid OCSP response: ${message}` };
  }

  const signerProblem = await checkResponderSignature(basic, issuer, now);
  if (signerProblem) return { status: 'unknown', detail: signerProblem };

  const responseNonce = basic.tbsResponseData.responseExtensions?.find((extension) => extension.extnID === OCSP_NONCE);
  if (nonce && responseNonce && !bytesEqual(innerOctets(responseNonce), nonce)) {
    return { status: 'unknown', detail: 'The response nonce is not the one sent (a replayed answer)' };
  }

  const single = basic.tbsResponseData.responses.find((candidate) => matchesIdentity(candidate.certID, identity));
  if (!single) return { status: 'unknown', detail: 'The response does not speak of this certificate' };
  if (single.thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) return { status: 'unknown', detail: 'The response is dated in the future' };
  if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime() - CLOCK_SKEW_MS) {
    return { status: 'unknown', detail: `The response expired on ${single.nextUpdate.toISOString()}` };
  }
  if (!single.nextUpdate && single.thisUpdate.getTime() < now.getTime() - MAX_AGE_WITHOUT_NEXT_UPDATE_MS) {
    return { status: 'unknown', detail: 'The response has no nextUpdate and is more than an hour old' };
  }
  return readCertStatus(single);
}

/**
 *   CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT UnknownInfo }
 *   RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
 */
function readCertStatus(single: pkijs.SingleResponse): OcspVerdict {
  const status = single.certStatus as asn1js.AsnType;
  const times = { thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate };
  switch (status.idBlock.tagNumber) {
    case 0:
      return { status: 'good', ...times };
    case 1: {
      const parts = (status as asn1js.Constructed).valueBlock.value;
      const time = parts[0] as asn1js.GeneralizedTime | undefined;
      if (!time || typeof time.toDate !== 'function') return { status: 'unknown', detail: 'Malformed revocation information' };
      const reasonHolder = parts[1] as asn1js.Constructed | undefined;
      const reasonCode = (reasonHolder?.valueBlock.value[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
      return { status: 'revoked', ...times, revokedAt: time.toDate(), reason: reasonCode === undefined ? undefined : CRL_REASONS[reasonCode] ?? `reason ${reasonCode}` };
    }
    default:
      return { status: 'unknown', detail: 'The responder does not know this certificate' };
  }
}

/**
 * §4.2.2.2: the CA's own key, or a certificate in the response issued by the CA (its signature
 * checked with the CA's key) that carries id-kp-OCSPSigning and is valid now. The delegated
 * responder's own revocation is not checked (responders carry id-pkix-ocsp-nocheck, §4.2.2.2.1).
 */
async function checkResponderSignature(basic: pkijs.BasicOCSPResponse, issuer: CertificateRecord, now: Date): Promise<string | undefined> {
  const signed = basic.tbsResponseData.tbsView;
  const byIssuer = await checkSignature(signed, basic.signatureAlgorithm, basic.signature, issuer.certificate.subjectPublicKeyInfo);
  if (byIssuer.outcome === 'good') return undefined;
  let reason = 'The response is not signed by the CA or a responder it authorized';
  for (const certificate of basic.certs ?? []) {
    const responder = await readCertificateRecord(new Uint8Array(certificate.toSchema().toBER(false)));
    const byResponder = await checkSignature(signed, basic.signatureAlgorithm, basic.signature, responder.certificate.subjectPublicKeyInfo);
    if (byResponder.outcome !== 'good') continue;
    if (!namesEqual(responder.issuer, issuer.subject)) {
      reason = 'The responder certificate was not issued by the CA';
      continue;
    }
    const issued = await checkSignature(responder.certificate.tbsView, responder.certificate.signatureAlgorithm, responder.certificate.signatureValue, issuer.certificate.subjectPublicKeyInfo);
    if (issued.outcome !== 'good') {
      reason = 'The responder certificate was not issued by the CA';
      continue;
    }
    if (!responder.extensions.extendedKeyUsage?.includes(OCSP_SIGNING)) {
      reason = 'The responder certificate is not authorized for OCSP signing (id-kp-OCSPSigning)';
      continue;
    }
    if (now < responder.notBefore || now > responder.notAfter) {
      reason = 'The responder certificate is not valid now';
      continue;
    }
    return undefined;
  }
  return reason;
}

function matchesIdentity(certId: pkijs.CertID, identity: CertificateIdentity): boolean {
  return (
    bytesEqual(certId.issuerNameHash.valueBlock.valueHexView, identity.issuerNameHash) &&
    bytesEqual(certId.issuerKeyHash.valueBlock.valueHexView, identity.issuerKeyHash) &&
    toHex(new Uint8Array(certId.serialNumber.valueBlock.valueHexView)) === toHex(identity.serialNumber)
  );
}

/** The nonce extension's value is an OCTET STRING inside extnValue (RFC 8954 §2.1); some responders omit the inner one. */
function innerOctets(extension: pkijs.Extension): Uint8Array {
  const outer = extension.extnValue.valueBlock.valueHexView;
  const parsed = asn1js.fromBER(outer);
  if (parsed.offset === outer.byteLength && parsed.result instanceof asn1js.OctetString) return parsed.result.valueBlock.valueHexView;
  return outer;
}

function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  return left.byteLength === right.byteLength && left.every((byte, index) => byte === right[index]);
}
