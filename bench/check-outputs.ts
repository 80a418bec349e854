/**
 * After timing, Signet's last output is checked by the peer: OpenSSL must verify what Signet
 * signed, decrypt what Signet encrypted, and get the same bytes Signet decrypted. A benchmark of
 * wrong output would be worthless.
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures';
import { opensslOrThrow } from './openssl-process';
import type { Operation } from './operations';

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && Buffer.compare(left, right) === 0;
}

/**
 * @param signetOutput Signet's result (message, or decrypted entity, or the verdict as JSON)
 * @param opensslOutput OpenSSL's result for the same input (used for decryption)
 */
export function checkSignetOutput(operation: Operation, signetOutput: string, opensslOutput: string): void {
  const recovered = `${signetOutput}.checked`;
  switch (operation) {
    case 'sign':
      opensslOrThrow(['cms', '-verify', '-in', signetOutput, '-out', recovered, '-CAfile', fixturePath('jedco-root.pem'), '-purpose', 'smimesign']);
      return;
    case 'verify': {
      const verdict = JSON.parse(readFileSync(signetOutput, 'utf8')) as { status: string };
      if (verdict.status !== 'valid') throw new Error(`Signet's verdict was ${verdict.status}`);
      return;
    }
    case 'encrypt-rsa':
      opensslOrThrow(['cms', '-decrypt', '-in', signetOutput, '-out', recovered, '-recip', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key')]);
      return;
    case 'encrypt-ec':
      opensslOrThrow(['cms', '-decrypt', '-in', signetOutput, '-out', recovered, '-recip', fixturePath('ellie-may.pem'), '-inkey', fixturePath('ellie-may.key')]);
      return;
    case 'decrypt-pkcs1v15':
    case 'decrypt-oaep':
      if (!sameBytes(readFileSync(signetOutput), readFileSync(opensslOutput))) {
        throw new Error(`Signet and OpenSSL decrypted ${operation} to different bytes`);
      }
  }
}
