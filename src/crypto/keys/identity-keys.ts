/**
 * A digital ID's private key as non-extractable WebCrypto keys (DESIGN.md, security model 1).
 * WebCrypto binds the hash to an RSA key at import, so there is one key per scheme and hash; EC
 * keys carry one ECDSA key (the hash is chosen per signature) and one ECDH key; X25519 keys (RFC
 * 8418 key agreement) one X25519 key, Ed25519 keys (RFC 8419) one signing key. For RSA the PKCS#8
 * is also kept, encrypted under a non-extractable AES-GCM key, for PKCS#1 v1.5 key transport and
 * OAEP hash combinations WebCrypto lacks.
 *
 * `IdentityKeys` is plain data (CryptoKeys, Uint8Arrays, strings, numbers): structured-cloneable,
 * so the background stores it in IndexedDB as is and never sees key bytes again.
 */
import { SignetError } from '../../shared/errors';
import { bufferSource } from '../encoding/bytes';
import type { DigitalId } from '../pkcs12/digital-id';
import { createPrivateKeyHandle } from './private-key-handle-from-identity';
import type { PrivateKeyHandle } from './private-key-handle';
import { wrapPkcs8, type WrappedPkcs8 } from './wrapped-pkcs8';
import { describePrivateKey } from '../pkcs12/private-key-info';

export { createPrivateKeyHandle } from './private-key-handle-from-identity';
export type { WrappedPkcs8 } from './wrapped-pkcs8';

/** Hashes Signet signs with (SHA-1 only verifies, never signs: DESIGN.md, algorithm policy). */
export const SIGNING_HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
export type SigningHash = (typeof SIGNING_HASHES)[number];
/** OAEP hashes WebCrypto can do for us (same hash for MGF1); others go through the wrapped PKCS#8. */
export const OAEP_HASHES = ['SHA-1', 'SHA-256'] as const;
export type OaepHash = (typeof OAEP_HASHES)[number];

export interface RsaIdentityKeys {
  keyType: 'RSA';
  keySizeBits: number;
  /** RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), one key per hash. */
  pkcs1v15SigningKeys: Record<SigningHash, CryptoKey>;
  /** RSASSA-PSS (RFC 8017 §8.1, salt length = hash length as RFC 4055 §3.1 advises), one key per hash. */
  pssSigningKeys: Record<SigningHash, CryptoKey>;
  /** RSAES-OAEP (RFC 8017 §7.1) with MGF1 of the same hash. */
  oaepDecryptionKeys: Record<OaepHash, CryptoKey>;
  wrappedPkcs8: WrappedPkcs8;
}

export interface EcIdentityKeys {
  keyType: 'EC';
  keySizeBits: number;
  namedCurve: 'P-256' | 'P-384' | 'P-521';
  ecdsaSigningKey: CryptoKey;
  /** ECDH (RFC 5753 §3.1), for deriveBits only. */
  ecdhKey: CryptoKey;
}

/**
 * An X25519 digital ID (a DigitalId of keyType 'EC' on the curve 'X25519'): it decrypts mail sent
 * with RFC 8418 key agreement and signs nothing (X25519 is not a signature algorithm).
 */
export interface X25519IdentityKeys {
  keyType: 'X25519';
  keySizeBits: number;
  /** X25519 (RFC 7748 §6.1), for deriveBits only. */
  x25519Key: CryptoKey;
}

/** An Ed25519 digital ID (keyType 'EC' on the curve 'Ed25519'): it signs (RFC 8419) and decrypts nothing. */
export interface Ed25519IdentityKeys {
  keyType: 'Ed25519';
  keySizeBits: number;
  /** Pure Ed25519 (RFC 8032 §5.1), for sign only. */
  ed25519SigningKey: CryptoKey;
}

export type IdentityKeys = RsaIdentityKeys | EcIdentityKeys | X25519IdentityKeys | Ed25519IdentityKeys;

