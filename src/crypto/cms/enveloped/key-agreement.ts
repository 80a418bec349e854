/**
 * Key agreement to EC recipients (RFC 5652 §6.2.2 KeyAgreeRecipientInfo, RFC 5753 §3.1 ECDH
 * ephemeral-static): the sender makes a fresh key pair, sends its public half as originatorKey,
 * and both sides derive the key-encryption key from the ECDH secret with the X9.63 KDF named by
 * keyEncryptionAlgorithm; the content-encryption key travels AES-key-wrapped (RFC 3565).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import type { PrivateKeyHandle } from '../../keys/private-key-handle';
import { asBufferSource } from '../../rsa/buffer-source';
import { unwrapAesKey } from './aes-key-wrap';
import { buildKeyAgreeRecipientInfo } from './key-agree-recipient-info';
import { unwrapTripleDesKey } from './triple-des-key-wrap';
import { encodedBytesOf } from './cms-asn1';
import { deriveX963Key, encodeSharedInfo, type KdfHashName } from './key-derivation';
import { OID } from './object-identifiers';
import { CURVE_OIDS, type NamedCurve, type RecipientCertificate } from './recipient-certificate';
import { decryptX25519KeyAgreement } from './x25519-key-agreement';

/**
 * RFC 5753 §7.1.4 (and SEC 1): the standard and cofactor ECDH schemes are the same computation on
 * the NIST prime curves, whose cofactor is 1.
 */
const KDF_HASHES: Record<string, KdfHashName> = {
  [OID.dhSinglePassStdDhSha1Kdf]: 'SHA-1',
  [OID.dhSinglePassStdDhSha224Kdf]: 'SHA-224',
  [OID.dhSinglePassStdDhSha256Kdf]: 'SHA-256',
  [OID.dhSinglePassStdDhSha384Kdf]: 'SHA-384',
  [OID.dhSinglePassStdDhSha512Kdf]: 'SHA-512',
  '1.3.133.16.840.63.0.3': 'SHA-1',
  '1.3.132.1.14.0': 'SHA-224',
  '1.3.132.1.14.1': 'SHA-256',
  '1.3.132.1.14.2': 'SHA-384',
  '1.3.132.1.14.3': 'SHA-512',
};

const WRAP_KEY_LENGTHS: Record<string, number> = { [OID.aes128Wrap]: 16, [OID.aes192Wrap]: 24, [OID.aes256Wrap]: 32, [OID.tripleDesWrap]: 24 };
const SHARED_SECRET_BITS: Record<NamedCurve, number> = { 'P-256': 256, 'P-384': 384, 'P-521': 528 };

function readKeyWrapAlgorithm(parameters: unknown): { keyWrapDer: Uint8Array; keyLength: number; tripleDes: boolean } {
  if (!(parameters instanceof asn1js.Sequence)) throw new SignetError('malformed-cms', 'The key agreement algorithm names no key-wrap algorithm.');
  const keyWrapDer = encodedBytesOf(parameters);
  const wrapOid = parameters.valueBlock.value[0];
  const oid = wrapOid instanceof asn1js.ObjectIdentifier ? wrapOid.valueBlock.toString() : '';
  const keyLength = WRAP_KEY_LENGTHS[oid];
  if (keyLength === undefined) throw new SignetError('unsupported-algorithm', `Key wrap with ${oid || 'an unnamed algorithm'} is not supported.`);
  return { keyWrapDer, keyLength, tripleDes: oid === OID.tripleDesWrap };
}

/** The sender's ephemeral key as a SubjectPublicKeyInfo on the recipient's curve (RFC 5753 §3.1.1). */
function originatorSpki(originator: pkijs.OriginatorIdentifierOrKey, curve: NamedCurve): Uint8Array {
  if (originator.variant !== 3 || !(originator.value instanceof pkijs.OriginatorPublicKey)) {
    throw new SignetError('unsupported-algorithm', 'Only ephemeral-static ECDH (an originatorKey) is supported (RFC 5753 §3.1).');
  }
  const { algorithm, publicKey } = originator.value;
  if (algorithm.algorithmId !== OID.ecPublicKey) throw new SignetError('unsupported-algorithm', `The originator key is ${algorithm.algorithmId}, not an EC key.`);
  // RFC 5753 §7.1.2 lets the parameters be absent or NULL: the curve is then the recipient's.
  const parameters = algorithm.algorithmParams;
  if (parameters instanceof asn1js.ObjectIdentifier && parameters.valueBlock.toString() !== CURVE_OIDS[curve]) {
    throw new SignetError('decryption-failed', "The originator key is on another curve than the recipient's.");
  }
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.ecPublicKey }), new asn1js.ObjectIdentifier({ value: CURVE_OIDS[curve] })] }),
      new asn1js.BitString({ valueHex: publicKey.valueBlock.valueHexView }),
    ],
  });
  return new Uint8Array(spki.toBER());
}

