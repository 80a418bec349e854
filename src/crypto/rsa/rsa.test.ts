import { describe, expect, it, afterAll } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { makeScratchDirectory, fixturePath, readCertificate, readPkcs8, runOpenssl } from '../cms/enveloped/testing/openssl-peer';
import { decryptRsaOaepWithPkcs8, decryptRsaPkcs1v15WithPkcs8 } from './rsa-private';
import { encryptRsaOaep, encryptRsaPkcs1v15 } from './rsa-public';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());

function spkiOf(person: string): Uint8Array {
  const certificate = pkijs.Certificate.fromBER(readCertificate(person).slice().buffer);
  return new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
}

function opensslEncrypt(person: string, plaintext: Uint8Array, options: string[]): Uint8Array {
  const input = scratch.write('plain.bin', plaintext);
  return runOpenssl(['pkeyutl', '-encrypt', '-certin', '-inkey', fixturePath(`${person}.pem`), '-in', input, ...options]);
}

function opensslDecrypt(person: string, ciphertext: Uint8Array, options: string[]): Uint8Array {
  const input = scratch.write('cipher.bin', ciphertext);
  return runOpenssl(['pkeyutl', '-decrypt', '-inkey', fixturePath(`${person}.key`), '-in', input, ...options]);
}

const contentKey = crypto.getRandomValues(new Uint8Array(32));

describe('RSAES-PKCS1-v1_5 key transport', () => {
  it('Jethro reads a content key OpenSSL encrypted to him', async () => {
    const encrypted = opensslEncrypt('jethro', contentKey, ['-pkeyopt', 'rsa_padding_mode:pkcs1']);
    expect(await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), encrypted, 32)).toEqual(contentKey);
  });

  it('Granny (RSA 4096) reads a content key OpenSSL encrypted to her', async () => {
    const encrypted = opensslEncrypt('granny', contentKey, ['-pkeyopt', 'rsa_padding_mode:pkcs1']);
    expect(await decryptRsaPkcs1v15WithPkcs8(readPkcs8('granny'), encrypted, 32)).toEqual(contentKey);
  });

  it('OpenSSL reads a content key Signet encrypted to Jethro', async () => {
    const encrypted = await encryptRsaPkcs1v15(spkiOf('jethro'), contentKey);
    expect(encrypted.length).toBe(256);
    expect(opensslDecrypt('jethro', encrypted, ['-pkeyopt', 'rsa_padding_mode:pkcs1'])).toEqual(contentKey);
  });

  it('the wrong key gives deterministic synthetic bytes, not an error (implicit rejection)', async () => {
    const encrypted = opensslEncrypt('bob-hacker', contentKey, ['-pkeyopt', 'rsa_padding_mode:pkcs1']);
    const first = await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), encrypted, 32);
    const second = await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), encrypted, 32);
    expect(first.length).toBe(32);
    expect(first).toEqual(second);
    expect(first).not.toEqual(contentKey);
  });

  it('a well-padded key of the wrong length gives synthetic bytes of the expected length', async () => {
    const shortKey = contentKey.slice(0, 16);
    const encrypted = opensslEncrypt('jethro', shortKey, ['-pkeyopt', 'rsa_padding_mode:pkcs1']);
    const result = await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), encrypted, 32);
    expect(result.length).toBe(32);
    expect(result.subarray(16)).not.toEqual(shortKey);
    expect(await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), encrypted, 16)).toEqual(shortKey);
  });

  it('a ciphertext at or above the modulus (made for another key of the same size) gives synthetic bytes too', async () => {
    const aboveModulus = new Uint8Array(256).fill(0xff);
    const first = await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), aboveModulus, 32);
    expect(first.length).toBe(32);
    expect(await decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), aboveModulus, 32)).toEqual(first);
  });

  it('a ciphertext longer than the modulus is a decryption failure', async () => {
    await expect(decryptRsaPkcs1v15WithPkcs8(readPkcs8('jethro'), new Uint8Array(300).fill(1), 32)).rejects.toSatisfy(
      (error) => isSignetError(error, 'decryption-failed'),
    );
  });

  it('a key whose INTEGERs lost their leading zero is still read as unsigned', async () => {
    // Re-encode RSAPrivateKey with the 0x00 sign bytes stripped (what some encoders write).
    const info = asn1js.fromBER(readPkcs8('jethro')).result as asn1js.Sequence;
    const octets = info.valueBlock.value[2] as asn1js.OctetString;
    const rsaKey = asn1js.fromBER(octets.valueBlock.valueHexView).result as asn1js.Sequence;
    const stripped = rsaKey.valueBlock.value.map((node) => {
      const bytes = (node as asn1js.Integer).valueBlock.valueHexView;
      const start = bytes.length > 1 && bytes[0] === 0 ? 1 : 0;
      return new asn1js.Integer({ valueHex: bytes.slice(start) });
    });
    const rebuilt = new asn1js.Sequence({
      value: [
        info.valueBlock.value[0],
        info.valueBlock.value[1],
        new asn1js.OctetString({ valueHex: new asn1js.Sequence({ value: stripped }).toBER() }),
      ],
    });
    const encrypted = opensslEncrypt('jethro', contentKey, ['-pkeyopt', 'rsa_padding_mode:pkcs1']);
    expect(await decryptRsaPkcs1v15WithPkcs8(new Uint8Array(rebuilt.toBER()), encrypted, 32)).toEqual(contentKey);
  });
});

