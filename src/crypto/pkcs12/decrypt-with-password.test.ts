import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodePemBlocks } from '../encoding/pem';
import { algorithmIdentifier, octetStringBytes, parseBer, sequenceItems } from './asn1';
import { decryptWithPassword } from './decrypt-with-password';
import { encodePassword } from './password-encodings';
import { ensureFixtures } from './fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const keyFile = join(repositoryRoot, 'test/fixtures/generated/ellie-may.key');
const password = 'correct horse';

/** `openssl pkcs8 -topk8` with the given options: an EncryptedPrivateKeyInfo (RFC 5208 §6), as in a shrouded key bag. */
function encryptKeyWithOpenssl(options: string[]): { algorithm: ReturnType<typeof algorithmIdentifier>; ciphertext: Uint8Array } {
  const der = new Uint8Array(execFileSync('openssl', ['pkcs8', '-topk8', '-in', keyFile, '-outform', 'DER', '-passout', `pass:${password}`, ...options]));
  const [algorithmNode, dataNode] = sequenceItems(parseBer(der, 'EncryptedPrivateKeyInfo'), 'EncryptedPrivateKeyInfo', 2);
  return { algorithm: algorithmIdentifier(algorithmNode, 'algorithm'), ciphertext: octetStringBytes(dataNode, 'data') };
}

const plainKey = () => decodePemBlocks(readFileSync(keyFile, 'utf8'), 'PRIVATE KEY')[0].der;

beforeAll(() => {
  ensureFixtures();
});

describe('password-based decryption of a shrouded key', () => {
  it.each([
    ['PBES2 AES-256-CBC with PBKDF2-HMAC-SHA-1', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA1']],
    ['PBES2 AES-128-CBC with PBKDF2-HMAC-SHA-384', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA384']],
    ['PBES2 AES-192-CBC with PBKDF2-HMAC-SHA-512', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA512']],
    ['PBES2 DES-EDE3-CBC with PBKDF2-HMAC-SHA-256', ['-v2', 'des3', '-v2prf', 'hmacWithSHA256']],
    ['pbeWithSHAAnd3-KeyTripleDES-CBC', ['-v1', 'PBE-SHA1-3DES']],
    ['pbeWithSHAAnd2-KeyTripleDES-CBC', ['-v1', 'PBE-SHA1-2DES', '-provider', 'legacy', '-provider', 'default']],
    ['pbeWithSHAAnd128BitRC2-CBC', ['-v1', 'PBE-SHA1-RC2-128', '-provider', 'legacy', '-provider', 'default']],
    ['pbeWithSHAAnd40BitRC2-CBC', ['-v1', 'PBE-SHA1-RC2-40', '-provider', 'legacy', '-provider', 'default']],
  ])('%s written by openssl decrypts to the key', async (_, options) => {
    const { algorithm, ciphertext } = encryptKeyWithOpenssl(options);
    const encodings = encodePassword(password);
    const decrypted = await decryptWithPassword(algorithm, ciphertext, { ...encodings, macVerified: true }, 'private key');
    expect(decrypted).toEqual(plainKey());
  });

  it('a wrong password without a MAC to vouch for it is wrong-password; with a verified MAC the file is corrupt', async () => {
    const { algorithm, ciphertext } = encryptKeyWithOpenssl(['-v2', 'aes-256-cbc']);
    const wrong = encodePassword('correct horse battery staple');
    for (const [macVerified, code] of [[false, 'wrong-password'], [true, 'corrupt-pkcs12']] as const) {
      let caught: unknown;
      try {
        await decryptWithPassword(algorithm, ciphertext, { ...wrong, macVerified }, 'private key');
      } catch (error) {
        caught = error;
      }
      expect(isSignetError(caught, code)).toBe(true);
    }
  });

  it('RC4 is refused by name', async () => {
    const { algorithm, ciphertext } = encryptKeyWithOpenssl(['-v1', 'PBE-SHA1-RC4-128', '-provider', 'legacy', '-provider', 'default']);
    await expect(decryptWithPassword(algorithm, ciphertext, { ...encodePassword(password), macVerified: true }, 'private key')).rejects.toThrow(/RC4/);
  });
});
