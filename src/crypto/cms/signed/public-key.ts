/**
 * What the algorithm policy needs to know about a signer's public key (RFC 5280 §4.1.2.7): its
 * kind and size. RSA under 2048 bits is weak and under 1024 refused (DESIGN.md).
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';

export interface PublicKeyFacts {
  keyType: 'RSA' | 'EC' | 'Ed25519' | 'DSA' | 'unknown';
  keySizeBits: number;
  /** WebCrypto curve name for EC keys. */
  namedCurve?: 'P-256' | 'P-384' | 'P-521';
  /** The SubjectPublicKeyInfo DER, for WebCrypto's importKey('spki'). */
  spki: Uint8Array;
}

const CURVES: Record<string, { name: 'P-256' | 'P-384' | 'P-521'; bits: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
};

export function describePublicKey(publicKeyInfo: pkijs.PublicKeyInfo): PublicKeyFacts {
  const spki = new Uint8Array(publicKeyInfo.toSchema().toBER());
  const algorithm = publicKeyInfo.algorithm.algorithmId;
  const keyBits = publicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  switch (algorithm) {
    case '1.2.840.113549.1.1.1':
    case '1.2.840.113549.1.1.10':
      return { keyType: 'RSA', keySizeBits: rsaModulusBits(keyBits), spki };
    case '1.2.840.10045.2.1': {
      const parameters = publicKeyInfo.algorithm.algorithmParams;
      const curve = parameters instanceof asn1js.ObjectIdentifier ? CURVES[parameters.valueBlock.toString()] : undefined;
      return { keyType: 'EC', keySizeBits: curve?.bits ?? 0, namedCurve: curve?.name, spki };
    }
    case '1.3.101.112':
      return { keyType: 'Ed25519', keySizeBits: 256, spki };
    case '1.2.840.10040.4.1':
      return { keyType: 'DSA', keySizeBits: 0, spki };
    default:
      return { keyType: 'unknown', keySizeBits: 0, spki };
  }
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 §A.1.1) */
function rsaModulusBits(keyBits: Uint8Array): number {
  const parsed = asn1js.fromBER(keyBits, { maxContentLength: keyBits.byteLength, maxNodes: 16, parseEmbedded: false });
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return 0;
  const [modulus] = parsed.result.valueBlock.value;
  if (!(modulus instanceof asn1js.Integer)) return 0;
  const bytes = modulus.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.byteLength && bytes[start] === 0) start += 1;
  if (start === bytes.byteLength) return 0;
  return (bytes.byteLength - start - 1) * 8 + (32 - Math.clz32(bytes[start]));
}
