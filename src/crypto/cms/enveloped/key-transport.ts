/**
 * Key transport to RSA recipients (RFC 5652 §6.2.1, KeyTransRecipientInfo):
 *   rsaEncryption       RSAES-PKCS1-v1_5 (RFC 3370 §4.2.1): the most widely read, default
 *   id-RSAES-OAEP       RSAES-OAEP (RFC 3560 §3, parameters RFC 4055 §4.1):
 *     RSAES-OAEP-params ::= SEQUENCE {
 *       hashFunc    [0] AlgorithmIdentifier DEFAULT sha1Identifier,
 *       maskGenFunc [1] AlgorithmIdentifier DEFAULT mgf1SHA1Identifier,
 *       pSourceFunc [2] AlgorithmIdentifier DEFAULT pSpecifiedEmptyIdentifier }
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import type { HashName, PrivateKeyHandle } from '../../keys/private-key-handle';
import { encryptRsaOaep, encryptRsaPkcs1v15 } from '../../rsa/rsa-public';
import { OID } from './object-identifiers';
import type { RecipientCertificate } from './recipient-certificate';

export type KeyTransport = 'pkcs1v15' | 'oaep';

const HASHES: Record<string, HashName> = { [OID.sha1]: 'SHA-1', [OID.sha256]: 'SHA-256', [OID.sha384]: 'SHA-384', [OID.sha512]: 'SHA-512' };

interface OaepChoice {
  hash: HashName;
  mgf1Hash: HashName;
  label: Uint8Array;
}

function hashOf(algorithm: pkijs.AlgorithmIdentifier, what: string): HashName {
  const hash = HASHES[algorithm.algorithmId];
  if (hash === undefined) throw new SignetError('unsupported-algorithm', `RSAES-OAEP with ${what} ${algorithm.algorithmId} is not supported.`);
  return hash;
}

function readAlgorithmIdentifier(node: unknown, what: string): pkijs.AlgorithmIdentifier {
  if (!(node instanceof asn1js.Sequence)) throw new SignetError('malformed-cms', `The RSAES-OAEP ${what} is missing.`);
  try {
    return new pkijs.AlgorithmIdentifier({ schema: node });
  } catch (error) {
    throw new SignetError('malformed-cms', `The RSAES-OAEP ${what} is malformed.`, { cause: error });
  }
}

/**
 * Reads RSAES-OAEP-params; absent fields take their DEFAULTs (SHA-1, MGF1-SHA-1, empty label).
 * Read here rather than with pkijs's RSAESOAEPParams, whose default pSourceFunc carries SHA-1("")
 * as the label, which would make every OpenSSL message without a [2] field fail.
 */
export function readOaepParameters(parameters: unknown): OaepChoice {
  const choice: OaepChoice = { hash: 'SHA-1', mgf1Hash: 'SHA-1', label: new Uint8Array(0) };
  if (parameters === undefined || parameters instanceof asn1js.Null) return choice;
  if (!(parameters instanceof asn1js.Sequence)) throw new SignetError('malformed-cms', 'The RSAES-OAEP parameters are not a SEQUENCE.');
  for (const field of parameters.valueBlock.value) {
    if (field.idBlock.tagClass !== 3 || !(field instanceof asn1js.Constructed)) {
      throw new SignetError('malformed-cms', 'The RSAES-OAEP parameters are malformed.');
    }
    const [explicit] = field.valueBlock.value;
    if (field.idBlock.tagNumber === 0) {
      choice.hash = hashOf(readAlgorithmIdentifier(explicit, 'hash'), 'hash');
    } else if (field.idBlock.tagNumber === 1) {
      const maskGeneration = readAlgorithmIdentifier(explicit, 'mask generation');
      if (maskGeneration.algorithmId !== OID.mgf1) {
        throw new SignetError('unsupported-algorithm', `RSAES-OAEP with mask generation ${maskGeneration.algorithmId} is not supported.`);
      }
      choice.mgf1Hash = hashOf(readAlgorithmIdentifier(maskGeneration.algorithmParams, 'MGF1 hash'), 'MGF1 hash');
    } else if (field.idBlock.tagNumber === 2) {
      const source = readAlgorithmIdentifier(explicit, 'label source');
      if (source.algorithmId !== OID.pSpecified) {
        throw new SignetError('unsupported-algorithm', `RSAES-OAEP with label source ${source.algorithmId} is not supported.`);
      }
      if (source.algorithmParams instanceof asn1js.OctetString) choice.label = source.algorithmParams.valueBlock.valueHexView;
    }
  }
  return choice;
}

