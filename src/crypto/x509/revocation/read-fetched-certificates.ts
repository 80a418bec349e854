import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodePemBlocks, looksLikePem } from '../../encoding/pem';

/**
 * What an AIA caIssuers URL serves (RFC 5280 §4.2.2.1): one DER certificate
 * (application/pkix-cert) or a "certs-only" CMS SignedData (application/pkcs7-mime), sometimes
 * PEM-armoured. Returns the certificates' DER; nothing here is trusted: the path builder checks
 * every signature before a fetched certificate becomes part of a path.
 */
const MAX_CERTIFICATES = 16;

export function readFetchedCertificates(bytes: Uint8Array): Uint8Array[] {
  if (looksLikePem(bytes)) {
    const text = new TextDecoder('latin1').decode(bytes);
    return decodePemBlocks(text)
      .filter((block) => block.label === 'CERTIFICATE' || block.label === 'PKCS7' || block.label === 'CMS')
      .flatMap((block) => (block.label === 'CERTIFICATE' ? [block.der] : readDer(block.der)))
      .slice(0, MAX_CERTIFICATES);
  }
  return readDer(bytes).slice(0, MAX_CERTIFICATES);
}

function readDer(der: Uint8Array): Uint8Array[] {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) return [];
  // A ContentInfo starts with an OID; a certificate with a SEQUENCE (its TBSCertificate).
  const first = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.ObjectIdentifier)) return [der];
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return [];
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    return (signedData.certificates ?? [])
      .filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate)
      .map((certificate) => new Uint8Array(certificate.toSchema().toBER(false)));
  } catch {
    return [];
  }
}
