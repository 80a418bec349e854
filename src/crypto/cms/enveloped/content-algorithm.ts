/**
 * The content-encryption algorithms Signet reads and writes, from their AlgorithmIdentifier:
 *
 *   AES-CBC  (RFC 3565 §4.1):  parameters AES-IV ::= OCTET STRING (SIZE(16))
 *   AES-GCM  (RFC 5084 §3.2):  GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING,
 *                                                   aes-ICVlen INTEGER DEFAULT 12 }
 *   ChaCha20-Poly1305 (RFC 8103 §6, AuthEnvelopedData only):
 *            AEADChaCha20Poly1305Nonce ::= OCTET STRING (SIZE(12)); 256-bit key, 16-byte tag
 *   DES-EDE3-CBC (RFC 3370 §5.1): IV ::= OCTET STRING (SIZE(8))
 *   RC2-CBC  (RFC 3370 §5.2, RFC 8018 appendix B.2.3):
 *            RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL, iv OCTET STRING }
 *
 * DES-EDE3 and RC2 are for reading old mail only and make the report say weak encryption.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import { bytesToBigInt } from '../../rsa/big-integer';
import { OID } from './object-identifiers';

export type ContentCipher = 'aes-cbc' | 'aes-gcm' | 'chacha20-poly1305' | 'des-ede3-cbc' | 'rc2-cbc';

export interface ContentAlgorithm {
  cipher: ContentCipher;
  /** For the report: 'AES-256-CBC', 'AES-128-GCM', 'DES-EDE3-CBC', 'RC2-CBC-40'... */
  name: string;
  /** The content-encryption key length in bytes (what key transport must deliver). */
  keyLength: number;
  /** The IV, or the GCM or ChaCha20-Poly1305 nonce. */
  iv: Uint8Array;
  /** GCM and ChaCha20-Poly1305: the authentication tag length in bytes. */
  tagLength?: number;
  /** RC2: effective key bits (RFC 2268 §2). */
  effectiveKeyBits?: number;
  weak: boolean;
}

const AES_CBC_KEY_LENGTHS: Record<string, number> = { [OID.aes128Cbc]: 16, [OID.aes192Cbc]: 24, [OID.aes256Cbc]: 32 };
const AES_GCM_KEY_LENGTHS: Record<string, number> = { [OID.aes128Gcm]: 16, [OID.aes192Gcm]: 24, [OID.aes256Gcm]: 32 };

/**
 * RFC 8018 appendix B.2.3 (RFC 2268 §6): rc2ParameterVersion encodes the effective key bits;
 * 160, 120 and 58 stand for 40, 64 and 128 bits, a version of 256 or more is the bit count itself,
 * and an absent version means 32 bits. These are the only values mail clients wrote.
 */
const RC2_VERSION_TO_BITS: Record<number, number> = { 160: 40, 120: 64, 58: 128 };
export const RC2_BITS_TO_VERSION: Record<number, number> = { 40: 160, 64: 120, 128: 58 };

function unsupported(algorithmId: string): never {
  throw new SignetError('unsupported-algorithm', `The content is encrypted with an algorithm Signet does not read (${algorithmId}).`);
}

function malformed(what: string): never {
  throw new SignetError('malformed-cms', `The content-encryption parameters are malformed: ${what}.`);
}

function readIv(parameters: unknown, length: number, what: string): Uint8Array {
  if (!(parameters instanceof asn1js.OctetString) || parameters.idBlock.isConstructed) malformed(`${what} has no IV`);
  const iv = parameters.valueBlock.valueHexView;
  if (iv.length !== length) malformed(`${what} needs a ${length}-byte IV, not ${iv.length} bytes`);
  return iv;
}

