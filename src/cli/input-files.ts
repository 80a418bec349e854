/**
 * Reading the files a person names on the `smime` command line: messages, certificates and CRLs
 * (PEM holding one or several, or DER), digital IDs. Each read is capped, so a wrong path to a huge
 * file fails fast; every failure is one line for people (an `InputError`, or a `SignetError` for
 * content that is there but malformed), exit 3.
 */
import { readFileSync, statSync } from 'node:fs';
import { decodePemBlocks, looksLikePem } from '../crypto/encoding/index';
import { MAX_PKCS12_BYTES, readPkcs12, type DigitalId } from '../crypto/pkcs12/read-pkcs12';
import { SignetError } from '../shared/errors';

/** A file the user named could not be read (missing, not a file, too big, no permission). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Messages may be large (attachments); this only stops a wrong path to something enormous. */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
const MAX_CERTIFICATE_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a file the user named, with a size cap; failures are one readable line. */
export function readInputFile(path: string, what: string, maximumBytes: number): Uint8Array {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new InputError(`${what} ${path} is not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${what} ${path} (${code ?? 'error'})`);
  }
  if (size > maximumBytes) throw new InputError(`${what} ${path} is ${size} bytes; at most ${maximumBytes} are accepted`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new InputError(`cannot read ${what} ${path} (${(error as { code?: string }).code ?? 'error'})`);
  }
}

/** Reads and opens a digital ID (RFC 7292) as the extension imports it. */
export function readDigitalIdFile(path: string, password: string): Promise<DigitalId> {
  return readPkcs12(readInputFile(path, 'digital ID', MAX_PKCS12_BYTES), password);
}

/** Certificates from a PEM file (any number of CERTIFICATE blocks) or one DER certificate. */
export function readCertificateFile(path: string): Uint8Array[] {
  return readDerOrPem(path, 'CERTIFICATE', 'certificate', 'malformed-certificate');
}

/** CRLs from a PEM file (X509 CRL blocks) or one DER CRL. */
export function readCrlFile(path: string): Uint8Array[] {
  return readDerOrPem(path, 'X509 CRL', 'CRL', 'malformed-crl');
}

function readDerOrPem(path: string, label: string, what: string, code: 'malformed-certificate' | 'malformed-crl'): Uint8Array[] {
  const bytes = readInputFile(path, `${what} file`, MAX_CERTIFICATE_FILE_BYTES);
  if (!looksLikePem(bytes)) {
    if (bytes[0] !== 0x30) throw new SignetError(code, `${path} is neither PEM nor a DER ${what}`);
    return [bytes];
  }
  let blocks;
  try {
    blocks = decodePemBlocks(new TextDecoder().decode(bytes), label);
  } catch (error) {
    throw new SignetError(code, `${path}: ${(error as Error).message}`);
  }
  if (blocks.length === 0) throw new SignetError(code, `${path} holds no ${label} block`);
  return blocks.map((block) => block.der);
}
