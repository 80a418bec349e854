/**
 * Signet writes, OpenSSL and gpgsm read: every scheme and hash Signet signs with, detached and
 * opaque, checked by `openssl cms -verify -CAfile jedco-root.pem -purpose smimesign`, by
 * `gpgsm --verify`, and by Signet itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePemBlocks } from '../encoding/index';
import { createPrivateKeyHandleFromPkcs8 } from '../keys/identity-keys';
import type { HashName, SignatureScheme } from '../keys/private-key-handle';
import { decodeBody, getHeaderValue, getHeaderValues, parseMimeMessage } from '../mime/index';
import { signMessage, type MessageSigner } from './sign-message';
import { verifyMessage } from './verify-message';
import {
  bytes,
  certificateOf,
  certificatesOf,
  ensureFixtures,
  fixturePath,
  makeTemporaryDirectory,
  mailDate,
  readFixture,
  runOpenssl,
  text,
} from './signature-peers.test-support';

const LONG_LINE = 'Please ship 100 units of tanker trucks to Jed Co, '.repeat(6).trim();
const ORDER =
  'From: Jethro Bodine <jethro@jedco.example>\r\nTo: Ellie May <ellie-may@clampett.example>\r\n' +
  `Subject: Order: tanker trucks\r\nDate: ${mailDate(new Date())}\r\nMIME-Version: 1.0\r\n` +
  `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${LONG_LINE}\r\nThanks, Jéthro\r\n`;

async function signerFor(person: string): Promise<MessageSigner> {
  const pkcs8 = decodePemBlocks(new TextDecoder().decode(readFixture(`${person}.key`)), 'PRIVATE KEY')[0].der;
  return { key: await createPrivateKeyHandleFromPkcs8(pkcs8), certificates: [...certificatesOf(`${person}.pem`), certificateOf('jedco-mail-ca.pem')] };
}

function verifyWithOpenssl(message: Uint8Array): string {
  const directory = makeTemporaryDirectory();
  try {
    const input = directory.file('signed.eml', message);
    const result = spawnSync('openssl', [
      'cms', '-verify', '-in', input, '-CAfile', fixturePath('jedco-root.pem'), '-purpose', 'smimesign', '-out', directory.file('content.txt'),
    ]);
    expect(result.stderr.toString()).toContain('Verification successful');
    expect(result.status).toBe(0);
    return text(directory.read('content.txt'));
  } finally {
    directory.remove();
  }
}

/**
 * gpgsm as PKIJS-NOTES.md says: a temporary GNUPGHOME with the root imported and trusted, CRL
 * checks off (no network), the signed part and the .p7s as separate files.
 */
function verifyWithGpgsm(message: Uint8Array): { status: number; output: string } {
  const directory = makeTemporaryDirectory();
  try {
    const home = join(directory.path, 'gnupg');
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'gpgsm.conf'), 'disable-crl-checks\ndisable-dirmngr\n');
    const environment = { ...process.env, GNUPGHOME: home };
    const importResult = spawnSync('gpgsm', ['--batch', '--import', fixturePath('jedco-root.pem'), fixturePath('jedco-mail-ca.pem')], { env: environment });
    expect(importResult.status).toBe(0);
    const fingerprint = text(runOpenssl(['x509', '-in', fixturePath('jedco-root.pem'), '-noout', '-fingerprint', '-sha1']))
      .split('=')[1]
      .trim();
    writeFileSync(join(home, 'trustlist.txt'), `${fingerprint} S relax\n`);
    const root = parseMimeMessage(message);
    let args: string[];
    if (root.contentType.subtype === 'signed') {
      const signature = directory.file('smime.p7s', decodeBody(root.children[1]));
      const content = directory.file('content.eml', root.children[0].raw);
      args = ['--verify', signature, content];
    } else {
      args = ['--verify', '--output', join(directory.path, 'out.txt'), directory.file('smime.p7m', decodeBody(root))];
    }
    const result = spawnSync('gpgsm', ['--batch', '--disable-crl-checks', ...args], { env: environment });
    spawnSync('gpgconf', ['--kill', 'all'], { env: environment });
    return { status: result.status ?? -1, output: result.stderr.toString() };
  } finally {
    directory.remove();
  }
}

beforeAll(() => ensureFixtures());

