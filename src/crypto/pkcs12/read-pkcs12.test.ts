import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSignetError, type ErrorCode } from '../../shared/errors';
import { decodePemBlocks } from '../encoding/pem';
import { bufferSource } from '../encoding/bytes';
import { derivePkcs12Key, KDF_PURPOSE } from './pkcs12-kdf';
import { readPkcs12 } from './read-pkcs12';
import { ensureFixtures } from './fixtures.test-support';

const repositoryRoot = new URL('../../../', import.meta.url).pathname;
const generated = join(repositoryRoot, 'test/fixtures/generated');
const password = 'correct horse';
let scratch = '';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(generated, name)));
}

function certificateDer(name: string): Uint8Array {
  return decodePemBlocks(readFileSync(join(generated, `${name}.pem`), 'utf8'), 'CERTIFICATE')[0].der;
}

function pkcs8Der(name: string): Uint8Array {
  return decodePemBlocks(readFileSync(join(generated, `${name}.key`), 'utf8'), 'PRIVATE KEY')[0].der;
}

/** Writes a digital ID with `openssl pkcs12 -export` and the given options, at test time. */
function exportWithOpenssl(person: string, exportPassword: string, options: string[]): Uint8Array {
  const out = join(scratch, `${person}-${Math.random().toString(36).slice(2)}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(generated, `${person}.key`), '-in', join(generated, `${person}.pem`),
    '-certfile', join(generated, 'jedco-chain.pem'), '-name', `${person} at test`, '-passout', `pass:${exportPassword}`, '-out', out, ...options]);
  return new Uint8Array(readFileSync(out));
}

/** The ContentInfos of a PKCS#12 file without MAC or encryption (RFC 7292 §4.1). */
function authenticatedSafeOf(file: Uint8Array): asn1js.AsnType[] {
  const pfx = asn1js.fromBER(file).result as asn1js.Sequence;
  const content = ((pfx.valueBlock.value[1] as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString;
  return (asn1js.fromBER(content.getValue()).result as asn1js.Sequence).valueBlock.value;
}

/** A PFX without MAC around the given ContentInfos, to build files openssl won't write. */
function buildPfxWithoutMac(contentInfos: asn1js.AsnType[]): Uint8Array {
  const authenticatedSafe = new asn1js.Sequence({ value: contentInfos }).toBER();
  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: authenticatedSafe })] }),
        ],
      }),
    ],
  });
  return new Uint8Array(pfx.toBER());
}

async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode | 'no error' | 'not a SignetError'> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return isSignetError(error) ? error.code : 'not a SignetError';
  }
}

beforeAll(() => {
  ensureFixtures();
  scratch = mkdtempSync(join(tmpdir(), 'signet-pkcs12-'));
});

describe('importing a digital ID', () => {
  it("Jethro's modern file (PBES2 AES-256, HMAC-SHA-256) gives his key, his certificate first, then the chain", async () => {
    const id = await readPkcs12(fixture('jethro.p12'), password);
    expect(id.keyType).toBe('RSA');
    expect(id.keySizeBits).toBe(2048);
    expect(id.namedCurve).toBeUndefined();
    expect(id.friendlyName).toBe('jethro');
    expect(id.certificates).toHaveLength(3);
    expect(id.certificates[0]).toEqual(certificateDer('jethro'));
    const chain = decodePemBlocks(readFileSync(join(generated, 'jedco-chain.pem'), 'utf8')).map((block) => block.der);
    expect(new Set(id.certificates.slice(1).map((der) => Buffer.from(der).toString('hex'))))
      .toEqual(new Set(chain.map((der) => Buffer.from(der).toString('hex'))));
    expect(id.privateKeyPkcs8).toEqual(pkcs8Der('jethro'));
  });

  it("Jethro's legacy file (3DES key, RC2-40 certificates, SHA-1 MAC) gives the same identity", async () => {
    const modern = await readPkcs12(fixture('jethro.p12'), password);
    const legacy = await readPkcs12(fixture('jethro-legacy.p12'), password);
    expect(legacy.certificates).toEqual(modern.certificates);
    expect(legacy.privateKeyPkcs8).toEqual(modern.privateKeyPkcs8);
    expect(legacy.friendlyName).toBe('jethro');
  });

  it("Granny's legacy RSA 4096 file reads", async () => {
    const id = await readPkcs12(fixture('granny.p12'), password);
    expect([id.keyType, id.keySizeBits, id.certificates.length]).toEqual(['RSA', 4096, 3]);
    expect(id.certificates[0]).toEqual(certificateDer('granny'));
    expect(id.privateKeyPkcs8).toEqual(pkcs8Der('granny'));
  });

  it("Ellie May's EC P-256 files, modern and legacy, read with the curve named", async () => {
    for (const file of ['ellie-may.p12', 'ellie-may-legacy.p12']) {
      const id = await readPkcs12(fixture(file), password);
      expect([id.keyType, id.keySizeBits, id.namedCurve], file).toEqual(['EC', 256, 'P-256']);
      expect(id.certificates[0]).toEqual(certificateDer('ellie-may'));
      expect(id.privateKeyPkcs8).toEqual(pkcs8Der('ellie-may'));
    }
  });

  it("Jed's EC P-384 file reads, and so does his file with an empty password", async () => {
    const id = await readPkcs12(fixture('jed.p12'), password);
    expect([id.keyType, id.keySizeBits, id.namedCurve]).toEqual(['EC', 384, 'P-384']);
    const empty = await readPkcs12(fixture('jed-empty-password.p12'), '');
    expect(empty.certificates[0]).toEqual(certificateDer('jed'));
    expect(empty.privateKeyPkcs8).toEqual(id.privateKeyPkcs8);
    expect(await errorCodeOf(readPkcs12(fixture('jed-empty-password.p12'), 'correct horse'))).toBe('wrong-password');
  });

  it('an empty password works whether it was written as the BMPString terminator (OpenSSL) or as no bytes (BouncyCastle, Java)', async () => {
    const original = fixture('jed-empty-password.p12');
    const pfx = asn1js.fromBER(original).result as asn1js.Sequence;
    const [, authSafe, macData] = pfx.valueBlock.value as [asn1js.Integer, asn1js.Sequence, asn1js.Sequence];
    const content = ((authSafe.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString).getValue();
    const [digestInfo, saltNode, iterationsNode] = macData.valueBlock.value as [asn1js.Sequence, asn1js.OctetString, asn1js.Integer];
    const macOf = async (passwordBytes: Uint8Array) => {
      const keyBytes = await derivePkcs12Key('SHA-256', passwordBytes, new Uint8Array(saltNode.getValue()), iterationsNode.valueBlock.valueDec, KDF_PURPOSE.mac, 32);
      const key = await crypto.subtle.importKey('raw', bufferSource(keyBytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return new Uint8Array(await crypto.subtle.sign('HMAC', key, content));
    };
    const macValue = digestInfo.valueBlock.value[1] as asn1js.OctetString;
    // What OpenSSL 3 wrote: the terminator alone.
    expect(new Uint8Array(macValue.getValue())).toEqual(await macOf(Uint8Array.of(0, 0)));
    // The same file, MAC'd the other way.
    digestInfo.valueBlock.value[1] = new asn1js.OctetString({ valueHex: bufferSource(await macOf(new Uint8Array(0))) });
    const rewritten = new Uint8Array(pfx.toBER());
    expect(rewritten).not.toEqual(original);
    const id = await readPkcs12(rewritten, '');
    expect(id.certificates[0]).toEqual(certificateDer('jed'));
  });

  it("a file carrying Bob's stray key before Jethro's own key and certificate gives Jethro's identity", async () => {
    const plain = ['-nomac', '-keypbe', 'NONE', '-certpbe', 'NONE'];
    const bobKeyOnly = join(scratch, 'bob-key-only.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-nocerts', '-inkey', join(generated, 'bob-hacker.key'), '-passout', `pass:${password}`, '-out', bobKeyOnly, ...plain]);
    const contentInfos = [...authenticatedSafeOf(new Uint8Array(readFileSync(bobKeyOnly))), ...authenticatedSafeOf(exportWithOpenssl('jethro', password, plain))];
    const id = await readPkcs12(buildPfxWithoutMac(contentInfos), password);
    expect(id.certificates[0]).toEqual(certificateDer('jethro'));
    expect(id.privateKeyPkcs8).toEqual(pkcs8Der('jethro'));
  });

  it('with a renewed certificate for the same key listed first, localKeyId picks the one the key was exported with', async () => {
    const request = join(scratch, 'renewed.csr');
    const renewed = join(scratch, 'renewed.pem');
    execFileSync('openssl', ['req', '-new', '-key', join(generated, 'jethro.key'), '-subj', '/CN=Jethro Bodine (renewed)', '-out', request]);
    execFileSync('openssl', ['x509', '-req', '-in', request, '-CA', join(generated, 'jedco-mail-ca.pem'), '-CAkey', join(generated, 'jedco-mail-ca.key'),
      '-set_serial', '0x77', '-days', '10', '-out', renewed]);
    const exported = join(scratch, 'jethro-two-certificates.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(generated, 'jethro.key'), '-in', join(generated, 'jethro.pem'), '-certfile', renewed,
      '-passout', `pass:${password}`, '-nomac', '-keypbe', 'NONE', '-certpbe', 'NONE', '-out', exported]);
    const contentInfos = authenticatedSafeOf(new Uint8Array(readFileSync(exported)));
    // Put the renewed certificate (no localKeyId) before Jethro's own (with the key's localKeyId).
    const certificateContent = (contentInfos[0] as asn1js.Sequence).valueBlock.value[1] as asn1js.Constructed;
    const certificateBags = asn1js.fromBER((certificateContent.valueBlock.value[0] as asn1js.OctetString).getValue()).result as asn1js.Sequence;
    expect(certificateBags.valueBlock.value).toHaveLength(2);
    certificateBags.valueBlock.value.reverse();
    certificateContent.valueBlock.value[0] = new asn1js.OctetString({ valueHex: certificateBags.toBER() });
    const id = await readPkcs12(buildPfxWithoutMac(contentInfos), password);
    expect(id.certificates[0]).toEqual(certificateDer('jethro'));
    expect(id.certificates[1]).toEqual(decodePemBlocks(readFileSync(renewed, 'utf8'), 'CERTIFICATE')[0].der);
  });

  it('a stranger with only a self-signed certificate gets a one-certificate identity', async () => {
    const id = await readPkcs12(fixture('stranger.p12'), password);
    expect(id.certificates).toEqual([certificateDer('stranger')]);
  });

  it.each([
    ['PBES2 with DES-EDE3-CBC keys, AES-128 certificates and an HMAC-SHA-512 MAC', ['-keypbe', 'DES-EDE3-CBC', '-certpbe', 'AES-128-CBC', '-macalg', 'sha512']],
    ['PBES2 AES-192 with an HMAC-SHA-384 MAC', ['-keypbe', 'AES-192-CBC', '-certpbe', 'AES-192-CBC', '-macalg', 'sha384']],
    ['PBES2 with an HMAC-SHA-1 MAC and many iterations', ['-macalg', 'sha1', '-iter', '20000', '-maciter']],
    ['two-key 3DES keys and RC2-128 certificates', ['-legacy', '-keypbe', 'PBE-SHA1-2DES', '-certpbe', 'PBE-SHA1-RC2-128']],
    ['unencrypted key and certificate bags', ['-keypbe', 'NONE', '-certpbe', 'NONE']],
    ['no MAC at all', ['-nomac']],
  ])('a file written with %s reads', async (_, options) => {
    const id = await readPkcs12(exportWithOpenssl('jethro', password, options), password);
    expect(id.certificates[0]).toEqual(certificateDer('jethro'));
    expect(id.certificates).toHaveLength(3);
    expect(id.privateKeyPkcs8).toEqual(pkcs8Der('jethro'));
    expect(id.friendlyName).toBe('jethro at test');
  });

  it('a password with accents and Cyrillic letters works, modern and legacy', async () => {
    const unusual = 'grüße ключ';
    for (const options of [[], ['-legacy']]) {
      const id = await readPkcs12(exportWithOpenssl('ellie-may', unusual, options), unusual);
      expect(id.certificates[0]).toEqual(certificateDer('ellie-may'));
      expect(await errorCodeOf(readPkcs12(exportWithOpenssl('ellie-may', unusual, options), 'grusse kluch'))).toBe('wrong-password');
    }
  });
});

describe('refusing a digital ID, with a code the user can be told about', () => {
  it('a wrong password is wrong-password, modern and legacy', async () => {
    expect(await errorCodeOf(readPkcs12(fixture('jethro.p12'), 'correct horse battery'))).toBe('wrong-password');
    expect(await errorCodeOf(readPkcs12(fixture('jethro-legacy.p12'), ''))).toBe('wrong-password');
  });

  it('a wrong password on a file without a MAC is still wrong-password (the key does not decrypt)', async () => {
    expect(await errorCodeOf(readPkcs12(exportWithOpenssl('jethro', password, ['-nomac']), 'not it'))).toBe('wrong-password');
  });

  it('a truncated file is corrupt-pkcs12', async () => {
    expect(await errorCodeOf(readPkcs12(fixture('jethro-truncated.p12'), password))).toBe('corrupt-pkcs12');
  });

  it('a file without a private key is no-private-key', async () => {
    expect(await errorCodeOf(readPkcs12(fixture('jethro-no-key.p12'), password))).toBe('no-private-key');
  });

  it("Bob's key beside Jethro's certificate is key-certificate-mismatch", async () => {
    expect(await errorCodeOf(readPkcs12(fixture('bob-key-jethro-certificate.p12'), password))).toBe('key-certificate-mismatch');
  });

  it("Pearl's RSA 1024 key is unsupported-key, and the message says why", async () => {
    await expect(readPkcs12(fixture('pearl.p12'), password)).rejects.toThrow(/1024-bit RSA key.*under 2048 bits/);
    expect(await errorCodeOf(readPkcs12(fixture('pearl.p12'), password))).toBe('unsupported-key');
  });

  it('a key on a curve WebCrypto lacks (secp256k1) is unsupported-key', async () => {
    const keyFile = join(scratch, 'k1.key');
    const certificateFile = join(scratch, 'k1.pem');
    const out = join(scratch, 'k1.p12');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1', '-out', keyFile]);
    execFileSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=Bitcoin Jethro', '-days', '1', '-out', certificateFile]);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', keyFile, '-in', certificateFile, '-passout', `pass:${password}`, '-out', out]);
    expect(await errorCodeOf(readPkcs12(new Uint8Array(readFileSync(out)), password))).toBe('unsupported-key');
  });

  it('random garbage, PEM text and an empty file are corrupt-pkcs12', async () => {
    const garbage = crypto.getRandomValues(new Uint8Array(3000));
    garbage[0] = 0x30;
    expect(await errorCodeOf(readPkcs12(garbage, password))).toBe('corrupt-pkcs12');
    expect(await errorCodeOf(readPkcs12(crypto.getRandomValues(new Uint8Array(100)).map((byte) => byte | 1), password))).toBe('corrupt-pkcs12');
    expect(await errorCodeOf(readPkcs12(fixture('jethro.pem'), password))).toBe('corrupt-pkcs12');
    expect(await errorCodeOf(readPkcs12(new Uint8Array(0), password))).toBe('corrupt-pkcs12');
  });

  it('a file larger than any digital ID is refused before parsing', async () => {
    expect(await errorCodeOf(readPkcs12(new Uint8Array(5 * 1024 * 1024).fill(0x30), password))).toBe('corrupt-pkcs12');
  });

  it('a file damaged anywhere gives a SignetError, never a crash', { timeout: 120_000 }, async () => {
    const original = fixture('jethro-legacy.p12');
    const codes = new Set<string>();
    for (let attempt = 0; attempt < 30; attempt++) {
      const damaged = original.slice();
      const position = Math.floor((attempt / 30) * damaged.length);
      damaged[position] ^= 1 << attempt % 8;
      codes.add(await errorCodeOf(readPkcs12(damaged, password)));
    }
    expect(codes.has('not a SignetError')).toBe(false);
    expect(codes.has('no error')).toBe(false);
  });

  it('a file without MAC or encryption, damaged anywhere, never crashes the parsers behind the MAC', { timeout: 120_000 }, async () => {
    // Without a MAC, damage reaches the bag, key and certificate parsers: each outcome must be a
    // SignetError or a successful read, never a TypeError from deep inside.
    const original = exportWithOpenssl('ellie-may', password, ['-nomac', '-keypbe', 'NONE', '-certpbe', 'NONE']);
    const crashes: string[] = [];
    for (let position = 0; position < original.length; position += 13) {
      for (const mask of [0x01, 0xff]) {
        const damaged = original.slice();
        damaged[position] ^= mask;
        try {
          await readPkcs12(damaged, password);
        } catch (error) {
          if (!isSignetError(error)) crashes.push(`byte ${position} ^ ${mask}: ${String(error)}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });

  it('an absurd MAC iteration count is refused at once instead of hashing for hours', async () => {
    const pfx = asn1js.fromBER(exportWithOpenssl('jethro', password, [])).result as asn1js.Sequence;
    const macData = pfx.valueBlock.value[2] as asn1js.Sequence;
    macData.valueBlock.value[2] = new asn1js.Integer({ value: 2_000_000_000 });
    const started = Date.now();
    await expect(readPkcs12(new Uint8Array(pfx.toBER()), password)).rejects.toThrow(/2000000000 key derivation rounds/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
