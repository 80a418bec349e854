/**
 * Errors are values with codes the UI can explain (STYLE.md rule 9). Every context (engine,
 * background, pages, CLI) throws or returns a `SignetError`; the code is the contract, the message
 * is for people.
 */
export type ErrorCode =
  // PKCS#12 import (RFC 7292)
  | 'wrong-password'
  | 'corrupt-pkcs12'
  | 'no-private-key'
  | 'no-certificate'
  | 'key-certificate-mismatch'
  | 'unsupported-key'
  | 'duplicate-identity'
  // MIME and CMS input
  | 'malformed-mime'
  | 'malformed-cms'
  | 'malformed-certificate'
  | 'malformed-crl'
  | 'not-encrypted'
  | 'not-signed'
  | 'not-a-recipient'
  | 'unsupported-algorithm'
  | 'decryption-failed'
  | 'no-recipients'
  | 'recipient-certificate-unusable'
  // Identities, stores, permissions
  | 'identity-not-found'
  | 'contact-not-found'
  | 'anchor-not-found'
  | 'storage-failed'
  | 'forbidden-sender'
  | 'user-action-required'
  | 'unknown-request'
  | 'bad-request'
  // Network (revocation, intermediates, provider APIs)
  | 'network-failed'
  | 'response-too-large'
  | 'timed-out'
  /** Signet may not reach this origin yet: the person hasn't granted the optional host permission. */
  | 'host-permission-missing'
  | 'provider-error'
  | 'internal-error';

export class SignetError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignetError';
    this.code = code;
  }
}

/** The shape an error takes when it crosses a message boundary (structured clone drops classes). */
export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof SignetError) return { code: error.code, message: error.message };
  // Anything else is our bug or a library's surprise: say so without leaking a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal-error', message: `Unexpected error: ${message}` };
}

export function isSignetError(error: unknown, code?: ErrorCode): error is SignetError {
  return error instanceof SignetError && (code === undefined || error.code === code);
}
