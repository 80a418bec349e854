/**
 * What the engine needs from a private key, and nothing more. The engine never sees key bytes
 * except through this interface: in the extension the handle wraps non-extractable `CryptoKey`s
 * from IndexedDB (DESIGN.md, security model 1); in the CLI it wraps a freshly imported PKCS#12.
 */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
/** 'Ed25519': pure EdDSA (RFC 8032 §5.1, RFC 8419 §3.1), only from an Ed25519 key. */
export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519';

export interface PrivateKeyHandle {
  readonly keyType: 'RSA' | 'EC';
  /** RSA modulus size in bits, or the EC field size (256, 384, 521; 256 for X25519). */
  readonly keySizeBits: number;
  /** 'P-256' | 'P-384' | 'P-521' for EC keys; 'X25519' (RFC 8410) for a key that only decrypts, 'Ed25519' for one that only signs. */
  readonly namedCurve?: string;

  /**
   * Signs `data` (the DER of the signed attributes, RFC 5652 §5.4). Returns the value that goes
   * into SignerInfo.signature: the raw RSA signature, or for ECDSA the DER `Ecdsa-Sig-Value`
   * (RFC 5753 §2.1.1 / RFC 3279 §2.2.3), not WebCrypto's r||s. RSA-PSS uses MGF1 with the same
   * hash and a salt as long as the hash (RFC 4055 §3.1). Ed25519 signs `data` itself (pure EdDSA,
   * RFC 8419 §3.1; `hash` is then the content digest's and must be SHA-512), returning 64 bytes.
   * SHA-1, or a scheme of another key type, is refused with SignetError 'unsupported-algorithm'.
   */
  sign(scheme: SignatureScheme, hash: HashName, data: Uint8Array): Promise<Uint8Array>;

  /**
   * RSAES-PKCS1-v1_5 key transport (RFC 8017 §7.2.2) with implicit rejection: on bad padding or a
   * wrong length it returns `expectedLength` deterministic pseudo-random bytes instead of throwing,
   * so the time and the outcome reveal nothing (no Bleichenbacher oracle). The content decryption
   * then fails like any wrong key.
   */
  decryptRsaPkcs1v15(encryptedKey: Uint8Array, expectedLength: number): Promise<Uint8Array>;

  /** RSAES-OAEP (RFC 8017 §7.1.2, RFC 8017 mixed hashes allowed: e.g. SHA-256 with MGF1-SHA-1). */
  decryptRsaOaep(encryptedKey: Uint8Array, hash: HashName, mgf1Hash: HashName, label?: Uint8Array): Promise<Uint8Array>;

  /**
   * ECDH (RFC 5753 §3.1.2): the shared secret Z (the x-coordinate, 32/48/66 bytes) with the
   * originator's ephemeral public key (SPKI DER); a key not on this curve -> 'decryption-failed'.
   * For an X25519 key (RFC 8418 §2), Z is the 32-byte X25519 output; a low-order originator key
   * (all-zero output, RFC 7748 §6.1) -> 'decryption-failed'.
   */
  deriveEcdhSecret(originatorPublicKeySpki: Uint8Array): Promise<Uint8Array>;
}
