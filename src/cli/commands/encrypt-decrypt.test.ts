import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath, makeScratchDirectory, runOpenssl } from '../../crypto/cms/enveloped/testing/openssl-peer';
import { ORDER_MESSAGE, toCrlfText } from '../../crypto/cms/enveloped/testing/people';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());
const orderFile = scratch.write('order.eml', ORDER_MESSAGE);
const orderContent = toCrlfText(ORDER_MESSAGE.slice(ORDER_MESSAGE.indexOf('Content-Type:')));

function smime(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'src/cli/index.ts', ...args], { cwd: repository, encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('smime encrypt and smime decrypt', () => {
  it('Jethro encrypts an order to Ellie-May and himself with --gcm; both read it, and so does OpenSSL', () => {
    const encrypted = smime('encrypt', orderFile, '--to', fixturePath('ellie-may.pem'), '--to', fixturePath('jethro.pem'), '--gcm');
    expect(encrypted.status).toBe(0);
    expect(encrypted.stdout).toMatch(/smime-type=authEnveloped-data/);
    const encryptedFile = scratch.write('encrypted.eml', encrypted.stdout);
    for (const person of ['ellie-may', 'jethro']) {
      const decrypted = smime('decrypt', encryptedFile, '--p12', fixturePath(`${person}.p12`), '--password', 'correct horse');
      expect(decrypted.status).toBe(0);
      expect(decrypted.stdout).toBe(orderContent);
    }
    const byOpenssl = runOpenssl(['cms', '-decrypt', '-in', encryptedFile, '-recip', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key')]);
    expect(new TextDecoder().decode(byOpenssl)).toBe(orderContent);
  }, 60_000);

  it('--oaep writes RSAES-OAEP that OpenSSL reads', () => {
    const encrypted = smime('encrypt', orderFile, '--to', fixturePath('jethro.pem'), '--oaep');
    expect(encrypted.status).toBe(0);
    const encryptedFile = scratch.write('oaep.eml', encrypted.stdout);
    expect(new TextDecoder().decode(runOpenssl(['cms', '-cmsout', '-print', '-in', encryptedFile]))).toMatch(/rsaesOaep/);
  }, 60_000);

  it('decrypt reads a message OpenSSL encrypted to Granny, with her legacy digital ID', () => {
    const encryptedFile = scratch.path('to-granny.eml');
    runOpenssl(['cms', '-encrypt', '-in', orderFile, '-out', encryptedFile, '-aes128', fixturePath('granny.pem')]);
    const decrypted = smime('decrypt', encryptedFile, '--p12', fixturePath('granny.p12'), '--password', 'correct horse');
    expect(decrypted.status).toBe(0);
    expect(decrypted.stdout).toBe(toCrlfText(ORDER_MESSAGE)); // OpenSSL encrypted the whole file, headers too
  }, 60_000);

  it('Bob Hacker is not a recipient: one line naming the recipients, non-zero exit, no stack trace', () => {
    const encryptedFile = scratch.path('to-jethro.eml');
    runOpenssl(['cms', '-encrypt', '-in', orderFile, '-out', encryptedFile, '-aes256', fixturePath('jethro.pem')]);
    const result = smime('decrypt', encryptedFile, '--p12', fixturePath('bob-hacker.p12'), '--password', 'correct horse');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not-a-recipient/);
    expect(result.stderr).toMatch(/serial 1000 issued by CN=Jed Co Mail CA/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('bad input is one line and a non-zero exit: a plain message, a truncated one, a web server certificate', () => {
    const plain = smime('decrypt', orderFile, '--p12', fixturePath('jethro.p12'), '--password', 'correct horse');
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toMatch(/^smime decrypt: .*\[not-encrypted\]\n$/);

    const encrypted = smime('encrypt', orderFile, '--to', fixturePath('jethro.pem'));
    const truncatedFile = scratch.write('truncated.eml', encrypted.stdout.slice(0, encrypted.stdout.length - 200));
    const truncated = smime('decrypt', truncatedFile, '--p12', fixturePath('jethro.p12'), '--password', 'correct horse');
    expect(truncated.status).not.toBe(0);
    expect(truncated.stderr).toMatch(/^smime decrypt: .*\[(malformed-cms|decryption-failed)\]\n$/);

    const webserver = smime('encrypt', orderFile, '--to', fixturePath('webserver.pem'));
    expect(webserver.status).not.toBe(0);
    expect(webserver.stderr).toMatch(/^smime encrypt: .*\[recipient-certificate-unusable\]\n$/);

    const noRecipient = smime('encrypt', orderFile);
    expect(noRecipient.status).toBe(2);
  }, 90_000);
});
