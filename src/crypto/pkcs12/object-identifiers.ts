/** Object identifiers of PKCS#12 (RFC 7292), PKCS#5 (RFC 8018), PKCS#7 content types and keys. */

// RFC 5652 / PKCS#7 content types used by the AuthenticatedSafe (RFC 7292 §5.1).
export const OID_DATA = '1.2.840.113549.1.7.1';
export const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
export const OID_ENVELOPED_DATA = '1.2.840.113549.1.7.3';

// Bag types, RFC 7292 §4.2.
export const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
export const OID_PKCS8_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
export const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
export const OID_SAFE_CONTENTS_BAG = '1.2.840.113549.1.12.10.1.6';
export const OID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

// Bag attributes, RFC 7292 §4.2 (PKCS#9, RFC 2985 §5.5.1 and §5.5.2).
export const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
export const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

// Legacy password-based encryption, RFC 7292 appendix C.
export const OID_PBE_SHA1_3DES = '1.2.840.113549.1.12.1.3';
export const OID_PBE_SHA1_2DES = '1.2.840.113549.1.12.1.4';
export const OID_PBE_SHA1_RC2_128 = '1.2.840.113549.1.12.1.5';
export const OID_PBE_SHA1_RC2_40 = '1.2.840.113549.1.12.1.6';
export const OID_PBE_SHA1_RC4_128 = '1.2.840.113549.1.12.1.1';
export const OID_PBE_SHA1_RC4_40 = '1.2.840.113549.1.12.1.2';

// PBES2 and PBKDF2, RFC 8018 appendix A.
export const OID_PBES2 = '1.2.840.113549.1.5.13';
export const OID_PBKDF2 = '1.2.840.113549.1.5.12';
export const OID_PBMAC1 = '1.2.840.113549.1.5.14';
export const OID_HMAC_SHA1 = '1.2.840.113549.2.7';
export const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
export const OID_HMAC_SHA384 = '1.2.840.113549.2.10';
export const OID_HMAC_SHA512 = '1.2.840.113549.2.11';
export const OID_AES128_CBC = '2.16.840.1.101.3.4.1.2';
export const OID_AES192_CBC = '2.16.840.1.101.3.4.1.22';
export const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';
export const OID_DES_EDE3_CBC = '1.2.840.113549.3.7';

// Digests (for MacData's DigestInfo, RFC 7292 §4).
export const OID_SHA1 = '1.3.14.3.2.26';
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA384 = '2.16.840.1.101.3.4.2.2';
export const OID_SHA512 = '2.16.840.1.101.3.4.2.3';

// Keys (RFC 8017 appendix A.1, RFC 5480 §2.1.1).
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_ED25519 = '1.3.101.112';
export const OID_X25519 = '1.3.101.110';

/** Named curves WebCrypto can use (RFC 5480 §2.1.1.1). */
export const NAMED_CURVES: Record<string, { name: 'P-256' | 'P-384' | 'P-521'; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
};
