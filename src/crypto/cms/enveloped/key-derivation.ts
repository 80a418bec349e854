/**
 * The key-encryption key of ECDH key agreement (RFC 5753 §3.1.2 step 4, §7.2): the ANSI X9.63
 * KDF (SEC 1 §3.6.1) over the shared secret Z with ECC-CMS-SharedInfo as the shared data:
 *
 *   KEK = first keylen bytes of Hash(Z || Counter1) || Hash(Z || Counter2) || ...
 *         where Hash(Z || Counter || SharedInfo), Counter a 32-bit big-endian from 1
 *
 *   ECC-CMS-SharedInfo ::= SEQUENCE {
 *     keyInfo         AlgorithmIdentifier,          -- the key-wrap algorithm
 *     entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL, -- the ukm, only when the message has one
 *     suppPubInfo [2] EXPLICIT OCTET STRING }        -- the KEK length in bits, 32-bit big-endian
 *
 * pkijs writes an empty entityUInfo when the ukm is absent (PKI.js#335), which gives a different
 * KEK from OpenSSL's: here it is left out, as RFC 5753 §7.2 says.
 */
import * as asn1js from 'asn1js';
import type { HashName } from '../../keys/private-key-handle';
import { asBufferSource } from '../../rsa/buffer-source';
import { computeSha224 } from './sha224';

export type KdfHashName = HashName | 'SHA-224';

const OUTPUT_LENGTHS: Record<KdfHashName, number> = { 'SHA-1': 20, 'SHA-224': 28, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

async function hashBytes(hash: KdfHashName, data: Uint8Array): Promise<Uint8Array> {
  if (hash === 'SHA-224') return computeSha224(data);
  return new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(data)));
}

/** DER of ECC-CMS-SharedInfo; `keyWrapAlgorithm` is the DER of the key-wrap AlgorithmIdentifier as sent. */
export function encodeSharedInfo(keyWrapAlgorithm: Uint8Array, keyLengthBytes: number, userKeyingMaterial?: Uint8Array): Uint8Array {
  const keyInfo = asn1js.fromBER(keyWrapAlgorithm).result;
  const suppPubInfo = new Uint8Array(4);
  new DataView(suppPubInfo.buffer).setUint32(0, keyLengthBytes * 8);
  const fields: asn1js.AsnType[] = [keyInfo];
  if (userKeyingMaterial !== undefined) {
    fields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: userKeyingMaterial })] }));
  }
  fields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 2 }, value: [new asn1js.OctetString({ valueHex: suppPubInfo })] }));
  return new Uint8Array(new asn1js.Sequence({ value: fields }).toBER());
}

/** ANSI X9.63 KDF (SEC 1 §3.6.1). */
export async function deriveX963Key(hash: KdfHashName, sharedSecret: Uint8Array, sharedInfo: Uint8Array, length: number): Promise<Uint8Array> {
  const hashLength = OUTPUT_LENGTHS[hash];
  const input = new Uint8Array(sharedSecret.length + 4 + sharedInfo.length);
  input.set(sharedSecret);
  input.set(sharedInfo, sharedSecret.length + 4);
  const output = new Uint8Array(Math.ceil(length / hashLength) * hashLength);
  for (let counter = 1; (counter - 1) * hashLength < length; counter += 1) {
    new DataView(input.buffer).setUint32(sharedSecret.length, counter);
    const block = await hashBytes(hash, input);
    output.set(block, (counter - 1) * hashLength);
    block.fill(0);
  }
  input.fill(0);
  const key = output.slice(0, length);
  output.fill(0);
  return key;
}

/**
 * RFC 8418 §2: with X25519 the key-encryption key comes from HKDF (RFC 5869) instead of the X9.63
 * KDF: IKM = the X25519 shared secret, info = the DER of ECC-CMS-SharedInfo (as above, with the
 * ukm in entityUInfo when the message has one), no salt (RFC 5869 §2.2: HashLen zero bytes),
 * L = the KEK length.
 */
export async function deriveHkdfKey(hash: HashName, sharedSecret: Uint8Array, sharedInfo: Uint8Array, length: number): Promise<Uint8Array> {
  const inputKey = await crypto.subtle.importKey('raw', asBufferSource(sharedSecret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash, salt: new Uint8Array(0), info: asBufferSource(sharedInfo) }, inputKey, length * 8);
  return new Uint8Array(bits);
}
