/**
 * `PrivateKeyHandle` over stored `IdentityKeys`: the only way the engine uses a private key.
 * WebCrypto does what it can (signatures, OAEP with SHA-1 or SHA-256, ECDH, X25519); RSAES-PKCS1-v1_5 and
 * OAEP with other hash combinations unwrap the PKCS#8 into memory for that one call (RFC 8017
 * §7.2.2 / §7.1.2 in `src/crypto/rsa/rsa-private.ts`) and zero it afterwards.
 */
import { SignetError } from '../../shared/errors';
import { bufferSource } from '../encoding/bytes';
import { decryptRsaOaepWithPkcs8, decryptRsaPkcs1v15WithPkcs8 } from '../rsa/rsa-private';
import { encodeEcdsaSignatureDer } from './ecdsa-signature';
import type { EcIdentityKeys, Ed25519IdentityKeys, IdentityKeys, OaepHash, RsaIdentityKeys, SigningHash, X25519IdentityKeys } from './identity-keys';
import type { HashName, PrivateKeyHandle, SignatureScheme } from './private-key-handle';
import { unwrapPkcs8 } from './wrapped-pkcs8';

const HASH_BYTES: Record<HashName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

function signingHash(hash: HashName): SigningHash {
  if (hash === 'SHA-1') throw new SignetError('unsupported-algorithm', 'Signet does not sign with SHA-1 (it is broken for signatures); use SHA-256 or stronger.');
  return hash;
}

function wrongKeyType(operation: string, keys: IdentityKeys): SignetError {
  if (keys.keyType === 'X25519') {
    return new SignetError('unsupported-algorithm', `${operation} is not possible with this digital ID: its X25519 key only decrypts (RFC 8418 key agreement).`);
  }
  if (keys.keyType === 'Ed25519') {
    return new SignetError('unsupported-algorithm', `${operation} is not possible with this digital ID: its Ed25519 key only signs (RFC 8419).`);
  }
  return new SignetError('unsupported-algorithm', `${operation} needs ${keys.keyType === 'RSA' ? 'an EC' : 'an RSA'} key; this digital ID has an ${keys.keyType} key.`);
}

async function signWithRsa(keys: RsaIdentityKeys, scheme: SignatureScheme, hash: SigningHash, data: Uint8Array): Promise<Uint8Array> {
  if (scheme === 'RSASSA-PKCS1-v1_5') {
    return new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.pkcs1v15SigningKeys[hash], bufferSource(data)));
  }
  if (scheme === 'RSA-PSS') {
    return new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: HASH_BYTES[hash] }, keys.pssSigningKeys[hash], bufferSource(data)));
  }
  throw wrongKeyType('ECDSA', keys);
}

async function signWithEc(keys: EcIdentityKeys, scheme: SignatureScheme, hash: SigningHash, data: Uint8Array): Promise<Uint8Array> {
  if (scheme !== 'ECDSA') throw wrongKeyType(scheme, keys);
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash }, keys.ecdsaSigningKey, bufferSource(data)));
  return encodeEcdsaSignatureDer(raw);
}

/** RFC 8419 §3.1: pure Ed25519 over the signed attributes, whose messageDigest is SHA-512. */
async function signWithEd25519(keys: Ed25519IdentityKeys, scheme: SignatureScheme, hash: SigningHash, data: Uint8Array): Promise<Uint8Array> {
  if (scheme !== 'Ed25519') throw wrongKeyType(scheme, keys);
  if (hash !== 'SHA-512') throw new SignetError('unsupported-algorithm', 'Ed25519 signatures go with SHA-512 message digests (RFC 8419 §3.1).');
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, keys.ed25519SigningKey, bufferSource(data)));
}

/** Runs `operation` on the unwrapped PKCS#8 and zeroes it whatever happens. */
async function withPkcs8<Result>(keys: RsaIdentityKeys, operation: (pkcs8: Uint8Array) => Promise<Result>): Promise<Result> {
  const pkcs8 = await unwrapPkcs8(keys.wrappedPkcs8);
  try {
    return await operation(pkcs8);
  } finally {
    pkcs8.fill(0);
  }
}

function isWebCryptoOaepHash(hash: HashName): hash is OaepHash {
  return hash === 'SHA-1' || hash === 'SHA-256';
}

