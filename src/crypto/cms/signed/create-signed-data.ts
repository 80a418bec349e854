/**
 * Makes a SignedData (RFC 5652 §5) the way RFC 8551 §2 asks of a sending agent: signed attributes
 * contentType, signingTime, messageDigest and SMIMECapabilities, the signer's chain in
 * `certificates`, one SignerInfo identified by issuerAndSerialNumber.
 *
 * The private key never leaves its `PrivateKeyHandle` (DESIGN.md, security model 1), and pkijs's
 * `SignedData.sign` wants a CryptoKey: so the SignerInfo is built here and only the DER of the
 * signed attributes (the SET OF, RFC 5652 §5.4) goes to `handle.sign`.
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../../shared/errors';
import type { HashName, PrivateKeyHandle, SignatureScheme } from '../../keys/private-key-handle';
import { CONTENT_TYPE_OIDS, DIGEST_OIDS, HASH_LENGTH_BYTES, SIGNATURE_OIDS } from './algorithms';
import { asBufferSource } from './bytes';
import { DER_TAG, encodeDer, encodeObjectIdentifier } from './der';
import { parseBer } from './parse-signed-data';
import { buildSignedAttributes, encodeSignedAttributesForSigning } from './signed-attributes';

export interface SignedDataRequest {
  content: Uint8Array;
  key: PrivateKeyHandle;
  /** DER, the signer's certificate first, then its chain. */
  certificates: Uint8Array[];
  hash: HashName;
  scheme: SignatureScheme;
  /** Opaque: the content goes inside (eContent); detached: it travels beside the signature. */
  encapsulate: boolean;
  signingTime: Date;
}

/** Returns the ContentInfo DER. */
export async function createSignedData(request: SignedDataRequest): Promise<Uint8Array> {
  const [leaf] = request.certificates;
  if (!leaf) throw new SignetError('no-certificate', 'Signing needs the signer certificate.');
  checkSchemeFitsKey(request.scheme, request.key);

  const messageDigest = new Uint8Array(await crypto.subtle.digest(request.hash, asBufferSource(request.content)));
  const { der: signedAttributesSet } = encodeSignedAttributesForSigning(
    buildSignedAttributes({ contentType: CONTENT_TYPE_OIDS.data, messageDigest, signingTime: request.signingTime }),
  );
  const signature = await request.key.sign(request.scheme, request.hash, signedAttributesSet);

  // In SignerInfo the same bytes carry the [0] IMPLICIT tag instead of SET (RFC 5652 §5.3).
  const signedAttributesField = signedAttributesSet.slice();
  signedAttributesField[0] = DER_TAG.contextConstructed0;
  const digestAlgorithm = encodeDer(DER_TAG.sequence, encodeObjectIdentifier(DIGEST_OIDS[request.hash]));
  const signerInfo = encodeDer(
    DER_TAG.sequence,
    encodeDer(DER_TAG.integer, Uint8Array.of(1)),
    readIssuerAndSerialNumber(leaf),
    digestAlgorithm,
    signedAttributesField,
    encodeSignatureAlgorithm(request.scheme, request.hash),
    encodeDer(DER_TAG.octetString, signature),
  );

  const encapsulatedContent = request.encapsulate
    ? encodeDer(
        DER_TAG.sequence,
        encodeObjectIdentifier(CONTENT_TYPE_OIDS.data),
        encodeDer(DER_TAG.contextConstructed0, encodeDer(DER_TAG.octetString, request.content)),
      )
    : encodeDer(DER_TAG.sequence, encodeObjectIdentifier(CONTENT_TYPE_OIDS.data));
  // Version 1: issuerAndSerialNumber, id-data content, only X.509 certificates (RFC 5652 §5.1).
  const signedData = encodeDer(
    DER_TAG.sequence,
    encodeDer(DER_TAG.integer, Uint8Array.of(1)),
    encodeDer(DER_TAG.set, digestAlgorithm),
    encapsulatedContent,
    encodeDer(DER_TAG.contextConstructed0, ...request.certificates),
    encodeDer(DER_TAG.set, signerInfo),
  );
  return encodeDer(
    DER_TAG.sequence,
    encodeObjectIdentifier(CONTENT_TYPE_OIDS.signedData),
    encodeDer(DER_TAG.contextConstructed0, signedData),
  );
}

