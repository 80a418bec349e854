/**
 * The part of a KeyAgreeRecipientInfo (RFC 5652 §6.2.2, version 3) that ECDH on NIST curves
 * (RFC 5753 §3.1.1) and X25519 (RFC 8418 §2) share: ECC-CMS-SharedInfo naming the key wrap, the
 * key-encryption key derived from the shared secret with it, the content key AES-key-wrapped
 * (RFC 3565), the ephemeral originator key, and the recipient named by issuer and serial number.
 * What differs is passed in: the originator key's algorithm, the scheme, and its KDF.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { wrapAesKey } from './aes-key-wrap';
import { encodeSharedInfo } from './key-derivation';
import { OID } from './object-identifiers';
import type { RecipientCertificate } from './recipient-certificate';

const AES_WRAP_FOR_KEY_LENGTH: Record<number, string> = { 16: OID.aes128Wrap, 24: OID.aes192Wrap, 32: OID.aes256Wrap };

export interface KeyAgreementScheme {
  /** The ephemeral originator key's algorithm: id-ecPublicKey or id-X25519. */
  originatorAlgorithmOid: string;
  /** dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753) or dhSinglePass-stdDH-hkdf-sha256-scheme (RFC 8418). */
  keyEncryptionAlgorithmOid: string;
  deriveKeyEncryptionKey(sharedSecret: Uint8Array, sharedInfo: Uint8Array, lengthBytes: number): Promise<Uint8Array>;
}

/**
 * Wraps `contentKey` for one recipient with the agreed `sharedSecret` (zeroed here) and returns its
 * RecipientInfo. The key wrap is as large as the content key (RFC 8551 §2.7.1.2: matching strengths).
 */
export async function buildKeyAgreeRecipientInfo(
  certificate: RecipientCertificate,
  contentKey: Uint8Array,
  sharedSecret: Uint8Array,
  ephemeralPublicKey: Uint8Array,
  scheme: KeyAgreementScheme,
  userKeyingMaterial?: Uint8Array,
): Promise<pkijs.RecipientInfo> {
  const keyWrapAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: AES_WRAP_FOR_KEY_LENGTH[contentKey.length] });
  const sharedInfo = encodeSharedInfo(new Uint8Array(keyWrapAlgorithm.toSchema().toBER()), contentKey.length, userKeyingMaterial);
  const keyEncryptionKey = await scheme.deriveKeyEncryptionKey(sharedSecret, sharedInfo, contentKey.length);
  sharedSecret.fill(0);
  const wrappedKey = await wrapAesKey(keyEncryptionKey, contentKey);
  keyEncryptionKey.fill(0);

  const { certificate: parsed } = certificate.record;
  const value = new pkijs.KeyAgreeRecipientInfo({
    version: 3,
    originator: new pkijs.OriginatorIdentifierOrKey({
      variant: 3,
      value: new pkijs.OriginatorPublicKey({
        algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: scheme.originatorAlgorithmOid }),
        publicKey: new asn1js.BitString({ valueHex: ephemeralPublicKey }),
      }),
    }),
    keyEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: scheme.keyEncryptionAlgorithmOid, algorithmParams: keyWrapAlgorithm.toSchema() }),
    recipientEncryptedKeys: new pkijs.RecipientEncryptedKeys({
      encryptedKeys: [
        new pkijs.RecipientEncryptedKey({
          rid: new pkijs.KeyAgreeRecipientIdentifier({
            variant: 1,
            value: new pkijs.IssuerAndSerialNumber({ issuer: parsed.issuer, serialNumber: parsed.serialNumber }),
          }),
          encryptedKey: new asn1js.OctetString({ valueHex: wrappedKey }),
        }),
      ],
    }),
  });
  if (userKeyingMaterial !== undefined) value.ukm = new asn1js.OctetString({ valueHex: userKeyingMaterial });
  return new pkijs.RecipientInfo({ variant: 2, value });
}
