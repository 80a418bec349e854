/**
 * PBES2 (RFC 8018 §6.2), OpenSSL 3's default for PKCS#12: PBKDF2 (§5.2) with an HMAC-SHA PRF,
 * then AES-CBC (RFC 8018 §B.2.5; via WebCrypto) or DES-EDE3-CBC (§B.2.2; via des.js).
 *
 *   PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
 *   PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER,
 *                                keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 */
import * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import { decryptTripleDesCbc } from '../ciphers/triple-des';
import { bufferSource } from '../encoding/bytes';
import { algorithmIdentifier, corrupt, octetStringBytes, sequenceItems, smallInteger } from './asn1';
import {
  OID_AES128_CBC,
  OID_AES192_CBC,
  OID_AES256_CBC,
  OID_DES_EDE3_CBC,
  OID_HMAC_SHA1,
  OID_HMAC_SHA256,
  OID_HMAC_SHA384,
  OID_HMAC_SHA512,
  OID_PBKDF2,
} from './object-identifiers';

/** PBKDF2 runs natively; 10 million rounds of HMAC-SHA-256 is already several seconds. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

const PRF_HASHES: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  [OID_HMAC_SHA1]: 'SHA-1',
  [OID_HMAC_SHA256]: 'SHA-256',
  [OID_HMAC_SHA384]: 'SHA-384',
  [OID_HMAC_SHA512]: 'SHA-512',
};

const CIPHERS: Record<string, { name: 'AES-CBC' | 'DES-EDE3-CBC'; keyBytes: number; ivBytes: number }> = {
  [OID_AES128_CBC]: { name: 'AES-CBC', keyBytes: 16, ivBytes: 16 },
  [OID_AES192_CBC]: { name: 'AES-CBC', keyBytes: 24, ivBytes: 16 },
  [OID_AES256_CBC]: { name: 'AES-CBC', keyBytes: 32, ivBytes: 16 },
  [OID_DES_EDE3_CBC]: { name: 'DES-EDE3-CBC', keyBytes: 24, ivBytes: 8 },
};

/** Decrypts PBES2 content; a wrong key shows as bad padding -> 'decryption-failed'. */
export async function decryptPbes2(parameters: asn1js.AsnType | undefined, password: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const [kdfNode, schemeNode] = sequenceItems(parameters, 'PBES2 parameters', 2);
  const kdf = algorithmIdentifier(kdfNode, 'PBES2 key derivation');
  if (kdf.oid !== OID_PBKDF2) throw new SignetError('unsupported-algorithm', `PBES2 with key derivation ${kdf.oid} is not supported (only PBKDF2).`);
  const scheme = algorithmIdentifier(schemeNode, 'PBES2 encryption scheme');
  const cipher = CIPHERS[scheme.oid];
  if (cipher === undefined) throw new SignetError('unsupported-algorithm', `PBES2 with cipher ${scheme.oid} is not supported.`);
  if (!(scheme.parameters instanceof asn1js.OctetString)) throw corrupt('the PBES2 cipher has no IV');
  const iv = octetStringBytes(scheme.parameters, 'PBES2 IV');
  if (iv.length !== cipher.ivBytes) throw corrupt(`the PBES2 IV is ${iv.length} bytes, expected ${cipher.ivBytes}`);

  const kdfItems = sequenceItems(kdf.parameters, 'PBKDF2 parameters', 2);
  if (!(kdfItems[0] instanceof asn1js.OctetString)) throw new SignetError('unsupported-algorithm', 'PBKDF2 with a non-octet-string salt source is not supported.');
  const salt = octetStringBytes(kdfItems[0], 'PBKDF2 salt');
  const iterations = smallInteger(kdfItems[1], 'PBKDF2 iteration count');
  if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new SignetError('corrupt-pkcs12', `The digital ID asks for ${iterations} PBKDF2 rounds; Signet accepts 1 to ${MAX_PBKDF2_ITERATIONS}.`);
  }
  let prfHash: string = 'SHA-1';
  for (const optional of kdfItems.slice(2)) {
    if (optional instanceof asn1js.Integer) {
      if (smallInteger(optional, 'PBKDF2 key length') !== cipher.keyBytes) throw corrupt('the PBKDF2 key length does not fit the cipher');
    } else {
      const prf = algorithmIdentifier(optional, 'PBKDF2 PRF');
      const hash = PRF_HASHES[prf.oid];
      if (hash === undefined) throw new SignetError('unsupported-algorithm', `PBKDF2 with PRF ${prf.oid} is not supported.`);
      prfHash = hash;
    }
  }

  const passwordKey = await crypto.subtle.importKey('raw', bufferSource(password), 'PBKDF2', false, ['deriveBits']);
  const keyBytes = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: prfHash, salt: bufferSource(salt), iterations }, passwordKey, cipher.keyBytes * 8),
  );
  try {
    if (cipher.name === 'DES-EDE3-CBC') return decryptTripleDesCbc(keyBytes, iv, ciphertext);
    const aesKey = await importAesKey(keyBytes);
    try {
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: bufferSource(iv) }, aesKey, bufferSource(ciphertext)));
    } catch {
      throw new SignetError('decryption-failed', 'Decryption failed: the padding is wrong (a wrong key or damaged data).');
    }
  } finally {
    keyBytes.fill(0);
  }
}

/** Chromium has no 192-bit AES (its WebCrypto refuses the key): say so instead of an internal error. */
async function importAesKey(keyBytes: Uint8Array): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', bufferSource(keyBytes), 'AES-CBC', false, ['decrypt']);
  } catch {
    throw new SignetError('unsupported-algorithm', `This browser cannot decrypt AES with ${keyBytes.length * 8}-bit keys; export the digital ID again with AES-256.`);
  }
}
