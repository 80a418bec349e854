/**
 * What a PKCS#8 private key is (RFC 5208 §5, RFC 8017 A.1.2, RFC 5915 §3), and whether Signet can
 * use it: RSA 2048..4096 bits, EC on P-256, P-384 or P-521 (the curves WebCrypto has), X25519
 * (RFC 8410 §7; key agreement only, for RFC 8418 mail) or Ed25519 (signing only, RFC 8419). Also a canonical form of its public key, so
 * the key is matched to its certificate by key, not by name.
 *
 *   PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
 *                                 privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL }
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import { bufferSource } from '../encoding/bytes';
import { encodeHex } from '../encoding/hex';
import { algorithmIdentifier, encodeDerSequence, encodeNode, objectIdentifier, octetStringBytes, parseBer, sequenceItems, smallInteger, unsignedIntegerBytes } from './asn1';
import { NAMED_CURVES, OID_EC_PUBLIC_KEY, OID_ED25519, OID_RSA_ENCRYPTION, OID_RSASSA_PSS, OID_X25519 } from './object-identifiers';

export const MIN_RSA_BITS = 2048;
export const MAX_RSA_BITS = 4096;

export interface PrivateKeyDescription {
  keyType: 'RSA' | 'EC';
  keySizeBits: number;
  /** X25519 and Ed25519 keys are described as keyType 'EC' on the curve 'X25519' or 'Ed25519'. */
  namedCurve?: 'P-256' | 'P-384' | 'P-521' | 'X25519' | 'Ed25519';
  /** `rsa:<n>:<e>`, `ec:<curve>:<x>:<y>` or `okp:<curve>:<x>`: equal strings mean the same key pair. */
  publicKeyIdentity: string;
}

function unsupported(message: string): SignetError {
  return new SignetError('unsupported-key', message);
}

/** Bit length of an unsigned big-endian integer without leading zero bytes. */
function bitLength(bytes: Uint8Array): number {
  if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === 0)) return 0;
  return (bytes.length - 1) * 8 + (32 - Math.clz32(bytes[0]));
}

export async function describePrivateKey(pkcs8: Uint8Array): Promise<PrivateKeyDescription> {
  const items = sequenceItems(parseBer(pkcs8, 'the private key'), 'PrivateKeyInfo', 3);
  const algorithm = algorithmIdentifier(items[1], 'private key algorithm');
  if (algorithm.oid === OID_RSA_ENCRYPTION) {
    // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... } (RFC 8017 A.1.2)
    const rsaItems = sequenceItems(parseBer(octetStringBytes(items[2], 'RSA private key'), 'the RSA private key'), 'RSAPrivateKey', 9);
    const modulus = unsignedIntegerBytes(rsaItems[1], 'RSA modulus');
    const exponent = unsignedIntegerBytes(rsaItems[2], 'RSA public exponent');
    const bits = bitLength(modulus);
    if (bits < MIN_RSA_BITS) {
      throw unsupported(`This is a ${bits}-bit RSA key. Keys under ${MIN_RSA_BITS} bits can be broken and are no longer accepted for signing or encryption (NIST SP 800-131A); ask your CA for a new digital ID.`);
    }
    if (bits > MAX_RSA_BITS) throw unsupported(`This is a ${bits}-bit RSA key; Signet supports RSA keys of ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits.`);
    return { keyType: 'RSA', keySizeBits: bits, publicKeyIdentity: `rsa:${encodeHex(modulus)}:${encodeHex(exponent)}` };
  }
  if (algorithm.oid === OID_EC_PUBLIC_KEY) {
    const curve = describeCurve(algorithm.parameters, octetStringBytes(items[2], 'EC private key'));
    const identity = await ecPublicKeyIdentity(pkcs8, 'pkcs8', curve.name);
    if (identity === undefined) throw new SignetError('corrupt-pkcs12', 'The EC private key is not valid for its curve.');
    return { keyType: 'EC', keySizeBits: curve.bits, namedCurve: curve.name, publicKeyIdentity: identity };
  }
  if (algorithm.oid === OID_RSASSA_PSS) throw unsupported('This RSA key is restricted to RSA-PSS (id-RSASSA-PSS), which Signet cannot import; export it as a plain RSA key.');
  if (algorithm.oid === OID_X25519 || algorithm.oid === OID_ED25519) {
    const curve = algorithm.oid === OID_X25519 ? 'X25519' : 'Ed25519';
    // RFC 8410 §7: the parameters MUST be absent; the private key is a 32-byte CurvePrivateKey.
    if (algorithm.parameters !== undefined) throw unsupported(`The ${curve} key carries algorithm parameters, which RFC 8410 §3 forbids.`);
    const identity = await okpPublicKeyIdentity(pkcs8, 'pkcs8', curve);
    if (identity === undefined) throw new SignetError('corrupt-pkcs12', `The ${curve} private key is not valid.`);
    return { keyType: 'EC', keySizeBits: 256, namedCurve: curve, publicKeyIdentity: identity };
  }
  throw unsupported(`The private key's algorithm (${algorithm.oid}) is not supported: Signet uses RSA and EC (P-256, P-384, P-521) keys.`);
}

