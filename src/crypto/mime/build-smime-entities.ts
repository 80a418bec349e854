/**
 * The two S/MIME entity shapes Signet writes (RFC 8551 §3.4, §3.5): multipart/signed with a
 * detached application/pkcs7-signature part, and a single application/pkcs7-mime part holding
 * signed-data, enveloped-data or authEnveloped-data. All output is CRLF and 7-bit.
 */
import { BASE64_LINE_LENGTH, encodeBase64Lines } from './base64-transfer-encoding';
import type { HeaderField } from './mime-entity';
import { concatByteArrays, textToBytes } from './mime-bytes';
import { createBoundaryAbsentFrom } from './random-boundary';
import { formatOuterHeader } from './split-message';

/** RFC 8551 §3.5.3.2 micalg values: the hash name with a hyphen, lower case. */
export type Micalg = 'sha-1' | 'sha-224' | 'sha-256' | 'sha-384' | 'sha-512' | 'md5';

export type SmimeType = 'signed-data' | 'enveloped-data' | 'authEnveloped-data';

/**
 * multipart/signed (RFC 8551 §3.5.3, RFC 1847 §2.1): the content entity byte for byte as the
 * first part, then the signature. The CRLF before each delimiter belongs to the delimiter
 * (RFC 2046 §5.1.1), so the first part's bytes are exactly `content`: what was signed.
 * `content` must already be canonical (canonicalizeForSigning) and is not changed here.
 */
export function buildMultipartSigned(content: Uint8Array, signatureDer: Uint8Array, micalg: Micalg | string): Uint8Array {
  return concatByteArrays(multipartSignedPieces(content, signatureDer, micalg));
}

function multipartSignedPieces(content: Uint8Array, signatureDer: Uint8Array, micalg: Micalg | string): Uint8Array[] {
  const boundary = createBoundaryAbsentFrom([content]);
  const header =
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature";\r\n` +
    ` micalg=${micalg.toLowerCase()}; boundary="${boundary}"\r\n` +
    `\r\n` +
    `This is an S/MIME signed message\r\n` +
    `\r\n` +
    `--${boundary}\r\n`;
  const signaturePartHeader =
    `\r\n--${boundary}\r\n` +
    `Content-Type: application/pkcs7-signature; name="smime.p7s"\r\n` +
    `Content-Transfer-Encoding: base64\r\n` +
    `Content-Disposition: attachment; filename="smime.p7s"\r\n` +
    `Content-Description: S/MIME Cryptographic Signature\r\n` +
    `\r\n`;
  return [
    textToBytes(header),
    content,
    textToBytes(signaturePartHeader),
    encodeBase64Lines(signatureDer),
    textToBytes(`\r\n--${boundary}--\r\n`),
  ];
}

/**
 * The whole message `assembleMessage(outerHeaders, buildMultipartSigned(...))` makes, written in
 * one buffer: the signed content (as big as the message) is copied once, not twice.
 */
export function assembleMultipartSignedMessage(
  outerHeaders: readonly HeaderField[],
  content: Uint8Array,
  signatureDer: Uint8Array,
  micalg: Micalg | string,
): Uint8Array {
  return concatByteArrays([textToBytes(formatOuterHeader(outerHeaders)), ...multipartSignedPieces(content, signatureDer, micalg)]);
}

/**
 * application/pkcs7-mime (RFC 8551 §3.2.2, §3.4, §3.5.2, §3.3.3 for authEnveloped-data), base64
 * in 76-character lines, named smime.p7m as §3.2.1 recommends.
 */
export function buildPkcs7MimeEntity(der: Uint8Array, smimeType: SmimeType): Uint8Array {
  return encodeBase64Lines(der, BASE64_LINE_LENGTH, textToBytes(pkcs7MimeHeader(smimeType)));
}

function pkcs7MimeHeader(smimeType: SmimeType): string {
  const description = smimeType === 'signed-data' ? 'S/MIME Signed Message' : 'S/MIME Encrypted Message';
  return (
    `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"\r\n` +
    `Content-Transfer-Encoding: base64\r\n` +
    `Content-Disposition: attachment; filename="smime.p7m"\r\n` +
    `Content-Description: ${description}\r\n` +
    `\r\n`
  );
}

/**
 * The whole message `assembleMessage(outerHeaders, buildPkcs7MimeEntity(der, smimeType))` makes,
 * with the base64 written straight after the header: no copy of the (1.37x larger) body at all.
 */
export function assemblePkcs7MimeMessage(outerHeaders: readonly HeaderField[], der: Uint8Array, smimeType: SmimeType): Uint8Array {
  return encodeBase64Lines(der, BASE64_LINE_LENGTH, textToBytes(formatOuterHeader(outerHeaders) + pkcs7MimeHeader(smimeType)));
}
