import { decodeBase64 } from '../../crypto/encoding/base64';
import { SignetError } from '../../shared/errors';

/**
 * Field checks for requests: TypeScript describes what pages send, but a message is only data
 * once it crosses `runtime.sendMessage`, so every handler checks what it reads (security model 7).
 */
export function requireString(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') throw new SignetError('bad-request', `The request needs "${field}" as text.`);
  if (value.length > maxLength) throw new SignetError('bad-request', `"${field}" is longer than Signet accepts (${maxLength} characters).`);
  return value;
}

export function optionalString(value: unknown, field: string, maxLength: number): string | undefined {
  return value === undefined ? undefined : requireString(value, field, maxLength);
}

export function requireOneOf<Choice extends string>(value: unknown, field: string, choices: readonly Choice[]): Choice {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) throw new SignetError('bad-request', `"${field}" must be one of ${choices.join(', ')}.`);
  return found;
}

/** Base64 bytes, with a bound on the encoded length so nothing unbounded is decoded. */
export function requireBase64Bytes(value: unknown, field: string, maxBytes: number): Uint8Array {
  const text = requireString(value, field, Math.ceil(maxBytes / 3) * 4 + 4);
  try {
    return decodeBase64(text);
  } catch (error) {
    throw new SignetError('bad-request', `"${field}" is not valid base64.`, { cause: error });
  }
}

/** Identity and anchor ids are SHA-256 fingerprints. */
export const ID_MAX_LENGTH = 64;
/** A PKCS#12 or certificate file: real ones are a few KB; a chain with many certificates stays far below this. */
export const FILE_MAX_BYTES = 1024 * 1024;
/** A whole message: Chrome's message size limit is 64 MiB, base64 adds a third. */
export const MESSAGE_MAX_BYTES = 40 * 1024 * 1024;
