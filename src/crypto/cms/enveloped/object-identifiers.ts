/** Object identifiers of enveloped and authenticated-enveloped CMS, with where each is defined. */
export const OID = {
  // RFC 5652 §4, §6; RFC 5083 §1
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',

  // RFC 8017 / RFC 4055 §4: key transport
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  mgf1: '1.2.840.113549.1.1.8',
  pSpecified: '1.2.840.113549.1.1.9',

  // RFC 5480 §2.1.1: EC keys and named curves
  ecPublicKey: '1.2.840.10045.2.1',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',

  // RFC 5753 §7.1.4 and RFC 8418 / SEC 1: ECDH ephemeral-static with an X9.63 KDF
  dhSinglePassStdDhSha1Kdf: '1.3.133.16.840.63.0.2',
  dhSinglePassStdDhSha224Kdf: '1.3.132.1.11.0',
  dhSinglePassStdDhSha256Kdf: '1.3.132.1.11.1',
  dhSinglePassStdDhSha384Kdf: '1.3.132.1.11.2',
  dhSinglePassStdDhSha512Kdf: '1.3.132.1.11.3',

  // RFC 8410 §3 (the X25519 key) and RFC 8418 §2: ECDH with X25519 and an HKDF KDF (RFC 5869)
  x25519: '1.3.101.110',
  dhSinglePassStdDhHkdfSha256: '1.2.840.113549.1.9.16.3.19',
  dhSinglePassStdDhHkdfSha384: '1.2.840.113549.1.9.16.3.20',
  dhSinglePassStdDhHkdfSha512: '1.2.840.113549.1.9.16.3.21',

  // RFC 3565 §2.3.2 (AES key wrap, RFC 3394) and RFC 3565 §4 / RFC 5084 §3 (content)
  aes128Wrap: '2.16.840.1.101.3.4.1.5',
  aes192Wrap: '2.16.840.1.101.3.4.1.25',
  aes256Wrap: '2.16.840.1.101.3.4.1.45',
  // RFC 3217 §3 / RFC 3370 §4.3.1: Triple-DES key wrap, for old mail
  tripleDesWrap: '1.2.840.113549.1.9.16.3.6',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  aes128Gcm: '2.16.840.1.101.3.4.1.6',
  aes192Gcm: '2.16.840.1.101.3.4.1.26',
  aes256Gcm: '2.16.840.1.101.3.4.1.46',

  // RFC 8103 §6: AEAD_CHACHA20_POLY1305 content in AuthEnvelopedData
  chacha20Poly1305: '1.2.840.113549.1.9.16.3.18',

  // RFC 3370 §5.1, §5.2: old mail
  desEde3Cbc: '1.2.840.113549.3.7',
  rc2Cbc: '1.2.840.113549.3.2',

  // hashes (RFC 3370 §2, RFC 5754 §2)
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',

  // RFC 5280 §4.2.1: the certificate extensions that say what a key may do
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;