describe('Signet signs, OpenSSL and gpgsm verify', () => {
  const cases: { person: string; scheme?: SignatureScheme; hash?: HashName }[] = [
    { person: 'jethro' },
    { person: 'jethro', hash: 'SHA-384' },
    { person: 'jethro', hash: 'SHA-512' },
    { person: 'jethro', scheme: 'RSA-PSS' },
    { person: 'jethro', scheme: 'RSA-PSS', hash: 'SHA-512' },
    { person: 'ellie-may' },
    { person: 'jed', hash: 'SHA-384' },
  ];
  const trust = () => ({ trustAnchors: [certificateOf('jedco-root.pem')] });

  for (const { person, scheme, hash } of cases) {
    for (const form of ['detached', 'opaque'] as const) {
      it(`${person}, ${scheme ?? 'default scheme'}, ${hash ?? 'SHA-256'}, ${form}`, async () => {
        const signed = await signMessage(bytes(ORDER), await signerFor(person), { form, scheme, hash });
        const content = verifyWithOpenssl(signed);
        expect(content).toContain('Please ship 100 units');
        const gpgsm = verifyWithGpgsm(signed);
        expect(gpgsm.output).toMatch(new RegExp(`Good signature from ".*EMail=${person}@`));
        expect(gpgsm.status).toBe(0);
        const verdict = await verifyMessage(signed, trust());
        expect(verdict.problems).not.toContain('digest-mismatch');
        // Jethro's From is only right for Jethro: the others get a mismatch, never anything worse.
        expect(verdict.status).toBe(person === 'jethro' ? 'valid' : 'mismatch');
        expect(verdict.layers[0]).toMatchObject({ kind: 'signed', form });
      });
    }
  }
});

describe('what a Signet signature says', () => {
  it('keeps From, To and Subject outside, and protects copies of them inside (RFC 9788)', async () => {
    const signed = await signMessage(bytes(ORDER), await signerFor('jethro'));
    const root = parseMimeMessage(signed);
    expect(getHeaderValue(root, 'from')).toBe('Jethro Bodine <jethro@jedco.example>');
    expect(getHeaderValue(root, 'subject')).toBe('Order: tanker trucks');
    expect(getHeaderValues(root, 'mime-version')).toEqual(['1.0']);
    expect(root.contentType).toMatchObject({ type: 'multipart', subtype: 'signed' });
    expect(root.contentType.parameters).toMatchObject({ protocol: 'application/pkcs7-signature', micalg: 'sha-256' });
    const verdict = await verifyMessage(signed, { trustAnchors: [certificateOf('jedco-root.pem')] });
    expect(verdict.protectedHeaders?.Subject).toBe('Order: tanker trucks');
    expect(verdict.status).toBe('valid');
  });

  it("encodes long and 8-bit lines so Gmail can't fold them, and they survive a 76-column fold", async () => {
    const signed = text(await signMessage(bytes(ORDER), await signerFor('jethro')));
    for (const line of signed.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect([...signed].every((character) => character.charCodeAt(0) < 128)).toBe(true);
  });

  it('signs contentType, signingTime, messageDigest and SMIMECapabilities in preference order, with the chain', async () => {
    const signingTime = new Date('2026-03-02T09:00:00Z');
    const signed = await signMessage(bytes(ORDER), await signerFor('jethro'), { form: 'opaque', signingTime });
    const der = decodeBody(parseMimeMessage(signed));
    const printed = text(runOpenssl(['cms', '-cmsout', '-print', '-inform', 'DER'], der));
    expect(printed).toContain('contentType');
    expect(printed).toContain('messageDigest');
    expect(printed).toMatch(/signingTime[\s\S]*Mar  2 09:00:00 2026 GMT/);
    const capabilities = [...printed.matchAll(/OBJECT\s+:(aes-256-gcm|aes-128-gcm|aes-256-cbc|aes-192-cbc|aes-128-cbc|rsaesOaep)/g)].map((match) => match[1]);
    expect(capabilities).toEqual(['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-192-cbc', 'aes-128-cbc', 'rsaesOaep']);
    const verdict = await verifyMessage(signed, { trustAnchors: [certificateOf('jedco-root.pem')], at: new Date('2026-03-02T09:30:00Z') });
    expect(verdict.signingTime).toBe('2026-03-02T09:00:00.000Z');
    expect(verdict.signers[0].chain.length).toBe(3);
    expect(verdict.signers[0].capabilities[0]).toBe('2.16.840.1.101.3.4.1.46');
  });

  it('a draft dated three hours before it is signed gets the signing time as its Date, so it is no replay', async () => {
    const written = new Date(Date.now() - 3 * 3600 * 1000);
    const draft = ORDER.replace(/^Date: .*$/m, `Date: ${mailDate(written)}`);
    const signed = await signMessage(bytes(draft), await signerFor('jethro'));
    const verdict = await verifyMessage(signed, { trustAnchors: [certificateOf('jedco-root.pem')] });
    expect(verdict.status).toBe('valid');
    const date = new Date(getHeaderValue(parseMimeMessage(signed), 'date') ?? '');
    expect(Math.abs(date.getTime() - new Date(verdict.signingTime ?? 0).getTime())).toBeLessThan(1000);
    expect(getHeaderValues(parseMimeMessage(signed), 'date')).toHaveLength(1);
  });

  it('refuses a scheme the key cannot make (ECDSA with an RSA key)', async () => {
    await expect(signMessage(bytes(ORDER), await signerFor('jethro'), { scheme: 'ECDSA' })).rejects.toMatchObject({ code: 'unsupported-algorithm' });
  });
});
