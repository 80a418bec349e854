/**
 * The byte strings a password may have been turned into by the program that wrote the file. The
 * MAC check (RFC 7292 §5.1 step 2) tells which one is right; the same one then opens the legacy
 * encrypted parts.
 */
import { encodeBmpPassword } from './pkcs12-kdf';

export interface PasswordEncodings {
  /** BMPString candidates for the PKCS#12 KDF (RFC 7292 B.1), the most likely first. */
  bmpCandidates: Uint8Array[];
  /** UTF-8 bytes for PBKDF2 inside PBES2 (RFC 8018 §5.2; OpenSSL passes the password as is). */
  utf8: Uint8Array;
}

export function encodePassword(password: string): PasswordEncodings {
  const utf8 = new TextEncoder().encode(password);
  const bmpCandidates = [encodeBmpPassword(password)];
  if (password === '') {
    // An empty password is written either as the terminator alone (OpenSSL 3 export) or as no
    // bytes at all (a NULL password, as OpenSSL's reader tries second).
    bmpCandidates.push(new Uint8Array(0));
  } else if (/[^\x00-\x7f]/.test(password)) {
    // OpenSSL before 1.1.0 took each UTF-8 byte as one character: its own reader retries that way.
    bmpCandidates.push(encodeBmpPassword(String.fromCharCode(...utf8)));
  }
  return { bmpCandidates, utf8 };
}
