/**
 * gpgsm (GnuPG 2.2) as the second real peer for enveloped mail. What 2.2 supports sets the
 * scope: RSA PKCS#1 v1.5 key transport with AES-CBC content, both ways (it has no ECDH
 * encryption, no RSAES-OAEP and no AuthEnvelopedData).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from '../cms/enveloped/testing/openssl-peer';
import { ORDER_MESSAGE, recipientFor, toCrlfText } from '../cms/enveloped/testing/people';
import { decryptMessage } from './decrypt-message';
import { encryptMessage } from './encrypt-message';

const scratch = makeScratchDirectory();
const home = scratch.path('gnupg');
const password = 'correct horse';

function gpgsm(args: string[], input?: string | Uint8Array): { status: number | null; stdout: Uint8Array; stderr: string } {
  const result = spawnSync('gpgsm', ['--batch', '--pinentry-mode', 'loopback', ...args], {
    env: { ...process.env, GNUPGHOME: home },
    input,
    timeout: 30_000,
  });
  return { status: result.status, stdout: new Uint8Array(result.stdout), stderr: result.stderr.toString() };
}

beforeAll(() => {
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(`${home}/gpgsm.conf`, 'disable-crl-checks\n');
  writeFileSync(`${home}/gpg-agent.conf`, 'allow-loopback-pinentry\n');
  const imported = gpgsm(['--import', fixturePath('jedco-root.pem'), fixturePath('jedco-mail-ca.pem'), fixturePath('jethro.pem')]);
  expect(imported.status, imported.stderr).toBe(0);
  const fingerprint = new TextDecoder().decode(runOpenssl(['x509', '-in', fixturePath('jedco-root.pem'), '-noout', '-fingerprint', '-sha1'])).trim().split('=')[1];
  writeFileSync(`${home}/trustlist.txt`, `${fingerprint} S\n`);
  // gpgsm 2.2 reads neither OpenSSL 3's PBES2 nor RC2-encrypted certificate bags: a 3DES key bag it reads.
  const p12 = scratch.path('jethro-for-gpgsm.p12');
  runOpenssl(['pkcs12', '-export', '-in', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key'), '-out', p12,
    '-passout', `pass:${password}`, '-certpbe', 'NONE', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
  const keyImport = gpgsm(['--passphrase-fd', '0', '--import', p12], `${password}\n`);
  expect(keyImport.stderr).toMatch(/secret keys imported: 1|secret keys unchanged: 1/);
});

afterAll(() => {
  spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
  scratch.dispose();
});

describe('gpgsm and Signet, enveloped mail', () => {
  it('gpgsm encrypts to Jethro, Signet decrypts', async () => {
    const input = scratch.write('order.eml', toCrlfText(ORDER_MESSAGE));
    const encrypted = gpgsm(['--encrypt', '-r', 'jethro@jedco.example', input]);
    expect(encrypted.status, encrypted.stderr).toBe(0);
    const base64 = Buffer.from(encrypted.stdout).toString('base64').replace(/.{1,76}/g, '$&\r\n');
    const message = new TextEncoder().encode(
      `Subject: from gpgsm\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}`,
    );
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(new TextDecoder().decode(result.content)).toBe(toCrlfText(ORDER_MESSAGE));
    expect(result.encryption.keyManagement[0]).toBe('RSAES-PKCS1-v1_5');
  });

  it('Signet encrypts to Jethro (PKCS#1 v1.5, AES-256-CBC), gpgsm decrypts', async () => {
    const message = await encryptMessage(new TextEncoder().encode(ORDER_MESSAGE), [{ certificate: readCertificate('jethro') }]);
    const der = runOpenssl(['cms', '-cmsout', '-outform', 'DER', '-in', scratch.write('signet.eml', message)]);
    const decrypted = gpgsm(['--passphrase-fd', '0', '--decrypt', scratch.write('signet.der', der)], `${password}\n`);
    expect(decrypted.status, decrypted.stderr).toBe(0);
    expect(new TextDecoder().decode(decrypted.stdout)).toBe(toCrlfText(ORDER_MESSAGE.slice(ORDER_MESSAGE.indexOf('Content-Type:'))));
  });
});