function importPkcs8(pkcs8: Uint8Array, algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm, usages: KeyUsage[]): Promise<CryptoKey> {
  // extractable: false — no page, no extension code, not even Signet can read the key back.
  return crypto.subtle.importKey('pkcs8', bufferSource(pkcs8), algorithm, false, usages);
}

async function importRsaKeys(pkcs8: Uint8Array, keySizeBits: number): Promise<RsaIdentityKeys> {
  const perHash = async <Hash extends string>(hashes: readonly Hash[], name: string, usage: KeyUsage): Promise<Record<Hash, CryptoKey>> => {
    const keys = {} as Record<Hash, CryptoKey>;
    for (const hash of hashes) keys[hash] = await importPkcs8(pkcs8, { name, hash }, [usage]);
    return keys;
  };
  return {
    keyType: 'RSA',
    keySizeBits,
    pkcs1v15SigningKeys: await perHash(SIGNING_HASHES, 'RSASSA-PKCS1-v1_5', 'sign'),
    pssSigningKeys: await perHash(SIGNING_HASHES, 'RSA-PSS', 'sign'),
    oaepDecryptionKeys: await perHash(OAEP_HASHES, 'RSA-OAEP', 'decrypt'),
    wrappedPkcs8: await wrapPkcs8(pkcs8),
  };
}

async function importX25519Keys(pkcs8: Uint8Array, keySizeBits: number): Promise<X25519IdentityKeys> {
  return { keyType: 'X25519', keySizeBits, x25519Key: await importPkcs8(pkcs8, { name: 'X25519' }, ['deriveBits']) };
}

async function importEcKeys(pkcs8: Uint8Array, keySizeBits: number, namedCurve: string): Promise<EcIdentityKeys | X25519IdentityKeys | Ed25519IdentityKeys> {
  if (namedCurve === 'X25519') return importX25519Keys(pkcs8, keySizeBits);
  if (namedCurve === 'Ed25519') return { keyType: 'Ed25519', keySizeBits, ed25519SigningKey: await importPkcs8(pkcs8, { name: 'Ed25519' }, ['sign']) };
  if (namedCurve !== 'P-256' && namedCurve !== 'P-384' && namedCurve !== 'P-521') {
    throw new SignetError('unsupported-key', `The EC curve ${namedCurve} is not supported.`);
  }
  return {
    keyType: 'EC',
    keySizeBits,
    namedCurve,
    ecdsaSigningKey: await importPkcs8(pkcs8, { name: 'ECDSA', namedCurve }, ['sign']),
    ecdhKey: await importPkcs8(pkcs8, { name: 'ECDH', namedCurve }, ['deriveBits']),
  };
}

/**
 * Turns a digital ID's PKCS#8 into non-extractable keys. The caller should zero
 * `digitalId.privateKeyPkcs8` afterwards (this function leaves its input alone).
 */
export async function importIdentityKeys(digitalId: DigitalId): Promise<IdentityKeys> {
  try {
    if (digitalId.keyType === 'RSA') return await importRsaKeys(digitalId.privateKeyPkcs8, digitalId.keySizeBits);
    return await importEcKeys(digitalId.privateKeyPkcs8, digitalId.keySizeBits, digitalId.namedCurve ?? '');
  } catch (error) {
    if (error instanceof SignetError) throw error;
    throw new SignetError('unsupported-key', `The private key could not be imported into WebCrypto: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A handle over a bare PKCS#8 (the CLI, tests): describes the key (RSA 2048..4096, EC P-256/384/521,
 * X25519, Ed25519, else 'unsupported-key') and imports it like a digital ID.
 */
export async function createPrivateKeyHandleFromPkcs8(pkcs8: Uint8Array): Promise<PrivateKeyHandle> {
  const description = await describePrivateKey(pkcs8);
  const keys = await importIdentityKeys({
    certificates: [],
    privateKeyPkcs8: pkcs8,
    keyType: description.keyType,
    keySizeBits: description.keySizeBits,
    ...(description.namedCurve === undefined ? {} : { namedCurve: description.namedCurve }),
  });
  return createPrivateKeyHandle(keys);
}
