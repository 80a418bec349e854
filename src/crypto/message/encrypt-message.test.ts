import { afterAll, describe, expect, it } from 'vitest';
import { isSignetError, type ErrorCode } from '../../shared/errors';
import { OID } from '../cms/enveloped/object-identifiers';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from '../cms/enveloped/testing/openssl-peer';
import { ORDER_MESSAGE, recipientFor, toCrlfText } from '../cms/enveloped/testing/people';
import { decryptMessage } from './decrypt-message';
import { encryptMessage, type EncryptionRecipient } from './encrypt-message';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());
const order = new TextEncoder().encode(ORDER_MESSAGE);
const orderContent = toCrlfText(ORDER_MESSAGE.slice(ORDER_MESSAGE.indexOf('Content-Type:')));

function to(person: string, extra: Partial<EncryptionRecipient> = {}): EncryptionRecipient {
  return { certificate: readCertificate(person), ...extra };
}

/** `openssl cms -decrypt` as `person`; returns what OpenSSL printed. */
function opensslDecrypt(message: Uint8Array, person: string): string {
  const input = scratch.write(`signet-${Math.random().toString(36).slice(2)}.eml`, message);
  return new TextDecoder().decode(
    runOpenssl(['cms', '-decrypt', '-in', input, '-recip', fixturePath(`${person}.pem`), '-inkey', fixturePath(`${person}.key`)]),
  );
}

/** What `openssl cms -cmsout -print` says about the message's structure. */
function opensslPrint(message: Uint8Array): string {
  const input = scratch.write(`print-${Math.random().toString(36).slice(2)}.eml`, message);
  return new TextDecoder().decode(runOpenssl(['cms', '-cmsout', '-print', '-in', input]));
}

async function expectSignetError(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isSignetError(error, code), `expected SignetError ${code}, got ${String(error)}`).toBe(true);
  return error as Error;
}

