import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { readPkcs12 } from '../pkcs12/read-pkcs12';
import { decodeEcdsaSignatureDer } from './ecdsa-signature';
import { createPrivateKeyHandle, createPrivateKeyHandleFromPkcs8, importIdentityKeys, type IdentityKeys } from './identity-keys';
import { bufferSource } from '../encoding/bytes';
import { decodePemBlocks } from '../encoding/pem';
import type { HashName, SignatureScheme } from './private-key-handle';
import { ensureFixtures } from '../pkcs12/fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const generated = join(repositoryRoot, 'test/fixtures/generated');
let scratch = '';

const importedKeys = new Map<string, Promise<IdentityKeys>>();

/** Each person's digital ID, read and imported once for the whole file. */
function keysOf(person: string): Promise<IdentityKeys> {
  let keys = importedKeys.get(person);
  if (keys === undefined) {
    keys = readPkcs12(new Uint8Array(readFileSync(join(generated, `${person}.p12`))), 'correct horse').then(importIdentityKeys);
    importedKeys.set(person, keys);
  }
  return keys;
}

/** The certificate's public key as SPKI DER, extracted by openssl (an independent peer). */
function certificateSpki(person: string): Uint8Array<ArrayBuffer> {
  const pem = execFileSync('openssl', ['x509', '-in', join(generated, `${person}.pem`), '-pubkey', '-noout']);
  return bufferSource(execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: pem }));
}

function scratchFile(name: string, contents: Uint8Array | string): string {
  const path = join(scratch, name);
  writeFileSync(path, contents);
  return path;
}

function collectCryptoKeys(value: unknown): CryptoKey[] {
  if (value instanceof CryptoKey) return [value];
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  return Object.values(value).flatMap(collectCryptoKeys);
}

beforeAll(() => {
  ensureFixtures();
  scratch = mkdtempSync(join(tmpdir(), 'signet-keys-'));
});

describe('a digital ID becomes keys no one can read back', () => {
  it.each(['jethro', 'ellie-may'])("every one of %s's keys refuses exportKey, in every format", async (person) => {
    const keys = await keysOf(person);
    const cryptoKeys = collectCryptoKeys(keys);
    expect(cryptoKeys.length).toBeGreaterThanOrEqual(person === 'jethro' ? 9 : 2);
    for (const key of cryptoKeys) {
      expect(key.extractable).toBe(false);
      for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
        await expect(crypto.subtle.exportKey(format, key)).rejects.toThrow();
      }
    }
  });

  it('the stored record holds only CryptoKeys, bytes, strings and numbers, and survives a structured clone', async () => {
    const keys = await keysOf('jethro');
    const check = (value: unknown): void => {
      if (value instanceof CryptoKey || value instanceof Uint8Array || typeof value === 'string' || typeof value === 'number') return;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      Object.values(value as object).forEach(check);
    };
    check(keys);
    const clone = structuredClone(keys);
    const signature = await createPrivateKeyHandle(clone).sign('RSASSA-PKCS1-v1_5', 'SHA-256', new Uint8Array([1, 2, 3]));
    expect(signature.length).toBe(256);
  });

  it("the wrapped PKCS#8 is not Jethro's key in the clear", async () => {
    const keys = await keysOf('jethro');
    if (keys.keyType !== 'RSA') throw new Error('expected RSA');
    const pkcs8 = decodePemBlocks(readFileSync(join(generated, 'jethro.key'), 'utf8'), 'PRIVATE KEY')[0].der;
    const hex = Buffer.from(keys.wrappedPkcs8.ciphertext).toString('hex');
    expect(hex).not.toContain(Buffer.from(pkcs8.subarray(40, 72)).toString('hex'));
    expect(keys.wrappedPkcs8.wrappingKey.extractable).toBe(false);
  });
});

