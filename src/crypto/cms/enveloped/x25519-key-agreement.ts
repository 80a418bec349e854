/**
 * Key agreement to X25519 recipients (RFC 8418): a KeyAgreeRecipientInfo (RFC 5652 §6.2.2,
 * version 3) like RFC 5753's ECDH ephemeral-static, with three differences:
 *
 *   - originatorKey is an ephemeral X25519 public key: algorithm id-X25519 with absent parameters,
 *     publicKey the 32 raw bytes (RFC 8418 §2, RFC 8410 §3);
 *   - keyEncryptionAlgorithm is dhSinglePass-stdDH-hkdf-sha256/384/512-scheme, whose parameters
 *     name the key wrap (RFC 8418 §4: KeyWrapAlgorithm);
 *   - the key-encryption key comes from HKDF over the shared secret, with ECC-CMS-SharedInfo as
 *     the info (RFC 8418 §2, key-derivation.ts).
 *
 * The content-encryption key is AES-key-wrapped under it (RFC 3565), as for NIST curves.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import type { HashName, PrivateKeyHandle } from '../../keys/private-key-handle';
import { unwrapAesKey } from './aes-key-wrap';
import { buildKeyAgreeRecipientInfo } from './key-agree-recipient-info';
import { encodedBytesOf } from './cms-asn1';
import { deriveHkdfKey, encodeSharedInfo } from './key-derivation';
import { OID } from './object-identifiers';
import type { RecipientCertificate } from './recipient-certificate';

export const X25519_KDF_HASHES: Record<string, HashName> = {
  [OID.dhSinglePassStdDhHkdfSha256]: 'SHA-256',
  [OID.dhSinglePassStdDhHkdfSha384]: 'SHA-384',
  [OID.dhSinglePassStdDhHkdfSha512]: 'SHA-512',
};

const AES_WRAP_KEY_LENGTHS: Record<string, number> = { [OID.aes128Wrap]: 16, [OID.aes192Wrap]: 24, [OID.aes256Wrap]: 32 };
const X25519_KEY_BYTES = 32;

function readAesKeyWrap(parameters: unknown): { keyWrapDer: Uint8Array; keyLength: number } {
  if (!(parameters instanceof asn1js.Sequence)) throw new SignetError('malformed-cms', 'The X25519 key agreement algorithm names no key-wrap algorithm.');
  const wrapOid = parameters.valueBlock.value[0];
  const oid = wrapOid instanceof asn1js.ObjectIdentifier ? wrapOid.valueBlock.toString() : '';
  const keyLength = AES_WRAP_KEY_LENGTHS[oid];
  // RFC 8418 §4 names only the AES key wraps.
  if (keyLength === undefined) throw new SignetError('unsupported-algorithm', `Key wrap with ${oid || 'an unnamed algorithm'} is not supported with X25519.`);
  return { keyWrapDer: encodedBytesOf(parameters), keyLength };
}

/** The sender's ephemeral X25519 key as an SPKI (RFC 8410 §4), from originatorKey. */
function originatorSpki(originator: pkijs.OriginatorIdentifierOrKey): Uint8Array {
  if (originator.variant !== 3 || !(originator.value instanceof pkijs.OriginatorPublicKey)) {
    throw new SignetError('unsupported-algorithm', 'Only ephemeral-static X25519 (an originatorKey) is supported (RFC 8418 §2).');
  }
  const { algorithm, publicKey } = originator.value;
  if (algorithm.algorithmId !== OID.x25519) throw new SignetError('decryption-failed', `The originator key is ${algorithm.algorithmId}, not an X25519 key.`);
  const point = publicKey.valueBlock.valueHexView;
  if (point.length !== X25519_KEY_BYTES) throw new SignetError('decryption-failed', `The originator's X25519 key is ${point.length} bytes, not 32.`);
  const spki = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.x25519 })] }), new asn1js.BitString({ valueHex: point })],
  });
  return new Uint8Array(spki.toBER());
}

export async function decryptX25519KeyAgreement(
  info: pkijs.KeyAgreeRecipientInfo,
  encryptedKey: pkijs.RecipientEncryptedKey,
  key: PrivateKeyHandle,
): Promise<{ contentKey: Uint8Array; keyManagement: string }> {
  if (key.namedCurve !== 'X25519') throw new SignetError('decryption-failed', 'This RecipientInfo needs an X25519 key.');
  const kdfHash = X25519_KDF_HASHES[info.keyEncryptionAlgorithm.algorithmId];
  if (kdfHash === undefined) {
    throw new SignetError('unsupported-algorithm', `X25519 key agreement with ${info.keyEncryptionAlgorithm.algorithmId} is not supported (RFC 8418 names the HKDF schemes).`);
  }
  const { keyWrapDer, keyLength } = readAesKeyWrap(info.keyEncryptionAlgorithm.algorithmParams);
  const sharedSecret = await key.deriveEcdhSecret(originatorSpki(info.originator));
  const sharedInfo = encodeSharedInfo(keyWrapDer, keyLength, info.ukm?.valueBlock.valueHexView);
  const keyEncryptionKey = await deriveHkdfKey(kdfHash, sharedSecret, sharedInfo, keyLength);
  sharedSecret.fill(0);
  try {
    const contentKey = await unwrapAesKey(keyEncryptionKey, encryptedKey.encryptedKey.valueBlock.valueHexView);
    return { contentKey, keyManagement: `ECDH (X25519, HKDF-${kdfHash}, AES-${keyLength * 8} key wrap)` };
  } finally {
    keyEncryptionKey.fill(0);
  }
}

/**
 * A KeyAgreeRecipientInfo for one X25519 recipient: dhSinglePass-stdDH-hkdf-sha256-scheme (the one
 * RFC 8418 §5 says MUST be supported) with an AES key wrap as large as the content key.
 */
export async function encryptX25519KeyAgreement(
  certificate: RecipientCertificate,
  contentKey: Uint8Array,
  userKeyingMaterial?: Uint8Array,
): Promise<pkijs.RecipientInfo> {
  let recipientKey: CryptoKey;
  try {
    recipientKey = await crypto.subtle.importKey('spki', new Uint8Array(certificate.spki), { name: 'X25519' }, false, []);
  } catch (error) {
    throw new SignetError('recipient-certificate-unusable', `Can't encrypt to ${certificate.description}: its X25519 key is not usable here.`, { cause: error });
  }
  const ephemeral = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair;
  let sharedSecret: Uint8Array;
  try {
    sharedSecret = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: recipientKey }, ephemeral.privateKey, 256));
  } catch (error) {
    throw new SignetError('recipient-certificate-unusable', `Can't encrypt to ${certificate.description}: its X25519 key is a low-order point.`, { cause: error });
  }
  if (sharedSecret.every((byte) => byte === 0)) {
    throw new SignetError('recipient-certificate-unusable', `Can't encrypt to ${certificate.description}: its X25519 key is a low-order point.`);
  }
  const ephemeralKey = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));

  return buildKeyAgreeRecipientInfo(certificate, contentKey, sharedSecret, ephemeralKey, {
    originatorAlgorithmOid: OID.x25519,
    keyEncryptionAlgorithmOid: OID.dhSinglePassStdDhHkdfSha256,
    deriveKeyEncryptionKey: (secret, sharedInfo, length) => deriveHkdfKey('SHA-256', secret, sharedInfo, length),
  }, userKeyingMaterial);
}
