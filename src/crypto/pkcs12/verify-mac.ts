/**
 * The integrity check of password-integrity mode (RFC 7292 §5.1 step 2, appendix B.4): an HMAC
 * over the AuthenticatedSafe's content octets, keyed with the PKCS#12 KDF (purpose 3). It is
 * checked before anything in the file is decrypted or used, and it is how a wrong password is
 * told apart from a damaged file.
 *
 *   MacData ::= SEQUENCE {
 *     mac        DigestInfo,            -- SEQUENCE { digestAlgorithm, digest OCTET STRING }
 *     macSalt    OCTET STRING,
 *     iterations INTEGER DEFAULT 1 }
 */
import type * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';
import { bufferSource, constantTimeEqual } from '../encoding/bytes';
import { algorithmIdentifier, corrupt, octetStringBytes, sequenceItems, smallInteger } from './asn1';
import { OID_PBMAC1, OID_SHA1, OID_SHA256, OID_SHA384, OID_SHA512 } from './object-identifiers';
import { derivePkcs12Key, hashOutputBytes, KDF_PURPOSE, type Pkcs12Hash } from './pkcs12-kdf';

const MAC_HASHES: Record<string, Pkcs12Hash> = {
  [OID_SHA1]: 'SHA-1',
  [OID_SHA256]: 'SHA-256',
  [OID_SHA384]: 'SHA-384',
  [OID_SHA512]: 'SHA-512',
};

export interface MacData {
  hash: Pkcs12Hash;
  expectedMac: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

export function readMacData(node: asn1js.AsnType): MacData {
  const items = sequenceItems(node, 'MacData', 2);
  const digestInfo = sequenceItems(items[0], 'MacData digest', 2);
  const algorithm = algorithmIdentifier(digestInfo[0], 'MAC digest algorithm');
  if (algorithm.oid === OID_PBMAC1) {
    throw new SignetError('unsupported-algorithm', 'This digital ID uses the PBMAC1 integrity check (RFC 9579), which Signet does not support yet.');
  }
  const hash = MAC_HASHES[algorithm.oid];
  if (hash === undefined) throw new SignetError('unsupported-algorithm', `The digital ID's MAC uses an unsupported digest (${algorithm.oid}).`);
  const expectedMac = octetStringBytes(digestInfo[1], 'MAC value');
  if (expectedMac.length !== hashOutputBytes(hash)) throw corrupt('the MAC has the wrong length');
  const salt = octetStringBytes(items[1], 'MAC salt');
  const iterations = items[2] === undefined ? 1 : smallInteger(items[2], 'MAC iteration count');
  return { hash, expectedMac, salt, iterations };
}

/**
 * Returns the password encoding (one of `candidates`) whose MAC matches, or throws
 * 'wrong-password'. The HMAC key is as long as the hash output (RFC 7292 B.4).
 */
export async function verifyMac(macData: MacData, authenticatedSafe: Uint8Array, candidates: Uint8Array[]): Promise<Uint8Array> {
  for (const password of candidates) {
    const keyBytes = await derivePkcs12Key(macData.hash, password, macData.salt, macData.iterations, KDF_PURPOSE.mac, hashOutputBytes(macData.hash));
    const key = await crypto.subtle.importKey('raw', bufferSource(keyBytes), { name: 'HMAC', hash: macData.hash }, false, ['sign']);
    keyBytes.fill(0);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, bufferSource(authenticatedSafe)));
    if (constantTimeEqual(mac, macData.expectedMac)) return password;
  }
  throw new SignetError('wrong-password', 'The password is wrong (or the file was altered): the digital ID\'s integrity check (MAC) does not match it.');
}