describe('signing with the handle', () => {
  const data = new TextEncoder().encode('Order: 30 tanker trucks, signed by Jethro');

  it.each([
    ['jethro', 'RSASSA-PKCS1-v1_5', 'SHA-256'], ['jethro', 'RSASSA-PKCS1-v1_5', 'SHA-384'], ['jethro', 'RSASSA-PKCS1-v1_5', 'SHA-512'],
    ['jethro', 'RSA-PSS', 'SHA-256'], ['jethro', 'RSA-PSS', 'SHA-384'], ['granny', 'RSA-PSS', 'SHA-512'],
  ] as [string, SignatureScheme, HashName][])("%s's %s %s signature verifies with the certificate's public key", async (person, scheme, hash) => {
    const handle = createPrivateKeyHandle(await keysOf(person));
    const signature = await handle.sign(scheme, hash, data);
    const algorithm = scheme === 'RSA-PSS' ? { name: 'RSA-PSS', hash } : { name: 'RSASSA-PKCS1-v1_5', hash };
    const publicKey = await crypto.subtle.importKey('spki', certificateSpki(person), algorithm, false, ['verify']);
    const parameters = scheme === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash as string] } : 'RSASSA-PKCS1-v1_5';
    expect(await crypto.subtle.verify(parameters as AlgorithmIdentifier, publicKey, bufferSource(signature), data)).toBe(true);
    expect(await crypto.subtle.verify(parameters as AlgorithmIdentifier, publicKey, bufferSource(signature), new TextEncoder().encode('Order: 300 tanker trucks'))).toBe(false);
  });

  it.each([
    ['ellie-may', 'SHA-256', 'P-256', 32], ['ellie-may', 'SHA-512', 'P-256', 32], ['jed', 'SHA-384', 'P-384', 48],
  ] as [string, HashName, string, number][])("%s's ECDSA %s signature is DER that WebCrypto and openssl accept", async (person, hash, namedCurve, coordinateBytes) => {
    const handle = createPrivateKeyHandle(await keysOf(person));
    expect(handle.namedCurve).toBe(namedCurve);
    const signature = await handle.sign('ECDSA', hash, data);
    expect(signature[0]).toBe(0x30);
    const publicKey = await crypto.subtle.importKey('spki', certificateSpki(person), { name: 'ECDSA', namedCurve }, false, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash }, publicKey, bufferSource(decodeEcdsaSignatureDer(signature, coordinateBytes)), data)).toBe(true);
    const verified = execFileSync('openssl', ['dgst', `-${hash.replace('-', '').toLowerCase()}`, '-verify', scratchFile(`${person}.pub`, execFileSync('openssl', ['x509', '-in', join(generated, `${person}.pem`), '-pubkey', '-noout'])),
      '-signature', scratchFile(`${person}.sig`, signature), scratchFile('order.txt', data)]).toString();
    expect(verified.trim()).toBe('Verified OK');
  });

  it('refuses SHA-1 and schemes of the other key type', async () => {
    const rsa = createPrivateKeyHandle(await keysOf('jethro'));
    const ec = createPrivateKeyHandle(await keysOf('ellie-may'));
    await expect(rsa.sign('RSASSA-PKCS1-v1_5', 'SHA-1', data)).rejects.toThrow(/SHA-1/);
    await expect(rsa.sign('ECDSA', 'SHA-256', data)).rejects.toThrow(/EC key/);
    await expect(ec.sign('RSA-PSS', 'SHA-256', data)).rejects.toThrow(/RSA key/);
    await expect(ec.decryptRsaPkcs1v15(new Uint8Array(256), 32)).rejects.toSatisfy((error) => isSignetError(error, 'unsupported-algorithm'));
    await expect(rsa.deriveEcdhSecret(certificateSpki('ellie-may'))).rejects.toSatisfy((error) => isSignetError(error, 'unsupported-algorithm'));
  });
});

