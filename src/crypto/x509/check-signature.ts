import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describeSignatureAlgorithm, type SignatureAlgorithm } from './signature-algorithms';

/**
 * Checks the signature on a certificate, CRL or OCSP response (RFC 5280 §6.1.3 (a)(1), §6.3.3 (f))
 * with the issuer's public key through WebCrypto, which works the same in Node and in the service
 * worker. The answer says why when it can't say yes, so the caller can tell a forged certificate
 * (bad) from an algorithm the policy refuses (MD5) or one WebCrypto lacks (DSA).
 */
export type SignatureCheck =
  | { outcome: 'good'; algorithm: Extract<SignatureAlgorithm, { kind: 'usable' }> }
  | { outcome: 'bad' | 'refused' | 'unsupported'; algorithmName: string; detail: string };

export interface PublicKeyDescription {
  type: 'RSA' | 'EC' | 'Ed25519' | 'DSA' | 'unknown';
  sizeBits: number;
  namedCurve?: string;
}

const CURVES: Record<string, { name: string; bits: number; bytes: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256, bytes: 32 },
  '1.3.132.0.34': { name: 'P-384', bits: 384, bytes: 48 },
  '1.3.132.0.35': { name: 'P-521', bits: 521, bytes: 66 },
};

const RSA_KEY = '1.2.840.113549.1.1.1';
const RSA_PSS_KEY = '1.2.840.113549.1.1.10';
const EC_KEY = '1.2.840.10045.2.1';
const ED25519_KEY = '1.3.101.112';
const DSA_KEY = '1.2.840.10040.4.1';

export function describePublicKey(key: pkijs.PublicKeyInfo): PublicKeyDescription {
  const oid = key.algorithm.algorithmId;
  if (oid === RSA_KEY || oid === RSA_PSS_KEY) {
    try {
      const asn1 = asn1js.fromBER(key.subjectPublicKey.valueBlock.valueHexView);
      const rsa = new pkijs.RSAPublicKey({ schema: asn1.result });
      return { type: 'RSA', sizeBits: unsignedBitLength(rsa.modulus.valueBlock.valueHexView) };
    } catch {
      return { type: 'RSA', sizeBits: 0 };
    }
  }
  if (oid === EC_KEY) {
    const curveOid = key.algorithm.algorithmParams instanceof asn1js.ObjectIdentifier ? key.algorithm.algorithmParams.valueBlock.toString() : '';
    const curve = CURVES[curveOid];
    return { type: 'EC', sizeBits: curve?.bits ?? 0, namedCurve: curve?.name };
  }
  if (oid === ED25519_KEY) return { type: 'Ed25519', sizeBits: 256 };
  if (oid === DSA_KEY) return { type: 'DSA', sizeBits: 0 };
  return { type: 'unknown', sizeBits: 0 };
}

function unsignedBitLength(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length && bytes[index] === 0) index += 1;
  if (index === bytes.length) return 0;
  return (bytes.length - index - 1) * 8 + (32 - Math.clz32(bytes[index]));
}

/**
 * Checks are remembered per signed object and key object (both come from records parsed once),
 * so path building and CRL checks that meet the same pair again don't pay for it twice.
 */
const remembered = new WeakMap<asn1js.BitString, WeakMap<pkijs.PublicKeyInfo, Promise<SignatureCheck>>>();

export function checkSignature(
  signedBytes: Uint8Array,
  algorithmIdentifier: pkijs.AlgorithmIdentifier,
  signatureValue: asn1js.BitString,
  issuerKey: pkijs.PublicKeyInfo,
): Promise<SignatureCheck> {
  let byKey = remembered.get(signatureValue);
  if (!byKey) {
    byKey = new WeakMap();
    remembered.set(signatureValue, byKey);
  }
  let check = byKey.get(issuerKey);
  if (!check) {
    check = checkSignatureNow(signedBytes, algorithmIdentifier, signatureValue, issuerKey);
    byKey.set(issuerKey, check);
  }
  return check;
}

