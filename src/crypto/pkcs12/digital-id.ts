/**
 * A digital ID as read from a PKCS#12 file: the private key and its certificates, before the key
 * becomes non-extractable CryptoKeys (`importIdentityKeys`). The PKCS#8 is secret: whoever holds a
 * DigitalId should import it and drop it.
 */
export interface DigitalId {
  /** DER certificates: the one whose public key matches the private key first, then the rest in file order. */
  certificates: Uint8Array[];
  /** The private key, PKCS#8 PrivateKeyInfo DER (RFC 5208 §5). */
  privateKeyPkcs8: Uint8Array;
  /** The friendlyName attribute (RFC 7292 §4.2) of the key, or else of its certificate. */
  friendlyName?: string;
  keyType: 'RSA' | 'EC';
  /** RSA modulus bits, or the EC curve size (256, 384, 521; 256 for X25519). */
  keySizeBits: number;
  /**
   * 'P-256' | 'P-384' | 'P-521' for EC keys; 'X25519' (RFC 8410) for a Curve25519 key-agreement key,
   * 'Ed25519' for an Edwards-curve signing key (RFC 8419).
   */
  namedCurve?: string;
}
