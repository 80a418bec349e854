/**
 * The `openssl cms` command line for each operation: what a user of OpenSSL runs for the same job,
 * with the same keys, certificates and algorithms as the Signet worker.
 */
import { fixturePath } from './fixtures';
import type { Operation } from './operations';

export function opensslArguments(operation: Operation, input: string, output: string): string[] {
  const io = ['-in', input, '-out', output];
  switch (operation) {
    case 'sign':
      return ['cms', '-sign', ...io, '-md', 'sha256', '-signer', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key'), '-certfile', fixturePath('jedco-mail-ca.pem')];
    case 'verify':
      return ['cms', '-verify', ...io, '-CAfile', fixturePath('jedco-root.pem'), '-purpose', 'smimesign'];
    case 'encrypt-rsa':
      return ['cms', '-encrypt', '-aes256', ...io, fixturePath('jethro.pem')];
    case 'encrypt-ec':
      return ['cms', '-encrypt', '-aes256', ...io, fixturePath('ellie-may.pem')];
    case 'decrypt-pkcs1v15':
    case 'decrypt-oaep':
      return ['cms', '-decrypt', ...io, '-recip', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key')];
  }
}

/** What OpenSSL's start-up costs: a process that loads libcrypto and does nothing else. */
export const OPENSSL_STARTUP_ARGUMENTS = ['version'];