function checkSchemeFitsKey(scheme: SignatureScheme, key: PrivateKeyHandle): void {
  const fits =
    scheme === 'Ed25519' ? key.namedCurve === 'Ed25519' : scheme === 'ECDSA' ? key.keyType === 'EC' && key.namedCurve !== 'Ed25519' : key.keyType === 'RSA';
  if (!fits) throw new SignetError('unsupported-algorithm', `A ${key.namedCurve ?? key.keyType} key can't make ${scheme} signatures.`);
}

/**
 * RSASSA-PKCS1-v1_5 as rsaEncryption with NULL parameters (what OpenSSL and most clients write,
 * RFC 3370 §3.2); RSASSA-PSS with explicit parameters, MGF1 with the same hash and a salt as long
 * as the hash (RFC 4056 §2, RFC 8017 §9.1); ECDSA as ecdsa-with-SHAn without parameters (RFC 5753 §7.1.3);
 * Ed25519 as id-Ed25519 with absent parameters (RFC 8419 §3.1).
 */
function encodeSignatureAlgorithm(scheme: SignatureScheme, hash: HashName): Uint8Array {
  const nullParameters = Uint8Array.of(0x05, 0x00);
  switch (scheme) {
    case 'RSASSA-PKCS1-v1_5':
      return encodeDer(DER_TAG.sequence, encodeObjectIdentifier(SIGNATURE_OIDS.rsaEncryption), nullParameters);
    case 'ECDSA':
      return encodeDer(DER_TAG.sequence, encodeObjectIdentifier(SIGNATURE_OIDS.ecdsaWith[hash]));
    case 'Ed25519':
      return encodeDer(DER_TAG.sequence, encodeObjectIdentifier(SIGNATURE_OIDS.ed25519));
    case 'RSA-PSS': {
      const hashAlgorithm = encodeDer(DER_TAG.sequence, encodeObjectIdentifier(DIGEST_OIDS[hash]), nullParameters);
      const maskAlgorithm = encodeDer(DER_TAG.sequence, encodeObjectIdentifier(SIGNATURE_OIDS.mgf1), hashAlgorithm);
      const saltLength = encodeDer(DER_TAG.integer, Uint8Array.of(HASH_LENGTH_BYTES[hash]));
      const parameters = encodeDer(
        DER_TAG.sequence,
        encodeDer(0xa0, hashAlgorithm),
        encodeDer(0xa1, maskAlgorithm),
        encodeDer(0xa2, saltLength),
      );
      return encodeDer(DER_TAG.sequence, encodeObjectIdentifier(SIGNATURE_OIDS.rsassaPss), parameters);
    }
  }
}

/**
 * IssuerAndSerialNumber (RFC 5652 §10.2.4) copied byte for byte from the certificate's
 * TBSCertificate, so a verifier's comparison can't be upset by re-encoding the name.
 */
export function readIssuerAndSerialNumber(certificate: Uint8Array): Uint8Array {
  const root = parseBer(certificate, 'signer certificate');
  const tbs = root instanceof asn1js.Sequence ? root.valueBlock.value[0] : undefined;
  if (!(tbs instanceof asn1js.Sequence)) throw new SignetError('malformed-certificate', 'The signer certificate is malformed.');
  const fields = tbs.valueBlock.value;
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, ...
  const start = fields[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const serialNumber = fields[start];
  const issuer = fields[start + 2];
  if (!(serialNumber instanceof asn1js.Integer) || !(issuer instanceof asn1js.Sequence)) {
    throw new SignetError('malformed-certificate', 'The signer certificate is malformed.');
  }
  return encodeDer(DER_TAG.sequence, new Uint8Array(issuer.valueBeforeDecodeView), new Uint8Array(serialNumber.valueBeforeDecodeView));
}
