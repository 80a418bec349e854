import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../shared/errors';
import { readDistinguishedName, namesEqual, type DistinguishedName } from './distinguished-name';
import { readExtensions, type CertificateExtensions } from './certificate-extensions';

/**
 * A certificate parsed once (PKIJS-NOTES: an asn1js node can't be read twice), with what path
 * validation (RFC 5280 §6.1) needs at hand: names with their RDN structure, the validity period,
 * the extensions decoded, and the SHA-256 fingerprint that identifies it in results.
 */
export interface CertificateRecord {
  der: Uint8Array;
  certificate: pkijs.Certificate;
  fingerprint: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  /** RFC 5280 §6.1: self-issued means subject and issuer names match (not necessarily the same key). */
  selfIssued: boolean;
  notBefore: Date;
  notAfter: Date;
  serialNumberHex: string;
  extensions: CertificateExtensions;
}

const MAX_CERTIFICATE_BYTES = 1 << 20;

export async function readCertificateRecord(der: Uint8Array): Promise<CertificateRecord> {
  if (der.byteLength === 0 || der.byteLength > MAX_CERTIFICATE_BYTES) {
    throw new SignetError('malformed-certificate', `A certificate of ${der.byteLength} bytes is not acceptable.`);
  }
  let certificate: pkijs.Certificate;
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    certificate = new pkijs.Certificate({ schema: asn1.result });
  } catch (error) {
    throw new SignetError('malformed-certificate', `Not a valid X.509 certificate: ${describe(error)}`, { cause: error });
  }
  const subject = readDistinguishedName(certificate.subject.valueBeforeDecode);
  const issuer = readDistinguishedName(certificate.issuer.valueBeforeDecode);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(der)));
  return {
    der,
    certificate,
    fingerprint: toHex(digest),
    subject,
    issuer,
    selfIssued: namesEqual(subject, issuer),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    serialNumberHex: toHex(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)),
    extensions: readExtensions(certificate.extensions ?? []),
  };
}

export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The DER of the SubjectPublicKeyInfo, as WebCrypto's 'spki' import wants it. */
export function subjectPublicKeyInfoDer(record: CertificateRecord): Uint8Array {
  return new Uint8Array(record.certificate.subjectPublicKeyInfo.toSchema().toBER(false));
}