describe('RSAES-OAEP key transport', () => {
  const cases = [
    { hash: 'SHA-1', mgf1Hash: 'SHA-1' },
    { hash: 'SHA-256', mgf1Hash: 'SHA-256' },
    { hash: 'SHA-256', mgf1Hash: 'SHA-1' },
    { hash: 'SHA-512', mgf1Hash: 'SHA-256' },
  ] as const;
  const opensslName = (hash: string) => hash.replace('-', '').toLowerCase();

  for (const { hash, mgf1Hash } of cases) {
    it(`reads OAEP ${hash} with MGF1-${mgf1Hash} written by OpenSSL`, async () => {
      const options = ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${opensslName(hash)}`, '-pkeyopt', `rsa_mgf1_md:${opensslName(mgf1Hash)}`];
      const encrypted = opensslEncrypt('jethro', contentKey, options);
      expect(await decryptRsaOaepWithPkcs8(readPkcs8('jethro'), encrypted, hash, mgf1Hash)).toEqual(contentKey);
    });

    it(`writes OAEP ${hash} with MGF1-${mgf1Hash} that OpenSSL reads`, async () => {
      const options = ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${opensslName(hash)}`, '-pkeyopt', `rsa_mgf1_md:${opensslName(mgf1Hash)}`];
      const encrypted = await encryptRsaOaep(spkiOf('jethro'), contentKey, hash, mgf1Hash);
      expect(opensslDecrypt('jethro', encrypted, options)).toEqual(contentKey);
    });
  }

  it('reads OAEP with a label', async () => {
    const label = new TextEncoder().encode('jedco');
    const encrypted = opensslEncrypt('jethro', contentKey, [
      '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', `rsa_oaep_label:${Buffer.from(label).toString('hex')}`,
    ]);
    expect(await decryptRsaOaepWithPkcs8(readPkcs8('jethro'), encrypted, 'SHA-256', 'SHA-256', label)).toEqual(contentKey);
  });

  it('the wrong hash or the wrong key is one decryption-failed error', async () => {
    const encrypted = opensslEncrypt('jethro', contentKey, ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256']);
    await expect(decryptRsaOaepWithPkcs8(readPkcs8('jethro'), encrypted, 'SHA-1', 'SHA-1')).rejects.toSatisfy((error) =>
      isSignetError(error, 'decryption-failed'),
    );
    await expect(decryptRsaOaepWithPkcs8(readPkcs8('bob-hacker'), encrypted, 'SHA-256', 'SHA-256')).rejects.toSatisfy((error) =>
      isSignetError(error, 'decryption-failed'),
    );
  });
});