export async function decryptKeyAgreement(
  info: pkijs.KeyAgreeRecipientInfo,
  encryptedKey: pkijs.RecipientEncryptedKey,
  key: PrivateKeyHandle,
  certificate: RecipientCertificate,
): Promise<{ contentKey: Uint8Array; keyManagement: string }> {
  // RFC 8418: an X25519 recipient has its own KDF and originator key (x25519-key-agreement.ts).
  if (certificate.keyType === 'X25519') return decryptX25519KeyAgreement(info, encryptedKey, key);
  if (key.keyType !== 'EC' || certificate.namedCurve === undefined) throw new SignetError('decryption-failed', 'This RecipientInfo needs an EC key.');
  const kdfHash = KDF_HASHES[info.keyEncryptionAlgorithm.algorithmId];
  if (kdfHash === undefined) {
    throw new SignetError('unsupported-algorithm', `Key agreement with ${info.keyEncryptionAlgorithm.algorithmId} is not supported.`);
  }
  const { keyWrapDer, keyLength, tripleDes } = readKeyWrapAlgorithm(info.keyEncryptionAlgorithm.algorithmParams);
  const sharedSecret = await key.deriveEcdhSecret(originatorSpki(info.originator, certificate.namedCurve));
  const userKeyingMaterial = info.ukm?.valueBlock.valueHexView;
  const sharedInfo = encodeSharedInfo(keyWrapDer, keyLength, userKeyingMaterial);
  const keyEncryptionKey = await deriveX963Key(kdfHash, sharedSecret, sharedInfo, keyLength);
  sharedSecret.fill(0);
  try {
    const wrapped = encryptedKey.encryptedKey.valueBlock.valueHexView;
    const contentKey = tripleDes ? await unwrapTripleDesKey(keyEncryptionKey, wrapped) : await unwrapAesKey(keyEncryptionKey, wrapped);
    const wrapName = tripleDes ? '3DES key wrap' : `AES-${keyLength * 8} key wrap`;
    return { contentKey, keyManagement: `ECDH (${certificate.namedCurve}, X9.63 KDF ${kdfHash}, ${wrapName})` };
  } finally {
    keyEncryptionKey.fill(0);
  }
}

/**
 * A KeyAgreeRecipientInfo (version 3) for one EC recipient: dhSinglePass-stdDH-sha256kdf-scheme
 * with the AES key wrap as large as the content key (RFC 5753 §7.1.4; RFC 8551 §2.7.1.2 asks for
 * matching strengths). No ukm unless given: the ephemeral key is fresh for every message already.
 */
export async function encryptKeyAgreement(
  certificate: RecipientCertificate,
  contentKey: Uint8Array,
  userKeyingMaterial?: Uint8Array,
): Promise<pkijs.RecipientInfo> {
  const curve = certificate.namedCurve;
  if (curve === undefined) throw new SignetError('recipient-certificate-unusable', `Can't encrypt to ${certificate.description}: unsupported curve.`);
  const recipientKey = await crypto.subtle.importKey('spki', asBufferSource(certificate.spki), { name: 'ECDH', namedCurve: curve }, false, []);
  const ephemeral = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: curve }, true, ['deriveBits'])) as CryptoKeyPair;
  const sharedSecret = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: recipientKey }, ephemeral.privateKey, SHARED_SECRET_BITS[curve]));
  const ephemeralPoint = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));

  return buildKeyAgreeRecipientInfo(certificate, contentKey, sharedSecret, ephemeralPoint, {
    originatorAlgorithmOid: OID.ecPublicKey,
    keyEncryptionAlgorithmOid: OID.dhSinglePassStdDhSha256Kdf,
    deriveKeyEncryptionKey: (secret, sharedInfo, length) => deriveX963Key('SHA-256', secret, sharedInfo, length),
  }, userKeyingMaterial);
}
