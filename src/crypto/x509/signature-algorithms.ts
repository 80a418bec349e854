import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * What a signature algorithm identifier (RFC 5280 §4.1.1.2; RFC 3279, RFC 4055, RFC 5758, RFC
 * 8410) means for checking it with WebCrypto, and what the algorithm policy of DESIGN.md says of
 * it: SHA-1 is weak, MD5 and MD2 are refused, DSA and SHA-224 can't be checked with WebCrypto.
 */
export type SignatureScheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'ed25519' | 'dsa';
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export type SignatureAlgorithm =
  | { kind: 'usable'; scheme: SignatureScheme; hash: HashName; saltLength?: number; name: string }
  | { kind: 'refused'; name: string }
  | { kind: 'unsupported'; name: string };

const HASH_BY_OID: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const SIMPLE: Record<string, { scheme: SignatureScheme; hash: HashName; name: string }> = {
  '1.2.840.113549.1.1.5': { scheme: 'rsa-pkcs1', hash: 'SHA-1', name: 'sha1WithRSAEncryption' },
  '1.3.14.3.2.29': { scheme: 'rsa-pkcs1', hash: 'SHA-1', name: 'sha1WithRSASignature' },
  '1.2.840.113549.1.1.11': { scheme: 'rsa-pkcs1', hash: 'SHA-256', name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': { scheme: 'rsa-pkcs1', hash: 'SHA-384', name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.13': { scheme: 'rsa-pkcs1', hash: 'SHA-512', name: 'sha512WithRSAEncryption' },
  '1.2.840.10045.4.1': { scheme: 'ecdsa', hash: 'SHA-1', name: 'ecdsa-with-SHA1' },
  '1.2.840.10045.4.3.2': { scheme: 'ecdsa', hash: 'SHA-256', name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { scheme: 'ecdsa', hash: 'SHA-384', name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { scheme: 'ecdsa', hash: 'SHA-512', name: 'ecdsa-with-SHA512' },
  '1.3.101.112': { scheme: 'ed25519', hash: 'SHA-512', name: 'Ed25519' },
  '1.2.840.10040.4.3': { scheme: 'dsa', hash: 'SHA-1', name: 'dsa-with-sha1' },
  '2.16.840.1.101.3.4.3.2': { scheme: 'dsa', hash: 'SHA-256', name: 'dsa-with-sha256' },
};

const REFUSED: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.3': 'md4WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
};

export function describeSignatureAlgorithm(algorithm: pkijs.AlgorithmIdentifier): SignatureAlgorithm {
  const oid = algorithm.algorithmId;
  if (REFUSED[oid]) return { kind: 'refused', name: REFUSED[oid] };
  const simple = SIMPLE[oid];
  if (simple) return { kind: 'usable', ...simple };
  if (oid === '1.2.840.113549.1.1.10') return describeRsaPss(algorithm);
  return { kind: 'unsupported', name: oid };
}

/** RSASSA-PSS-params (RFC 4055 §3.1): the defaults are SHA-1, MGF1-SHA-1, salt 20. */
function describeRsaPss(algorithm: pkijs.AlgorithmIdentifier): SignatureAlgorithm {
  try {
    const params = algorithm.algorithmParams instanceof asn1js.Sequence
      ? new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams })
      : new pkijs.RSASSAPSSParams();
    const hash = HASH_BY_OID[params.hashAlgorithm.algorithmId];
    if (!hash) return { kind: 'unsupported', name: `RSASSA-PSS with ${params.hashAlgorithm.algorithmId}` };
    const mgfHashOid = params.maskGenAlgorithm.algorithmParams instanceof asn1js.Sequence
      ? new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId
      : '1.3.14.3.2.26';
    // WebCrypto's RSA-PSS uses one hash for both the digest and MGF1.
    if (HASH_BY_OID[mgfHashOid] !== hash) return { kind: 'unsupported', name: 'RSASSA-PSS with a different MGF1 hash' };
    return { kind: 'usable', scheme: 'rsa-pss', hash, saltLength: params.saltLength, name: `RSASSA-PSS (${hash})` };
  } catch {
    return { kind: 'unsupported', name: 'RSASSA-PSS with malformed parameters' };
  }
}
