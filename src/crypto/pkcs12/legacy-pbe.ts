/**
 * The legacy password-based encryption of PKCS#12 (RFC 7292 appendix C), as Windows and OpenSSL
 * 1.x write it: SHA-1 PKCS#12 KDF (appendix B) for the key (purpose 1) and IV (purpose 2), then
 * 3DES-CBC or RC2-CBC. RC4 variants are refused (no one should still need them).
 *
 *   pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
 */
import type * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import { decryptRc2Cbc } from '../ciphers/rc2';
import { decryptTripleDesCbc } from '../ciphers/triple-des';
import { octetStringBytes, sequenceItems, smallInteger } from './asn1';
import {
  OID_PBE_SHA1_2DES,
  OID_PBE_SHA1_3DES,
  OID_PBE_SHA1_RC2_128,
  OID_PBE_SHA1_RC2_40,
  OID_PBE_SHA1_RC4_128,
  OID_PBE_SHA1_RC4_40,
} from './object-identifiers';
import { derivePkcs12Key, KDF_PURPOSE } from './pkcs12-kdf';

interface LegacyScheme {
  cipher: '3DES' | 'RC2';
  keyBytes: number;
  /** RC2's effective key size (RFC 2268 §2); the whole key for 3DES. */
  effectiveKeyBits: number;
}

const LEGACY_SCHEMES: Record<string, LegacyScheme> = {
  [OID_PBE_SHA1_3DES]: { cipher: '3DES', keyBytes: 24, effectiveKeyBits: 192 },
  [OID_PBE_SHA1_2DES]: { cipher: '3DES', keyBytes: 16, effectiveKeyBits: 128 },
  [OID_PBE_SHA1_RC2_128]: { cipher: 'RC2', keyBytes: 16, effectiveKeyBits: 128 },
  [OID_PBE_SHA1_RC2_40]: { cipher: 'RC2', keyBytes: 5, effectiveKeyBits: 40 },
};

export function isLegacyPbe(oid: string): boolean {
  return oid in LEGACY_SCHEMES || oid === OID_PBE_SHA1_RC4_128 || oid === OID_PBE_SHA1_RC4_40;
}

/** Decrypts with a legacy scheme; `bmpPassword` is the encoding the MAC check accepted. */
export async function decryptLegacyPbe(oid: string, parameters: asn1js.AsnType | undefined, bmpPassword: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const scheme = LEGACY_SCHEMES[oid];
  if (scheme === undefined) throw new SignetError('unsupported-algorithm', 'This digital ID is encrypted with RC4, which Signet refuses.');
  const items = sequenceItems(parameters, 'PKCS#12 PBE parameters', 2);
  const salt = octetStringBytes(items[0], 'PBE salt');
  const iterations = smallInteger(items[1], 'PBE iteration count');
  const key = await derivePkcs12Key('SHA-1', bmpPassword, salt, iterations, KDF_PURPOSE.key, scheme.keyBytes);
  const iv = await derivePkcs12Key('SHA-1', bmpPassword, salt, iterations, KDF_PURPOSE.iv, 8);
  try {
    return scheme.cipher === '3DES'
      ? decryptTripleDesCbc(key, iv, ciphertext)
      : decryptRc2Cbc(key, iv, ciphertext, scheme.effectiveKeyBits);
  } finally {
    key.fill(0);
  }
}
