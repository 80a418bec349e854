/**
 * The operations the benchmark times, named once for the parent (which runs OpenSSL) and the
 * Signet worker (which runs the engine). Each has the input it reads: the plain message, or a
 * message OpenSSL signed or encrypted from it, so both sides work on the same bytes.
 */
export const OPERATIONS = ['sign', 'verify', 'encrypt-rsa', 'encrypt-ec', 'decrypt-pkcs1v15', 'decrypt-oaep'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Which prepared input file an operation reads (see bench-inputs.ts). */
export type InputKind = 'plain' | 'signed' | 'encrypted-pkcs1v15' | 'encrypted-oaep';

export const INPUT_OF: Record<Operation, InputKind> = {
  sign: 'plain',
  verify: 'signed',
  'encrypt-rsa': 'plain',
  'encrypt-ec': 'plain',
  'decrypt-pkcs1v15': 'encrypted-pkcs1v15',
  'decrypt-oaep': 'encrypted-oaep',
};

/** What the table calls each operation. */
export const OPERATION_TITLES: Record<Operation, string> = {
  sign: 'sign (RSA 2048, SHA-256, detached)',
  verify: 'verify (RSA 2048, path to root)',
  'encrypt-rsa': 'encrypt AES-256-CBC, RSA recipient',
  'encrypt-ec': 'encrypt AES-256-CBC, EC P-256 recipient',
  'decrypt-pkcs1v15': 'decrypt, RSA PKCS#1 v1.5',
  'decrypt-oaep': 'decrypt, RSA-OAEP',
};

export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name);
}