async function checkSignatureNow(
  signedBytes: Uint8Array,
  algorithmIdentifier: pkijs.AlgorithmIdentifier,
  signatureValue: asn1js.BitString,
  issuerKey: pkijs.PublicKeyInfo,
): Promise<SignatureCheck> {
  const algorithm = describeSignatureAlgorithm(algorithmIdentifier);
  if (algorithm.kind === 'refused') {
    return { outcome: 'refused', algorithmName: algorithm.name, detail: `${algorithm.name} is refused (MD5/MD2 signatures can be forged).` };
  }
  if (algorithm.kind === 'unsupported' || algorithm.scheme === 'dsa') {
    return { outcome: 'unsupported', algorithmName: algorithm.name, detail: `${algorithm.name} can't be checked (WebCrypto has no such algorithm).` };
  }
  const signature: Uint8Array<ArrayBuffer> = new Uint8Array(signatureValue.valueBlock.valueHexView);
  const spki: Uint8Array<ArrayBuffer> = new Uint8Array(issuerKey.toSchema().toBER(false));
  const keyType = describePublicKey(issuerKey);
  try {
    const good = await verifyWithWebCrypto(algorithm, keyType, spki, signature, new Uint8Array(signedBytes));
    if (good) return { outcome: 'good', algorithm };
    return { outcome: 'bad', algorithmName: algorithm.name, detail: 'The signature does not match the issuer key.' };
  } catch (error) {
    // A key of the wrong type for the algorithm, a malformed key or signature: not a good signature.
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: 'bad', algorithmName: algorithm.name, detail: `The signature could not be checked with the issuer key: ${message}` };
  }
}

async function verifyWithWebCrypto(
  algorithm: Extract<SignatureAlgorithm, { kind: 'usable' }>,
  keyType: PublicKeyDescription,
  spki: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  switch (algorithm.scheme) {
    case 'rsa-pkcs1': {
      if (keyType.type !== 'RSA') return false;
      const key = await importVerificationKey(spki, { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash });
      return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data);
    }
    case 'rsa-pss': {
      if (keyType.type !== 'RSA') return false;
      const key = await importVerificationKey(spki, { name: 'RSA-PSS', hash: algorithm.hash });
      return crypto.subtle.verify({ name: 'RSA-PSS', saltLength: algorithm.saltLength ?? 20 }, key, signature, data);
    }
    case 'ecdsa': {
      if (keyType.type !== 'EC' || !keyType.namedCurve) return false;
      const size = CURVES_BY_NAME[keyType.namedCurve];
      const raw = ecdsaDerToRaw(signature, size);
      if (!raw) return false;
      const key = await importVerificationKey(spki, { name: 'ECDSA', namedCurve: keyType.namedCurve });
      return crypto.subtle.verify({ name: 'ECDSA', hash: algorithm.hash }, key, raw, data);
    }
    case 'ed25519': {
      if (keyType.type !== 'Ed25519') return false;
      const key = await importVerificationKey(spki, { name: 'Ed25519' });
      return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, data);
    }
    default:
      return false;
  }
}

/**
 * Imported public keys, by algorithm and SPKI. Importing an RSA key costs Node's WebCrypto
 * milliseconds, and the same CA keys come back in every verification; they are public, so
 * keeping a bounded number of them is harmless.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>();
const MAX_IMPORTED_KEYS = 256;

function importVerificationKey(spki: Uint8Array<ArrayBuffer>, algorithm: { name: string; hash?: string; namedCurve?: string }): Promise<CryptoKey> {
  let hex = '';
  for (const byte of spki) hex += byte.toString(16).padStart(2, '0');
  const cacheKey = `${algorithm.name}|${algorithm.hash ?? ''}|${algorithm.namedCurve ?? ''}|${hex}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.delete(importedKeys.keys().next().value as string);
    key = crypto.subtle.importKey('spki', spki, algorithm, false, ['verify']);
    // A failed import is not remembered: the next attempt says why again.
    key.catch(() => importedKeys.delete(cacheKey));
    importedKeys.set(cacheKey, key);
  }
  return key;
}

const CURVES_BY_NAME: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** X.509 carries ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3); WebCrypto wants r||s. */
function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array<ArrayBuffer> | undefined {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const parts = parsed.result.valueBlock.value;
  if (parts.length !== 2 || !parts.every((part) => part instanceof asn1js.Integer)) return undefined;
  const raw = new Uint8Array(size * 2);
  for (const [index, part] of parts.entries()) {
    let bytes = (part as asn1js.Integer).valueBlock.valueHexView;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) return undefined;
    raw.set(bytes, index * size + (size - bytes.length));
  }
  return raw;
}