/** The curve from the AlgorithmIdentifier, or from ECPrivateKey's [0] parameters (RFC 5915 §3). */
function describeCurve(parameters: asn1js.AsnType | undefined, ecPrivateKey: Uint8Array): { name: 'P-256' | 'P-384' | 'P-521'; bits: number } {
  let curveOid: string | undefined;
  if (parameters instanceof asn1js.ObjectIdentifier) {
    curveOid = objectIdentifier(parameters, 'named curve');
  } else {
    const inner = sequenceItems(parseBer(ecPrivateKey, 'the EC private key'), 'ECPrivateKey', 2);
    const tagged = inner.find((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 0);
    const first = (tagged?.valueBlock as { value?: asn1js.AsnType[] } | undefined)?.value?.[0];
    if (first instanceof asn1js.ObjectIdentifier) curveOid = objectIdentifier(first, 'named curve');
  }
  if (curveOid === undefined) throw unsupported('The EC key does not name its curve (explicit curve parameters are not supported).');
  const curve = NAMED_CURVES[curveOid];
  if (curve === undefined) throw unsupported(`The EC key's curve (${curveOid}) is not supported: Signet uses P-256, P-384 and P-521.`);
  return curve;
}

/**
 * The public point of an EC key as `ec:<curve>:<x>:<y>`, computed by WebCrypto (which derives it
 * from the private scalar when the PKCS#8 omits it). `undefined` when WebCrypto refuses the key.
 */
export async function ecPublicKeyIdentity(der: Uint8Array, format: 'pkcs8' | 'spki', curve: string): Promise<string | undefined> {
  try {
    const usages: KeyUsage[] = format === 'pkcs8' ? ['sign'] : ['verify'];
    const key = await crypto.subtle.importKey(format, bufferSource(der), { name: 'ECDSA', namedCurve: curve }, true, usages);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    return `ec:${curve}:${jwk.x}:${jwk.y}`;
  } catch {
    return undefined;
  }
}

/**
 * The public key of an X25519 or Ed25519 key (RFC 8410) as `okp:<curve>:<x>`, x the JWK's
 * base64url public key (RFC 8037 §2), computed by WebCrypto. `undefined` when WebCrypto refuses the
 * key; a WebCrypto without the curve at all (X25519 before Chrome 133 / Firefox 130, Ed25519 before
 * Chrome 137) is 'unsupported-key', not a corrupt file.
 */
export async function okpPublicKeyIdentity(der: Uint8Array, format: 'pkcs8' | 'spki', curve: 'X25519' | 'Ed25519'): Promise<string | undefined> {
  try {
    const usages: KeyUsage[] = format === 'spki' ? (curve === 'Ed25519' ? ['verify'] : []) : curve === 'Ed25519' ? ['sign'] : ['deriveBits'];
    const key = await crypto.subtle.importKey(format, bufferSource(der), { name: curve }, true, usages);
    const jwk = await crypto.subtle.exportKey('jwk', key);
    return jwk.x === undefined ? undefined : `okp:${curve}:${jwk.x}`;
  } catch (error) {
    if (error instanceof Error && error.name === 'NotSupportedError') {
      throw unsupported(`This browser's WebCrypto has no ${curve}, so this digital ID can't be used here.`);
    }
    return undefined;
  }
}

/**
 * The PKCS#8 as a plain v1 PrivateKeyInfo: version 0, algorithm, key, without the optional
 * attributes (Windows adds some) or a v2 public key (RFC 5958 §2). Every WebCrypto accepts that
 * form, so what is stored is what any browser can import.
 */
export function normalizePkcs8(pkcs8: Uint8Array): Uint8Array {
  const items = sequenceItems(parseBer(pkcs8, 'the private key'), 'PrivateKeyInfo', 3);
  if (items.length === 3 && smallInteger(items[0], 'PrivateKeyInfo version') === 0) return pkcs8;
  const versionZero = Uint8Array.of(0x02, 0x01, 0x00);
  return encodeDerSequence([versionZero, encodeNode(items[1]), encodeNode(items[2])]);
}
