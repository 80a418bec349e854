import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodePemBlocks, looksLikePem } from '../../crypto/encoding/pem';
import { latin1String } from '../../crypto/encoding/bytes';
import { SignetError } from '../../shared/errors';

/** id-signedData (RFC 5652 §5.1): a .p7b "certificates only" file is a SignedData without signers. */
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
/** An organisation's bundle holds a few roots and intermediates; anything bigger is not a trust file. */
const MAX_CERTIFICATES = 100;

/**
 * The certificates in a file a user picked as a trust anchor: PEM (one or more CERTIFICATE or
 * PKCS7 blocks, RFC 7468), a DER certificate (.cer/.crt), or a DER/PEM PKCS#7 bundle (.p7b,
 * RFC 5652 §5 with no signers). The certificates themselves are checked by whoever reads them.
 */
export function readCertificateFile(file: Uint8Array): Uint8Array[] {
  let certificates: Uint8Array[];
  try {
    certificates = looksLikePem(file) ? readPem(latin1String(file)) : readDer(file);
  } catch (error) {
    if (error instanceof SignetError) throw error;
    throw new SignetError('malformed-certificate', `The certificate file could not be read: ${String(error)}`, { cause: error });
  }
  if (certificates.length === 0) throw new SignetError('malformed-certificate', 'The file holds no certificate.');
  if (certificates.length > MAX_CERTIFICATES) {
    throw new SignetError('malformed-certificate', `The file holds more than ${MAX_CERTIFICATES} certificates.`);
  }
  return certificates;
}

function readPem(text: string): Uint8Array[] {
  const certificates: Uint8Array[] = [];
  for (const block of decodePemBlocks(text)) {
    if (block.label === 'CERTIFICATE' || block.label === 'X509 CERTIFICATE') certificates.push(block.der);
    else if (block.label === 'PKCS7') certificates.push(...readPkcs7Certificates(block.der));
  }
  return certificates;
}

function readDer(der: Uint8Array): Uint8Array[] {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset !== der.length || !(asn1.result instanceof asn1js.Sequence)) {
    throw new SignetError('malformed-certificate', 'The file is neither a PEM nor a DER certificate or PKCS#7 bundle.');
  }
  const first = asn1.result;
  // A ContentInfo starts with an OBJECT IDENTIFIER; a Certificate with a SEQUENCE (TBSCertificate).
  const isContentInfo = first instanceof asn1js.Sequence && first.valueBlock.value[0] instanceof asn1js.ObjectIdentifier;
  return isContentInfo ? readPkcs7Certificates(der) : [der];
}

function readPkcs7Certificates(der: Uint8Array): Uint8Array[] {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== SIGNED_DATA_OID) throw new Error(`content type ${contentInfo.contentType}`);
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    return (signedData.certificates ?? [])
      .filter((certificate): certificate is pkijs.Certificate => certificate instanceof pkijs.Certificate)
      .map((certificate) => new Uint8Array(certificate.toSchema().toBER()));
  } catch (error) {
    throw new SignetError('malformed-certificate', `Not a readable PKCS#7 certificate bundle: ${String(error)}`, { cause: error });
  }
}
