/**
 * Chooses the password-based decryption an AlgorithmIdentifier names (RFC 7292 §5.1 step 3):
 * PBES2 (RFC 8018) or one of the legacy PKCS#12 schemes (RFC 7292 appendix C).
 */
import { isSignetError, SignetError } from '../../shared/errors';
import type { AlgorithmIdentifier } from './asn1';
import { decryptLegacyPbe, isLegacyPbe } from './legacy-pbe';
import { OID_PBES2 } from './object-identifiers';
import { decryptPbes2 } from './pbes2';

export interface DecryptionPassword {
  /** BMPString encodings to try for the legacy schemes, the one the MAC accepted first. */
  bmpCandidates: Uint8Array[];
  /** The password octets for PBKDF2. */
  utf8: Uint8Array;
  /** Whether the MAC already proved the password right (then a failure means a damaged file). */
  macVerified: boolean;
}

export async function decryptWithPassword(algorithm: AlgorithmIdentifier, ciphertext: Uint8Array, password: DecryptionPassword, what: string): Promise<Uint8Array> {
  try {
    if (algorithm.oid === OID_PBES2) return await decryptPbes2(algorithm.parameters, password.utf8, ciphertext);
    if (isLegacyPbe(algorithm.oid)) return await decryptLegacyWithCandidates(algorithm, ciphertext, password.bmpCandidates);
  } catch (error) {
    if (!isSignetError(error, 'decryption-failed')) throw error;
    if (password.macVerified) {
      throw new SignetError('corrupt-pkcs12', `The ${what} could not be decrypted although the password matches the file's MAC: the file is damaged or uses a second password.`);
    }
    throw new SignetError('wrong-password', `The password is wrong: the ${what} does not decrypt with it.`);
  }
  throw new SignetError('unsupported-algorithm', `The ${what} is encrypted with an unsupported algorithm (${algorithm.oid}).`);
}

async function decryptLegacyWithCandidates(algorithm: AlgorithmIdentifier, ciphertext: Uint8Array, candidates: Uint8Array[]): Promise<Uint8Array> {
  let lastError: unknown = new SignetError('decryption-failed', 'No password to try.');
  for (const candidate of candidates) {
    try {
      return await decryptLegacyPbe(algorithm.oid, algorithm.parameters, candidate, ciphertext);
    } catch (error) {
      if (!isSignetError(error, 'decryption-failed')) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