async function decryptOaep(keys: RsaIdentityKeys, encryptedKey: Uint8Array, hash: HashName, mgf1Hash: HashName, label?: Uint8Array): Promise<Uint8Array> {
  if (hash === mgf1Hash && isWebCryptoOaepHash(hash)) {
    try {
      const parameters: RsaOaepParams = { name: 'RSA-OAEP', ...(label && label.length > 0 ? { label: bufferSource(label) } : {}) };
      return new Uint8Array(await crypto.subtle.decrypt(parameters, keys.oaepDecryptionKeys[hash], bufferSource(encryptedKey)));
    } catch {
      // One error whatever went wrong (RFC 8017 §7.1.2 note: no Manger oracle).
      throw new SignetError('decryption-failed', 'The RSA-OAEP encrypted key could not be decrypted with this key.');
    }
  }
  return withPkcs8(keys, (pkcs8) => decryptRsaOaepWithPkcs8(pkcs8, encryptedKey, hash, mgf1Hash, label));
}

async function deriveEcdh(keys: EcIdentityKeys, originatorPublicKeySpki: Uint8Array): Promise<Uint8Array> {
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('spki', bufferSource(originatorPublicKeySpki), { name: 'ECDH', namedCurve: keys.namedCurve }, false, []);
  } catch {
    throw new SignetError('decryption-failed', `The sender's ephemeral key is not a valid ${keys.namedCurve} public key.`);
  }
  // Z is the x-coordinate, as long as the field: 32, 48 or 66 bytes (SEC 1 §3.3.1).
  const bits = Math.ceil(keys.keySizeBits / 8) * 8;
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, keys.ecdhKey, bits));
}

/**
 * X25519 (RFC 7748 §6.1, RFC 8418 §2): the 32-byte shared secret with the originator's ephemeral
 * key (SPKI with id-X25519). An all-zero result means a low-order public key, which RFC 7748 §6.1
 * tells us to refuse.
 */
async function deriveX25519(keys: X25519IdentityKeys, originatorPublicKeySpki: Uint8Array): Promise<Uint8Array> {
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('spki', bufferSource(originatorPublicKeySpki), { name: 'X25519' }, false, []);
  } catch {
    throw new SignetError('decryption-failed', "The sender's ephemeral key is not a valid X25519 public key.");
  }
  let secret: Uint8Array;
  try {
    secret = new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: publicKey }, keys.x25519Key, 256));
  } catch {
    // WebCrypto itself refuses the all-zero output of a low-order point (Node: OperationError).
    throw new SignetError('decryption-failed', "The sender's ephemeral X25519 key is a low-order point (RFC 7748 §6.1).");
  }
  if (secret.every((byte) => byte === 0)) throw new SignetError('decryption-failed', "The sender's ephemeral X25519 key is a low-order point (RFC 7748 §6.1).");
  return secret;
}

export function createPrivateKeyHandle(keys: IdentityKeys): PrivateKeyHandle {
  return {
    // X25519 and Ed25519 keys are elliptic-curve keys to the rest of Signet, on those curves.
    keyType: keys.keyType === 'RSA' ? 'RSA' : 'EC',
    keySizeBits: keys.keySizeBits,
    ...(keys.keyType === 'EC' ? { namedCurve: keys.namedCurve } : keys.keyType === 'RSA' ? {} : { namedCurve: keys.keyType }),

    async sign(scheme, hash, data) {
      const checkedHash = signingHash(hash);
      if (keys.keyType === 'X25519') throw wrongKeyType(`Signing (${scheme})`, keys);
      if (keys.keyType === 'Ed25519') return signWithEd25519(keys, scheme, checkedHash, data);
      return keys.keyType === 'RSA' ? signWithRsa(keys, scheme, checkedHash, data) : signWithEc(keys, scheme, checkedHash, data);
    },

    async decryptRsaPkcs1v15(encryptedKey, expectedLength) {
      if (keys.keyType !== 'RSA') throw wrongKeyType('RSA key transport', keys);
      return withPkcs8(keys, (pkcs8) => decryptRsaPkcs1v15WithPkcs8(pkcs8, encryptedKey, expectedLength));
    },

    async decryptRsaOaep(encryptedKey, hash, mgf1Hash, label) {
      if (keys.keyType !== 'RSA') throw wrongKeyType('RSA-OAEP key transport', keys);
      return decryptOaep(keys, encryptedKey, hash, mgf1Hash, label);
    },

    async deriveEcdhSecret(originatorPublicKeySpki) {
      if (keys.keyType === 'X25519') return deriveX25519(keys, originatorPublicKeySpki);
      if (keys.keyType !== 'EC') throw wrongKeyType('ECDH key agreement', keys);
      return deriveEcdh(keys, originatorPublicKeySpki);
    },
  };
}
