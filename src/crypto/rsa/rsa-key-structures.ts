/**
 * Reads RSA keys out of their DER containers with asn1js:
 *
 *   PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier,
 *                                 privateKey OCTET STRING, ... }                 -- RFC 5208 §5
 *   RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent,
 *                                prime1, prime2, exponent1, exponent2, coefficient, ... } -- RFC 8017 A.1.2
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING } -- RFC 5280 §4.1
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }   -- RFC 8017 A.1.1
 *
 * Integers are read as unsigned bytes: a DER INTEGER whose encoder dropped the leading 0x00 would
 * otherwise come out negative (PKIJS-NOTES.md, traps).
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import { bytesToBigInt, byteLengthOf } from './big-integer';

export interface RsaPublicKey {
  modulus: bigint;
  publicExponent: bigint;
  /** k of RFC 8017: the modulus length in bytes. */
  modulusLength: number;
}

export interface RsaPrivateKey extends RsaPublicKey {
  privateExponent: bigint;
  prime1: bigint;
  prime2: bigint;
  exponent1: bigint;
  exponent2: bigint;
  coefficient: bigint;
}

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const RSAES_OAEP = '1.2.840.113549.1.1.7';
const RSA_ALGORITHMS = new Set([RSA_ENCRYPTION, RSASSA_PSS, RSAES_OAEP]);

/** Keys are small; these limits stop a hostile blob from costing anything. */
const KEY_PARSE_LIMITS = { maxDepth: 8, maxNodes: 64, maxContentLength: 64 * 1024 };

function parseDer(der: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(der, KEY_PARSE_LIMITS);
  if (parsed.offset === -1) throw new SignetError('unsupported-key', `The ${what} is not valid DER.`);
  return parsed.result;
}

function sequenceItems(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Sequence)) throw new SignetError('unsupported-key', `The ${what} is not a SEQUENCE.`);
  return node.valueBlock.value as asn1js.AsnType[];
}

function unsignedInteger(node: asn1js.AsnType | undefined, what: string): bigint {
  if (!(node instanceof asn1js.Integer)) throw new SignetError('unsupported-key', `The ${what} is not an INTEGER.`);
  return bytesToBigInt(node.valueBlock.valueHexView);
}

function algorithmOid(node: asn1js.AsnType | undefined, what: string): string {
  const [oid] = sequenceItems(node, what);
  if (!(oid instanceof asn1js.ObjectIdentifier)) throw new SignetError('unsupported-key', `The ${what} has no OID.`);
  return oid.valueBlock.toString();
}

/** RSAPrivateKey from a PKCS#8 PrivateKeyInfo; throws `unsupported-key` for anything else. */
export function readRsaPrivateKeyFromPkcs8(pkcs8: Uint8Array): RsaPrivateKey {
  const [, algorithm, privateKey] = sequenceItems(parseDer(pkcs8, 'PKCS#8 key'), 'PKCS#8 key');
  if (!RSA_ALGORITHMS.has(algorithmOid(algorithm, 'PKCS#8 key algorithm'))) {
    throw new SignetError('unsupported-key', 'The PKCS#8 key is not an RSA key.');
  }
  if (!(privateKey instanceof asn1js.OctetString) || privateKey.idBlock.isConstructed) {
    throw new SignetError('unsupported-key', 'The PKCS#8 key has no RSAPrivateKey.');
  }
  const fields = sequenceItems(parseDer(privateKey.valueBlock.valueHexView, 'RSAPrivateKey'), 'RSAPrivateKey');
  const names = ['modulus', 'publicExponent', 'privateExponent', 'prime1', 'prime2', 'exponent1', 'exponent2', 'coefficient'] as const;
  const values = names.map((name, index) => unsignedInteger(fields[index + 1], `RSAPrivateKey ${name}`));
  const [modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient] = values;
  if (modulus < 2n ** 511n || prime1 * prime2 !== modulus) {
    throw new SignetError('unsupported-key', 'The RSA private key is inconsistent (modulus is not prime1 × prime2).');
  }
  return {
    modulus,
    publicExponent,
    privateExponent,
    prime1,
    prime2,
    exponent1,
    exponent2,
    coefficient,
    modulusLength: byteLengthOf(modulus),
  };
}

/** RSAPublicKey from a SubjectPublicKeyInfo (a certificate's subjectPublicKeyInfo DER). */
export function readRsaPublicKeyFromSpki(spki: Uint8Array): RsaPublicKey {
  const [algorithm, subjectPublicKey] = sequenceItems(parseDer(spki, 'public key'), 'public key');
  if (!RSA_ALGORITHMS.has(algorithmOid(algorithm, 'public key algorithm'))) {
    throw new SignetError('unsupported-key', 'The public key is not an RSA key.');
  }
  if (!(subjectPublicKey instanceof asn1js.BitString)) {
    throw new SignetError('unsupported-key', 'The public key has no BIT STRING.');
  }
  const fields = sequenceItems(parseDer(subjectPublicKey.valueBlock.valueHexView, 'RSAPublicKey'), 'RSAPublicKey');
  const modulus = unsignedInteger(fields[0], 'RSA modulus');
  const publicExponent = unsignedInteger(fields[1], 'RSA public exponent');
  if (modulus < 2n ** 511n || publicExponent < 3n || publicExponent % 2n === 0n) {
    throw new SignetError('unsupported-key', 'The RSA public key is not usable (modulus or exponent out of range).');
  }
  return { modulus, publicExponent, modulusLength: byteLengthOf(modulus) };
}
