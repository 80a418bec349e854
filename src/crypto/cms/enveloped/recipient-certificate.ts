/**
 * What encryption and decryption need from a recipient's certificate: the kind of key, its curve,
 * the names that identify it in a RecipientInfo (RFC 5652 §6.2: issuerAndSerialNumber or
 * subjectKeyIdentifier), and whether it may be used to encrypt to (RFC 8551 §4.4.2, RFC 5280
 * §4.2.1.3 keyUsage, §4.2.1.12 extendedKeyUsage).
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../../shared/errors';
import { asBufferSource } from '../../rsa/buffer-source';
import { readCertificateRecord, subjectPublicKeyInfoDer, type CertificateRecord } from '../../x509/certificate-record';
import { formatName } from '../../x509/distinguished-name';
import { OID } from './object-identifiers';

export type NamedCurve = 'P-256' | 'P-384' | 'P-521';

export interface RecipientCertificate {
  record: CertificateRecord;
  /** 'X25519': an RFC 8410 key, for RFC 8418 key agreement. */
  keyType: 'RSA' | 'EC' | 'X25519' | 'other';
  namedCurve?: NamedCurve;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** The serial number as unsigned big-endian bytes without leading zeros. */
  serialNumber: Uint8Array;
  /**
   * Lower-case hex of the subjectKeyIdentifier extension; without one, the SHA-1 of the public key
   * (RFC 5280 §4.2.1.2 method 1), which is what a sender would have computed.
   */
  subjectKeyIdentifier: string;
  /** For messages: 'CN=Jethro..., issued by CN=Jed Co Mail CA..., serial 0x1a2b'. */
  description: string;
}

const CURVES: Record<string, NamedCurve> = { [OID.secp256r1]: 'P-256', [OID.secp384r1]: 'P-384', [OID.secp521r1]: 'P-521' };
export const CURVE_OIDS: Record<NamedCurve, string> = { 'P-256': OID.secp256r1, 'P-384': OID.secp384r1, 'P-521': OID.secp521r1 };

/** Unsigned bytes of a DER INTEGER's content, leading zeros removed (serials are compared this way). */
export function unsignedIntegerBytes(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

export function hexOf(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

export async function readRecipientCertificate(der: Uint8Array): Promise<RecipientCertificate> {
  const record = await readCertificateRecord(der);
  const publicKeyInfo = record.certificate.subjectPublicKeyInfo;
  const algorithmId = publicKeyInfo.algorithm.algorithmId;
  let keyType: RecipientCertificate['keyType'] = 'other';
  let namedCurve: NamedCurve | undefined;
  if (algorithmId === OID.rsaEncryption || algorithmId === OID.rsaesOaep) keyType = 'RSA';
  // RFC 8410 §3: parameters absent and a 32-byte key, else it is no X25519 key Signet can use.
  if (algorithmId === OID.x25519 && publicKeyInfo.algorithm.algorithmParams === undefined && publicKeyInfo.subjectPublicKey.valueBlock.valueHexView.length === 32) {
    keyType = 'X25519';
  }
  if (algorithmId === OID.ecPublicKey) {
    keyType = 'EC';
    const parameters = publicKeyInfo.algorithm.algorithmParams;
    namedCurve = parameters instanceof asn1js.ObjectIdentifier ? CURVES[parameters.valueBlock.toString()] : undefined;
  }
  const serialNumber = unsignedIntegerBytes(record.certificate.serialNumber.valueBlock.valueHexView);
  const publicKeyBits = publicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const subjectKeyIdentifier =
    record.extensions.subjectKeyIdentifier ?? hexOf(new Uint8Array(await crypto.subtle.digest('SHA-1', asBufferSource(publicKeyBits))));
  return {
    record,
    keyType,
    namedCurve,
    spki: subjectPublicKeyInfoDer(record),
    serialNumber,
    subjectKeyIdentifier,
    description: `${formatName(record.subject)} (issuer ${formatName(record.issuer)}, serial ${hexOf(serialNumber)})`,
  };
}

/**
 * Refuses a certificate Signet must not encrypt to: a key that is neither RSA, a NIST curve nor
 * X25519, a keyUsage without keyEncipherment (RSA) or keyAgreement (EC, X25519: RFC 8410 §5), or
 * an extendedKeyUsage without emailProtection or anyExtendedKeyUsage (RFC 8551 §4.4.4).
 */
export function checkUsableForEncryption(certificate: RecipientCertificate): void {
  const { extensions } = certificate.record;
  const refuse = (reason: string): never => {
    throw new SignetError('recipient-certificate-unusable', `Can't encrypt to ${certificate.description}: ${reason}.`);
  };
  if (certificate.keyType === 'other') refuse('its key is neither RSA, elliptic-curve nor X25519');
  if (certificate.keyType === 'EC' && certificate.namedCurve === undefined) refuse('its elliptic curve is not P-256, P-384 or P-521');
  if (extensions.malformed.includes(OID.keyUsage) || extensions.malformed.includes(OID.extendedKeyUsage)) {
    refuse('its key usage extension is malformed');
  }
  const needed = certificate.keyType === 'RSA' ? 'keyEncipherment' : 'keyAgreement';
  if (extensions.keyUsage !== undefined && !extensions.keyUsage.has(needed)) refuse(`its key usage does not allow ${needed}`);
  const purposes = extensions.extendedKeyUsage;
  if (purposes !== undefined && !purposes.includes(OID.emailProtection) && !purposes.includes(OID.anyExtendedKeyUsage)) {
    refuse('its extended key usage does not include e-mail protection');
  }
}