describe('decrypting with the handle', () => {
  const contentKey = Uint8Array.from({ length: 32 }, (_, index) => index * 7 + 1);

  function encryptWithOpenssl(person: string, options: string[]): Uint8Array {
    const publicKey = scratchFile(`${person}-public.pem`, execFileSync('openssl', ['x509', '-in', join(generated, `${person}.pem`), '-pubkey', '-noout']));
    return new Uint8Array(execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', publicKey, ...options], { input: contentKey }));
  }

  it('a content key wrapped by openssl with RSAES-PKCS1-v1_5 comes back', async () => {
    const handle = createPrivateKeyHandle(await keysOf('jethro'));
    expect(await handle.decryptRsaPkcs1v15(encryptWithOpenssl('jethro', []), 32)).toEqual(contentKey);
  });

  it.each([
    ['SHA-1', 'SHA-1'], ['SHA-256', 'SHA-256'], ['SHA-256', 'SHA-1'], ['SHA-384', 'SHA-384'], ['SHA-512', 'SHA-256'],
  ] as [HashName, HashName][])('a content key wrapped by openssl with OAEP %s / MGF1-%s comes back', async (hash, mgf1Hash) => {
    const handle = createPrivateKeyHandle(await keysOf('jethro'));
    const name = (value: HashName) => value.replace('-', '').toLowerCase();
    const encrypted = encryptWithOpenssl('jethro', ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${name(hash)}`, '-pkeyopt', `rsa_mgf1_md:${name(mgf1Hash)}`]);
    expect(await handle.decryptRsaOaep(encrypted, hash, mgf1Hash)).toEqual(contentKey);
  });

  it('OAEP under the wrong key is decryption-failed, not garbage', async () => {
    const handle = createPrivateKeyHandle(await keysOf('jethro'));
    const forBob = encryptWithOpenssl('bob-hacker', ['-pkeyopt', 'rsa_padding_mode:oaep']);
    await expect(handle.decryptRsaOaep(forBob, 'SHA-1', 'SHA-1')).rejects.toSatisfy((error) => isSignetError(error, 'decryption-failed'));
  });

  it.each([['ellie-may', 'P-256', 32], ['jed', 'P-384', 48]])("%s's ECDH secret equals the one openssl derives", async (person, curve, length) => {
    const ephemeralKey = scratchFile(`${person}-ephemeral.key`, execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`]));
    const ephemeralSpki = new Uint8Array(execFileSync('openssl', ['pkey', '-in', ephemeralKey, '-pubout', '-outform', 'DER']));
    const recipientPublic = scratchFile(`${person}-recipient.pub`, execFileSync('openssl', ['x509', '-in', join(generated, `${person}.pem`), '-pubkey', '-noout']));
    const expected = new Uint8Array(execFileSync('openssl', ['pkeyutl', '-derive', '-inkey', ephemeralKey, '-peerkey', recipientPublic]));
    const handle = createPrivateKeyHandle(await keysOf(person));
    const secret = await handle.deriveEcdhSecret(ephemeralSpki);
    expect(secret.length).toBe(length);
    expect(secret).toEqual(expected);
    await expect(handle.deriveEcdhSecret(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]))).rejects.toSatisfy((error) => isSignetError(error, 'decryption-failed'));
  });
});

describe('a handle straight from a PKCS#8 (the CLI)', () => {
  it('signs like the imported digital ID, and refuses a weak key', async () => {
    const pkcs8 = (name: string) => decodePemBlocks(readFileSync(join(generated, `${name}.key`), 'utf8'), 'PRIVATE KEY')[0].der;
    const handle = await createPrivateKeyHandleFromPkcs8(pkcs8('jed'));
    expect([handle.keyType, handle.keySizeBits, handle.namedCurve]).toEqual(['EC', 384, 'P-384']);
    const data = new Uint8Array([9, 9, 9]);
    const publicKey = await crypto.subtle.importKey('spki', certificateSpki('jed'), { name: 'ECDSA', namedCurve: 'P-384' }, false, ['verify']);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, publicKey, bufferSource(decodeEcdsaSignatureDer(await handle.sign('ECDSA', 'SHA-384', data), 48)), data)).toBe(true);
    await expect(createPrivateKeyHandleFromPkcs8(pkcs8('pearl'))).rejects.toSatisfy((error) => isSignetError(error, 'unsupported-key'));
  });
});