function describeOaep({ hash, mgf1Hash }: OaepChoice): string {
  return hash === mgf1Hash ? `RSAES-OAEP (${hash})` : `RSAES-OAEP (${hash}, MGF1-${mgf1Hash})`;
}

/**
 * Recovers the content-encryption key. PKCS#1 v1.5 goes through implicit rejection: a wrong key
 * or a forged ciphertext gives a pseudo-random key of the right length, and the content
 * decryption fails afterwards like any other failure (no Bleichenbacher oracle).
 */
export async function decryptKeyTransport(
  info: pkijs.KeyTransRecipientInfo,
  key: PrivateKeyHandle,
  contentKeyLength: number,
): Promise<{ contentKey: Uint8Array; keyManagement: string }> {
  if (key.keyType !== 'RSA') throw new SignetError('decryption-failed', 'This RecipientInfo needs an RSA key.');
  const encryptedKey = info.encryptedKey.valueBlock.valueHexView;
  const { algorithmId, algorithmParams } = info.keyEncryptionAlgorithm;
  if (algorithmId === OID.rsaEncryption) {
    return { contentKey: await key.decryptRsaPkcs1v15(encryptedKey, contentKeyLength), keyManagement: 'RSAES-PKCS1-v1_5' };
  }
  if (algorithmId === OID.rsaesOaep) {
    const choice = readOaepParameters(algorithmParams);
    const contentKey = await key.decryptRsaOaep(encryptedKey, choice.hash, choice.mgf1Hash, choice.label.length > 0 ? choice.label : undefined);
    return { contentKey, keyManagement: describeOaep(choice) };
  }
  throw new SignetError('unsupported-algorithm', `Key transport with ${algorithmId} is not supported.`);
}

/**
 * RSAES-OAEP-params for SHA-256 with MGF1-SHA-256 (RFC 4055 §4.1) and the default empty label,
 * hashes with absent parameters as OpenSSL writes them. Written with asn1js: pkijs's
 * RSAESOAEPParams has a wrong pSourceFunc default (see readOaepParameters).
 */
function sha256OaepAlgorithm(): pkijs.AlgorithmIdentifier {
  const sha256 = () => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.sha256 })] });
  const explicit = (tagNumber: number, value: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [value] });
  const parameters = new asn1js.Sequence({
    value: [
      explicit(0, sha256()),
      explicit(1, new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.mgf1 }), sha256()] })),
    ],
  });
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaesOaep, algorithmParams: parameters });
}

/** A KeyTransRecipientInfo (version 0, issuerAndSerialNumber) carrying `contentKey` to an RSA certificate. */
export async function encryptKeyTransport(certificate: RecipientCertificate, contentKey: Uint8Array, transport: KeyTransport): Promise<pkijs.RecipientInfo> {
  const encryptedKey =
    transport === 'oaep' ? await encryptRsaOaep(certificate.spki, contentKey, 'SHA-256', 'SHA-256') : await encryptRsaPkcs1v15(certificate.spki, contentKey);
  const keyEncryptionAlgorithm =
    transport === 'oaep' ? sha256OaepAlgorithm() : new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
  const { certificate: parsed } = certificate.record;
  const value = new pkijs.KeyTransRecipientInfo({
    version: 0,
    rid: new pkijs.IssuerAndSerialNumber({ issuer: parsed.issuer, serialNumber: parsed.serialNumber }),
    keyEncryptionAlgorithm,
    encryptedKey: new asn1js.OctetString({ valueHex: encryptedKey }),
  });
  return new pkijs.RecipientInfo({ variant: 1, value });
}
