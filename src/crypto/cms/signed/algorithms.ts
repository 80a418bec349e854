/**
 * The algorithm identifiers a SignerInfo can carry (RFC 5652 §5.3), named and classified for the
 * algorithm policy of DESIGN.md: SHA-256/384/512 are accepted, SHA-1 is weak, MD5 and MD2 are
 * refused, anything WebCrypto can't compute (SHA-224, DSA) is unsupported.
 */
import type { HashName } from '../../keys/private-key-handle';

export type DigestClass = 'accepted' | 'weak' | 'refused' | 'unsupported';

export interface DigestAlgorithm {
  name: string;
  /** The WebCrypto name, when WebCrypto can compute it. */
  hash?: HashName;
  policy: DigestClass;
}

/** RFC 5754 §2 (SHA-2), RFC 3370 §2.1 (SHA-1), RFC 1321/1319 (MD5/MD2: refused, never computed). */
const DIGEST_ALGORITHMS: Record<string, DigestAlgorithm> = {
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', hash: 'SHA-256', policy: 'accepted' },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', hash: 'SHA-384', policy: 'accepted' },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', hash: 'SHA-512', policy: 'accepted' },
  '2.16.840.1.101.3.4.2.4': { name: 'SHA-224', policy: 'unsupported' },
  '1.3.14.3.2.26': { name: 'SHA-1', hash: 'SHA-1', policy: 'weak' },
  '1.2.840.113549.2.5': { name: 'MD5', policy: 'refused' },
  '1.2.840.113549.2.2': { name: 'MD2', policy: 'refused' },
};

export const DIGEST_OIDS: Record<HashName, string> = {
  'SHA-1': '1.3.14.3.2.26',
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
};

export function describeDigestAlgorithm(oid: string): DigestAlgorithm {
  return DIGEST_ALGORITHMS[oid] ?? { name: oid, policy: 'unsupported' };
}

export type SignatureFamily = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519' | 'DSA' | 'unknown';

export interface SignatureAlgorithm {
  name: string;
  family: SignatureFamily;
  /**
   * The hash the signature algorithm itself names (sha256WithRSAEncryption, ecdsa-with-SHA384),
   * as an OID of DIGEST_ALGORITHMS; absent when the digestAlgorithm field decides (rsaEncryption).
   */
  digestOid?: string;
}

/**
 * RFC 3370 §3 and RFC 5754 §3 (RSA, ECDSA, DSA), RFC 4056 (RSASSA-PSS), RFC 8419 (Ed25519).
 * OpenSSL writes rsaEncryption for PKCS#1 v1.5; other clients write shaNWithRSAEncryption.
 */
const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.1': { name: 'RSASSA-PKCS1-v1_5', family: 'RSASSA-PKCS1-v1_5' },
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '1.2.840.113549.2.2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '1.2.840.113549.2.5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '1.3.14.3.2.26' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '2.16.840.1.101.3.4.2.1' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '2.16.840.1.101.3.4.2.2' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '2.16.840.1.101.3.4.2.3' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', family: 'RSASSA-PKCS1-v1_5', digestOid: '2.16.840.1.101.3.4.2.4' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', family: 'RSA-PSS' },
  '1.2.840.10045.2.1': { name: 'ECDSA', family: 'ECDSA' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', family: 'ECDSA', digestOid: '1.3.14.3.2.26' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', family: 'ECDSA', digestOid: '2.16.840.1.101.3.4.2.4' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', family: 'ECDSA', digestOid: '2.16.840.1.101.3.4.2.1' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', family: 'ECDSA', digestOid: '2.16.840.1.101.3.4.2.2' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', family: 'ECDSA', digestOid: '2.16.840.1.101.3.4.2.3' },
  '1.3.101.112': { name: 'Ed25519', family: 'Ed25519' },
  '1.2.840.10040.4.1': { name: 'DSA', family: 'DSA' },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', family: 'DSA', digestOid: '1.3.14.3.2.26' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-SHA256', family: 'DSA', digestOid: '2.16.840.1.101.3.4.2.1' },
};

export function describeSignatureAlgorithm(oid: string): SignatureAlgorithm {
  return SIGNATURE_ALGORITHMS[oid] ?? { name: oid, family: 'unknown' };
}

export const SIGNATURE_OIDS = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ed25519: '1.3.101.112',
  ecdsaWith: { 'SHA-1': '1.2.840.10045.4.1', 'SHA-256': '1.2.840.10045.4.3.2', 'SHA-384': '1.2.840.10045.4.3.3', 'SHA-512': '1.2.840.10045.4.3.4' } satisfies Record<HashName, string>,
} as const;

export const HASH_LENGTH_BYTES: Record<HashName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** CMS content types (RFC 5652 §4-§6, RFC 5083 §2.1). */
export const CONTENT_TYPE_OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
} as const;

/** Signed attribute types (RFC 5652 §11, RFC 8551 §2.5.2). */
export const ATTRIBUTE_OIDS = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  smimeCapabilities: '1.2.840.113549.1.9.15',
} as const;
