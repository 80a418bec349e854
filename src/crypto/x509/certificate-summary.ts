/**
 * What a person is shown about a certificate (the identity list, the verdict's signer details,
 * the CLI): readable subject and issuer, e-mail addresses, validity, key, SHA-256 fingerprint.
 * Display only: path validation reads certificates its own way (validate-path.ts).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../shared/errors';
import { bufferSource } from '../encoding/bytes';
import { encodeHex } from '../encoding/hex';
import type { CertificateSummary } from '../verdict';

const MAX_CERTIFICATE_BYTES = 1 << 20;
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const OID_COMMON_NAME = '2.5.4.3';

/** Short names as RFC 4514 §3 lists them, plus E for emailAddress as Windows and OpenSSL show it. */
const ATTRIBUTE_LABELS: Record<string, string> = {
  [OID_COMMON_NAME]: 'CN',
  [OID_EMAIL_ADDRESS]: 'E',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** Curve sizes by OID (RFC 5480 §2.1.1.1), for curves people may meet in certificates. */
const CURVE_BITS: Record<string, number> = {
  '1.2.840.10045.3.1.7': 256,
  '1.3.132.0.34': 384,
  '1.3.132.0.35': 521,
  '1.3.132.0.10': 256, // secp256k1
  '1.3.36.3.3.2.8.1.1.7': 256, // brainpoolP256r1
  '1.3.36.3.3.2.8.1.1.11': 384, // brainpoolP384r1
  '1.3.36.3.3.2.8.1.1.13': 512, // brainpoolP512r1
};

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  if (der.length === 0 || der.length > MAX_CERTIFICATE_BYTES) {
    throw new SignetError('malformed-certificate', `A certificate of ${der.length} bytes is not acceptable.`);
  }
  try {
    const parsed = asn1js.fromBER(bufferSource(der), { maxDepth: 64, maxNodes: 50_000, maxContentLength: MAX_CERTIFICATE_BYTES });
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    return new pkijs.Certificate({ schema: parsed.result });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SignetError('malformed-certificate', `Not a valid X.509 certificate: ${reason}`, { cause: error });
  }
}

/** RFC 4514 §2.4 escaping, so a name like `Bodine, Jethro` can't pass for two attributes. */
function escapeAttributeValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (character) => `\\${character}`)
    .replace(/^[ #]/, (character) => `\\${character}`)
    .replace(/ $/, '\\ ');
}

interface NameAttribute {
  type: string;
  text: string;
}

/** The RDNs of a Name (RFC 5280 §4.1.2.4) from its DER, each RDN a list of attributes. */
function readNameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[][] {
  const parsed = asn1js.fromBER(name.valueBeforeDecode);
  if (!(parsed.result instanceof asn1js.Sequence)) return [];
  return parsed.result.valueBlock.value.map((rdn) => {
    if (!(rdn instanceof asn1js.Set)) return [];
    return rdn.valueBlock.value.flatMap((attribute) => {
      if (!(attribute instanceof asn1js.Sequence)) return [];
      const [typeNode, valueNode] = attribute.valueBlock.value;
      if (!(typeNode instanceof asn1js.ObjectIdentifier) || valueNode === undefined) return [];
      const value = (valueNode.valueBlock as { value?: unknown }).value;
      const text = typeof value === 'string' ? value : `#${encodeHex(new Uint8Array(valueNode.valueBeforeDecodeView))}`;
      return [{ type: typeNode.valueBlock.toString(), text }];
    });
  });
}

/**
 * "CN=Jethro Bodine, E=jethro@jedco.example, O=Jed Co": who (CN), then how to reach them (E), then
 * the remaining RDNs in RFC 4514 order (most specific first: OU before O before C), because that is
 * the order in which a person reads a name. Values are escaped as RFC 4514 §2.4 says.
 */
export function formatDistinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  const rdns = readNameAttributes(name).reverse();
  const rank = (rdn: NameAttribute[]) =>
    rdn.some((attribute) => attribute.type === OID_COMMON_NAME) ? 0 : rdn.some((attribute) => attribute.type === OID_EMAIL_ADDRESS) ? 1 : 2;
  const ordered = [0, 1, 2].flatMap((wanted) => rdns.filter((rdn) => rank(rdn) === wanted));
  return ordered
    .map((rdn) => rdn.map((attribute) => `${ATTRIBUTE_LABELS[attribute.type] ?? attribute.type}=${escapeAttributeValue(attribute.text)}`).join('+'))
    .join(', ');
}