function readGcmParameters(parameters: unknown): { nonce: Uint8Array; tagLength: number } {
  if (!(parameters instanceof asn1js.Sequence)) malformed('AES-GCM has no GCMParameters');
  const [nonceNode, tagLengthNode] = parameters.valueBlock.value;
  if (!(nonceNode instanceof asn1js.OctetString) || nonceNode.valueBlock.valueHexView.length === 0) malformed('AES-GCM has no nonce');
  let tagLength = 12;
  if (tagLengthNode !== undefined) {
    if (!(tagLengthNode instanceof asn1js.Integer)) malformed('aes-ICVlen is not an INTEGER');
    tagLength = Number(bytesToBigInt(tagLengthNode.valueBlock.valueHexView));
  }
  // RFC 5084 §3.2: AES-GCM-ICVlen ::= INTEGER (12 | 13 | 14 | 15 | 16).
  if (tagLength < 12 || tagLength > 16) malformed(`aes-ICVlen ${tagLength} is not 12 to 16`);
  return { nonce: nonceNode.valueBlock.valueHexView, tagLength };
}

function readRc2Parameters(parameters: unknown): { iv: Uint8Array; effectiveKeyBits: number } {
  // Some very old writers put the bare IV where the SEQUENCE belongs: RFC 2268's default, 32 bits.
  if (parameters instanceof asn1js.OctetString) return { iv: readIv(parameters, 8, 'RC2-CBC'), effectiveKeyBits: 32 };
  if (!(parameters instanceof asn1js.Sequence)) malformed('RC2-CBC has no parameters');
  const items = parameters.valueBlock.value;
  const hasVersion = items[0] instanceof asn1js.Integer;
  const iv = readIv(items[hasVersion ? 1 : 0], 8, 'RC2-CBC');
  if (!hasVersion) return { iv, effectiveKeyBits: 32 };
  const version = Number(bytesToBigInt((items[0] as asn1js.Integer).valueBlock.valueHexView));
  const effectiveKeyBits = version >= 256 ? version : RC2_VERSION_TO_BITS[version];
  if (effectiveKeyBits === undefined || effectiveKeyBits > 1024) malformed(`RC2 parameter version ${version} is not one RFC 8018 defines`);
  return { iv, effectiveKeyBits };
}

export function readContentAlgorithm(algorithm: pkijs.AlgorithmIdentifier): ContentAlgorithm {
  const { algorithmId, algorithmParams } = algorithm;
  const cbcKeyLength = AES_CBC_KEY_LENGTHS[algorithmId];
  if (cbcKeyLength !== undefined) {
    return { cipher: 'aes-cbc', name: `AES-${cbcKeyLength * 8}-CBC`, keyLength: cbcKeyLength, iv: readIv(algorithmParams, 16, 'AES-CBC'), weak: false };
  }
  const gcmKeyLength = AES_GCM_KEY_LENGTHS[algorithmId];
  if (gcmKeyLength !== undefined) {
    const { nonce, tagLength } = readGcmParameters(algorithmParams);
    return { cipher: 'aes-gcm', name: `AES-${gcmKeyLength * 8}-GCM`, keyLength: gcmKeyLength, iv: nonce, tagLength, weak: false };
  }
  if (algorithmId === OID.chacha20Poly1305) {
    return { cipher: 'chacha20-poly1305', name: 'ChaCha20-Poly1305', keyLength: 32, iv: readIv(algorithmParams, 12, 'ChaCha20-Poly1305'), tagLength: 16, weak: false };
  }
  if (algorithmId === OID.desEde3Cbc) {
    return { cipher: 'des-ede3-cbc', name: 'DES-EDE3-CBC', keyLength: 24, iv: readIv(algorithmParams, 8, 'DES-EDE3-CBC'), weak: true };
  }
  if (algorithmId === OID.rc2Cbc) {
    const { iv, effectiveKeyBits } = readRc2Parameters(algorithmParams);
    // Mail clients used a key as long as the effective bits (OpenSSL, Outlook); a 32-bit RC2 key is
    // the RFC's default for an absent version.
    return { cipher: 'rc2-cbc', name: `RC2-CBC-${effectiveKeyBits}`, keyLength: Math.ceil(effectiveKeyBits / 8), iv, effectiveKeyBits, weak: true };
  }
  return unsupported(algorithmId);
}

/** RFC 5083 §2.1: AuthEnvelopedData needs an authenticated-encryption algorithm. */
export function isAuthenticatedCipher(algorithm: ContentAlgorithm): boolean {
  return algorithm.cipher === 'aes-gcm' || algorithm.cipher === 'chacha20-poly1305';
}
