/**
 * Checks SignerInfo.signature over the signed attributes with WebCrypto (RFC 5652 §5.6), for each
 * family the algorithm policy accepts: RSASSA-PKCS1-v1_5 (RFC 3370 §3.2), RSASSA-PSS (RFC 4056),
 * ECDSA (RFC 5753 §2.1.1, DER Ecdsa-Sig-Value) and Ed25519 (RFC 8419 §3.1: the message itself, no
 * pre-hash). Returns false for a wrong signature; throws 'unsupported-algorithm' when the check
 * can't be made.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import type { HashName } from '../../keys/private-key-handle';
import { describeDigestAlgorithm, type SignatureFamily } from './algorithms';
import { asBufferSource } from './bytes';
import type { PublicKeyFacts } from './public-key';

export interface SignatureCheck {
  family: SignatureFamily;
  hash: HashName;
  /** The signatureAlgorithm's parameters (RSASSA-PSS-params). */
  parameters: unknown;
  publicKey: PublicKeyFacts;
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

export async function verifySignatureValue(check: SignatureCheck): Promise<boolean> {
  const { publicKey } = check;
  switch (check.family) {
    case 'RSASSA-PKCS1-v1_5': {
      requireKeyType(publicKey, 'RSA');
      const key = await importVerifyKey(publicKey.spki, { name: 'RSASSA-PKCS1-v1_5', hash: check.hash });
      return crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, asBufferSource(check.signature), asBufferSource(check.signedBytes));
    }
    case 'RSA-PSS': {
      requireKeyType(publicKey, 'RSA');
      const parameters = readPssParameters(check.parameters);
      const key = await importVerifyKey(publicKey.spki, { name: 'RSA-PSS', hash: parameters.hash });
      return crypto.subtle.verify(
        { name: 'RSA-PSS', saltLength: parameters.saltLength },
        key,
        asBufferSource(check.signature),
        asBufferSource(check.signedBytes),
      );
    }
    case 'ECDSA': {
      requireKeyType(publicKey, 'EC');
      if (!publicKey.namedCurve) throw new SignetError('unsupported-algorithm', 'The signer uses an elliptic curve Signet does not know.');
      const key = await importVerifyKey(publicKey.spki, { name: 'ECDSA', namedCurve: publicKey.namedCurve });
      const raw = ecdsaSignatureToRaw(check.signature, Math.ceil(publicKey.keySizeBits / 8));
      if (!raw) return false;
      return crypto.subtle.verify({ name: 'ECDSA', hash: check.hash }, key, asBufferSource(raw), asBufferSource(check.signedBytes));
    }
    case 'Ed25519': {
      requireKeyType(publicKey, 'Ed25519');
      const key = await importVerifyKey(publicKey.spki, { name: 'Ed25519' });
      return crypto.subtle.verify({ name: 'Ed25519' }, key, asBufferSource(check.signature), asBufferSource(check.signedBytes));
    }
    default:
      throw new SignetError('unsupported-algorithm', `Signet can't check ${check.family} signatures.`);
  }
}

function requireKeyType(publicKey: PublicKeyFacts, expected: PublicKeyFacts['keyType']): void {
  if (publicKey.keyType !== expected) {
    throw new SignetError('unsupported-algorithm', `The signature algorithm needs a ${expected} key, the certificate holds ${publicKey.keyType}.`);
  }
}

async function importVerifyKey(spki: Uint8Array, algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('spki', asBufferSource(spki), algorithm, false, ['verify']);
  } catch (error) {
    throw new SignetError('unsupported-algorithm', `The signer's public key can't be used: ${(error as Error).message}`);
  }
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1): hashAlgorithm [0] default SHA-1, maskGenAlgorithm [1] default
 * MGF1 with SHA-1, saltLength [2] default 20, trailerField [3] must be 1. WebCrypto ties MGF1's
 * hash to the message hash, so a mixed pair can't be checked.
 */
function readPssParameters(parameters: unknown): { hash: HashName; saltLength: number } {
  let pss: pkijs.RSASSAPSSParams;
  try {
    pss = parameters instanceof asn1js.Sequence ? new pkijs.RSASSAPSSParams({ schema: parameters }) : new pkijs.RSASSAPSSParams();
  } catch {
    throw new SignetError('malformed-cms', 'The RSA-PSS parameters are malformed.');
  }
  const hash = describeDigestAlgorithm(pss.hashAlgorithm.algorithmId).hash;
  if (!hash) throw new SignetError('unsupported-algorithm', 'The RSA-PSS signature uses a hash Signet does not support.');
  const maskParameters = pss.maskGenAlgorithm.algorithmParams;
  if (maskParameters instanceof asn1js.Sequence) {
    const maskHash = describeDigestAlgorithm(new pkijs.AlgorithmIdentifier({ schema: maskParameters }).algorithmId).hash;
    if (maskHash !== hash) throw new SignetError('unsupported-algorithm', 'The RSA-PSS signature mixes two hashes, which Signet cannot check.');
  } else if (hash !== 'SHA-1') {
    throw new SignetError('unsupported-algorithm', 'The RSA-PSS signature mixes two hashes, which Signet cannot check.');
  }
  if (pss.trailerField !== 1) throw new SignetError('unsupported-algorithm', 'The RSA-PSS trailer field is not 1.');
  return { hash, saltLength: pss.saltLength };
}

/** Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } -> r||s, each left-padded to the field size. */
export function ecdsaSignatureToRaw(der: Uint8Array, fieldBytes: number): Uint8Array | undefined {
  const parsed = asn1js.fromBER(der, { maxContentLength: der.byteLength, maxNodes: 8, parseEmbedded: false });
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const values = parsed.result.valueBlock.value;
  if (values.length !== 2 || !values.every((value) => value instanceof asn1js.Integer)) return undefined;
  const raw = new Uint8Array(fieldBytes * 2);
  for (const [index, value] of values.entries()) {
    let bytes = (value as asn1js.Integer).valueBlock.valueHexView;
    while (bytes.byteLength > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.byteLength > fieldBytes) return undefined;
    raw.set(bytes, fieldBytes * (index + 1) - bytes.byteLength);
  }
  return raw;
}