describe('Signet encrypts, OpenSSL decrypts', () => {
  it('to Jethro (RSA 2048) with PKCS#1 v1.5 and AES-256-CBC by default', async () => {
    const message = await encryptMessage(order, [to('jethro')]);
    expect(opensslDecrypt(message, 'jethro')).toBe(orderContent);
    const structure = opensslPrint(message);
    expect(structure).toMatch(/pkcs7-envelopedData/);
    expect(structure).toMatch(/algorithm: rsaEncryption/);
    expect(structure).toMatch(/aes-256-cbc/);
  });

  it('to Granny (RSA 4096) with PKCS#1 v1.5', async () => {
    expect(opensslDecrypt(await encryptMessage(order, [to('granny')]), 'granny')).toBe(orderContent);
  });

  it('with RSAES-OAEP (SHA-256, MGF1-SHA-256) when asked', async () => {
    const message = await encryptMessage(order, [to('jethro', { keyTransport: 'oaep' })]);
    expect(opensslDecrypt(message, 'jethro')).toBe(orderContent);
    const structure = opensslPrint(message);
    expect(structure).toMatch(/rsaesOaep/);
    expect(structure.match(/sha256/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('with RSAES-OAEP when the recipient advertised id-RSAES-OAEP', async () => {
    const message = await encryptMessage(order, [to('jethro', { capabilities: [OID.aes256Cbc, OID.rsaesOaep] })]);
    expect(opensslPrint(message)).toMatch(/rsaesOaep/);
    expect(opensslDecrypt(message, 'jethro')).toBe(orderContent);
  });

  it('to Ellie-May (EC P-256) with ECDH, the SHA-256 KDF and AES-256 key wrap', async () => {
    const message = await encryptMessage(order, [to('ellie-may')]);
    expect(opensslDecrypt(message, 'ellie-may')).toBe(orderContent);
    const structure = opensslPrint(message);
    expect(structure).toMatch(/dhSinglePass-stdDH-sha256kdf-scheme/);
    expect(structure).toMatch(/id-aes256-wrap/);
  });

  it('to Jed (EC P-384) with AES-128-GCM: AES-128 key wrap to match', async () => {
    const message = await encryptMessage(order, [to('jed')], { content: 'aes-128-gcm' });
    expect(opensslDecrypt(message, 'jed')).toBe(orderContent);
    expect(opensslPrint(message)).toMatch(/id-aes128-wrap/);
  });

  for (const content of ['aes-128-gcm', 'aes-256-gcm'] as const) {
    it(`${content} is AuthEnvelopedData (RFC 5083) with the tag in the mac field`, async () => {
      const message = await encryptMessage(order, [to('jethro'), to('ellie-may')], { content });
      expect(new TextDecoder().decode(message)).toMatch(/smime-type=authEnveloped-data/);
      const structure = opensslPrint(message);
      expect(structure).toMatch(/id-smime-ct-authEnvelopedData/);
      expect(structure).toMatch(new RegExp(`id-${content.replace('-gcm', '')}-GCM|${content}`, 'i'));
      expect(opensslDecrypt(message, 'jethro')).toBe(orderContent);
      expect(opensslDecrypt(message, 'ellie-may')).toBe(orderContent);
    });
  }

  it('chooses AES-256-GCM when every recipient advertised it, and AES-256-CBC when one did not', async () => {
    const gcm = [OID.aes256Gcm, OID.aes256Cbc];
    const allGcm = await encryptMessage(order, [to('jethro', { capabilities: gcm }), to('ellie-may', { capabilities: gcm })]);
    expect(new TextDecoder().decode(allGcm)).toMatch(/authEnveloped-data/);
    const oneWithout = await encryptMessage(order, [to('jethro', { capabilities: gcm }), to('ellie-may', { capabilities: [OID.aes256Cbc] })]);
    expect(new TextDecoder().decode(oneWithout)).toMatch(/smime-type=enveloped-data/);
  });

  it('a ukm in ECC-CMS-SharedInfo (RFC 5753) is honoured by OpenSSL and by Signet', async () => {
    const userKeyingMaterial = crypto.getRandomValues(new Uint8Array(64));
    const message = await encryptMessage(order, [to('ellie-may'), to('jed')], { userKeyingMaterial });
    expect(opensslPrint(message)).toMatch(/ukm: \s*\n?\s*0000 -/);
    expect(opensslDecrypt(message, 'ellie-may')).toBe(orderContent);
    expect(opensslDecrypt(message, 'jed')).toBe(orderContent);
    const result = await decryptMessage(message, await recipientFor('jed'));
    expect(new TextDecoder().decode(result.content)).toBe(orderContent);
  });
});

describe('the encrypted message', () => {
  it('keeps From, To, Subject and Date outside and the Content-* fields inside', async () => {
    const message = new TextDecoder().decode(await encryptMessage(order, [to('ellie-may'), to('jethro')]));
    const [header] = message.split('\r\n\r\n');
    expect(header).toContain('From: Jethro Bodine <jethro@jedco.example>');
    expect(header).toContain('Subject: Order for tanker trucks');
    expect(header).toContain('Date: Sat, 28 Nov 2026 10:00:00 +0000');
    expect(header).toContain('MIME-Version: 1.0');
    expect(header).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=enveloped-data/);
    expect(header).not.toContain('text/plain');
    expect(message).not.toContain('Please ship');
  });

  it('round-trips through Signet for every recipient, with the same certificate listed once', async () => {
    const message = await encryptMessage(order, [to('jethro'), to('ellie-may'), to('jethro')], { content: 'aes-256-gcm' });
    expect(opensslPrint(message).match(/issuerAndSerialNumber|rKeyId/g)?.length).toBe(2);
    for (const person of ['jethro', 'ellie-may']) {
      const result = await decryptMessage(message, await recipientFor(person));
      expect(new TextDecoder().decode(result.content)).toBe(orderContent);
      expect(result.encryption.contentEncryption).toBe('AES-256-GCM');
    }
  });

  it('a message of 20 MB is encrypted and decrypted (no asn1js size limit, no 1 KiB pieces)', async () => {
    const line = 'Please ship 30 tanker trucks to the Clampett place, and more tanker trucks.\r\n';
    const big = new TextEncoder().encode(`${toCrlfText(ORDER_MESSAGE)}${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`);
    const message = await encryptMessage(big, [to('jethro')]);
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(result.content.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(opensslDecrypt(message, 'jethro').length).toBe(result.content.length);
  }, 120_000);
});

describe('who can not be encrypted to', () => {
  it('an empty recipient list is refused', async () => {
    await expectSignetError(encryptMessage(order, []), 'no-recipients');
  });

  it('a CA certificate whose key usage lacks keyEncipherment is refused', async () => {
    const error = await expectSignetError(encryptMessage(order, [to('jethro'), to('jedco-mail-ca')]), 'recipient-certificate-unusable');
    expect(error.message).toMatch(/keyEncipherment/);
  });

  it('a web server certificate (serverAuth only) is refused', async () => {
    const error = await expectSignetError(encryptMessage(order, [to('webserver')]), 'recipient-certificate-unusable');
    expect(error.message).toMatch(/e-mail protection/);
  });

  it('garbage instead of a certificate is a malformed-certificate error', async () => {
    await expectSignetError(encryptMessage(order, [{ certificate: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) }]), 'malformed-certificate');
  });
});