function emailAddressesOf(certificate: pkijs.Certificate): string[] {
  const addresses: string[] = [];
  // Subject Alternative Name rfc822Name entries (RFC 5280 §4.2.1.6), where RFC 8550 §3 wants them.
  for (const extension of certificate.extensions ?? []) {
    if (extension.extnID !== OID_SUBJECT_ALT_NAME || !(extension.parsedValue instanceof pkijs.AltName)) continue;
    for (const generalName of extension.parsedValue.altNames) {
      if (generalName.type === 1 && typeof generalName.value === 'string') addresses.push(generalName.value);
    }
  }
  // The legacy emailAddress attribute of the subject (RFC 5280 §4.1.2.6), still common.
  for (const rdn of readNameAttributes(certificate.subject)) {
    for (const attribute of rdn) if (attribute.type === OID_EMAIL_ADDRESS && !attribute.text.startsWith('#')) addresses.push(attribute.text);
  }
  const normalized = addresses.map((address) => address.trim().toLowerCase()).filter((address) => address.includes('@'));
  return [...new Set(normalized)];
}

/** SAN rfc822Name and subject emailAddress, lower-cased and without duplicates (SAN first). */
export function certificateEmailAddresses(der: Uint8Array): string[] {
  return emailAddressesOf(parseCertificate(der));
}

function unsignedBitLength(bytes: Uint8Array): number {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start - 1) * 8 + (32 - Math.clz32(bytes[start]));
}

function describeKey(certificate: pkijs.Certificate): Pick<CertificateSummary, 'keyAlgorithm' | 'keySizeBits'> {
  const info = certificate.subjectPublicKeyInfo;
  const oid = info.algorithm.algorithmId;
  try {
    if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
      const parsed = asn1js.fromBER(info.subjectPublicKey.valueBlock.valueHexView);
      const modulus = (parsed.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer;
      return { keyAlgorithm: 'RSA', keySizeBits: unsignedBitLength(modulus.valueBlock.valueHexView) };
    }
    if (oid === '1.2.840.10045.2.1') {
      const curve = info.algorithm.algorithmParams;
      const curveOid = curve instanceof asn1js.ObjectIdentifier ? curve.valueBlock.toString() : '';
      return { keyAlgorithm: 'EC', keySizeBits: CURVE_BITS[curveOid] ?? 0 };
    }
    if (oid === '1.3.101.112') return { keyAlgorithm: 'Ed25519', keySizeBits: 256 };
    // X25519 (RFC 8410, an RFC 8418 encryption key): an elliptic-curve key, as the digital ID says.
    if (oid === '1.3.101.110') return { keyAlgorithm: 'EC', keySizeBits: 256 };
    if (oid === '1.2.840.10040.4.1') {
      const parameters = info.algorithm.algorithmParams;
      const prime = parameters instanceof asn1js.Sequence ? (parameters.valueBlock.value[0] as asn1js.Integer) : undefined;
      return { keyAlgorithm: 'DSA', keySizeBits: prime ? unsignedBitLength(prime.valueBlock.valueHexView) : 0 };
    }
  } catch {
    // A key we can't read is shown as unknown; verification decides whether it matters.
  }
  return { keyAlgorithm: 'unknown', keySizeBits: 0 };
}

export async function summarizeCertificate(der: Uint8Array): Promise<CertificateSummary> {
  const certificate = parseCertificate(der);
  const fingerprint = new Uint8Array(await crypto.subtle.digest('SHA-256', bufferSource(der)));
  return {
    subject: formatDistinguishedName(certificate.subject),
    issuer: formatDistinguishedName(certificate.issuer),
    serialNumber: encodeHex(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)),
    fingerprintSha256: encodeHex(fingerprint),
    emailAddresses: emailAddressesOf(certificate),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
    ...describeKey(certificate),
  };
}
