/**
 * AuthEnvelopedData with ChaCha20-Poly1305 content (RFC 8103). OpenSSL 3.0 can't be the peer:
 * `openssl cms -encrypt -chacha20-poly1305` refuses it (its CMS AEAD support is AES-GCM only), so
 * these messages are put together here, with the content sealed by Node's own chacha20-poly1305
 * (OpenSSL's, not Signet's) and the RSA key transport by Signet's encrypt side.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../../shared/errors';
import { decryptMessage } from '../../message/decrypt-message';
import { assembleMessage, buildPkcs7MimeEntity } from '../../mime';
import { decryptEnvelope } from './decrypt-envelope';
import { encryptKeyTransport } from './key-transport';
import { OID } from './object-identifiers';
import { readRecipientCertificate } from './recipient-certificate';
import { buildChaChaMessage as buildChaChaMessageAround, type ChaChaShape } from './testing/chacha-message';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from './testing/openssl-peer';
import { recipientFor } from './testing/people';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());
const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nPlease ship 100 units, not 1000.\r\n');

/** An AuthEnvelopedData for Jethro (RSA-OAEP key transport) with ChaCha20-Poly1305 content sealed by Node. */
async function buildChaChaMessage(shape: ChaChaShape = {}): Promise<Uint8Array> {
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const recipientInfo = await encryptKeyTransport(await readRecipientCertificate(readCertificate('jethro')), contentKey, 'oaep');
  return buildChaChaMessageAround(recipientInfo, contentKey, content, shape);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

describe('AuthEnvelopedData with ChaCha20-Poly1305 (RFC 8103)', () => {
  it('OpenSSL 3.0 cannot write it (so the messages here are built with Node)', () => {
    const input = scratch.write('content.txt', content);
    expect(() => runOpenssl(['cms', '-encrypt', '-binary', '-in', input, '-outform', 'DER', '-chacha20-poly1305', fixturePath('jethro.pem')])).toThrow(
      /unsupported content encryption algorithm/,
    );
  });

  it('is decrypted, and the report names ChaCha20-Poly1305', async () => {
    const opened = await decryptEnvelope(await buildChaChaMessage(), await recipientFor('jethro'));
    expect(new TextDecoder().decode(opened.content)).toBe(new TextDecoder().decode(content));
    expect(opened.kind).toBe('authEnveloped-data');
    expect(opened.encryption.contentEncryption).toBe('ChaCha20-Poly1305');
    expect(opened.encryption.weak).toBe(false);
  });

  it('with authenticated attributes, which are the additional data', async () => {
    const der = await buildChaChaMessage({ attributes: { macedValue: OID.data, sentValue: OID.data } });
    const opened = await decryptEnvelope(der, await recipientFor('jethro'));
    expect(opened.content).toEqual(content);
  });

  it('decryptMessage opens the whole mail (smime-type=authEnveloped-data)', async () => {
    const der = await buildChaChaMessage();
    const mail = assembleMessage(
      [
        { name: 'From', value: 'ellie-may@clampett.example' },
        { name: 'To', value: 'jethro@jedco.example' },
        { name: 'Subject', value: 'Order' },
      ],
      buildPkcs7MimeEntity(der, 'authEnveloped-data'),
    );
    const recipient = await recipientFor('jethro');
    const decrypted = await decryptMessage(mail, recipient);
    expect(decrypted.content).toEqual(content);
    expect(decrypted.encryption.contentEncryption).toBe('ChaCha20-Poly1305');
  });

  it('an altered ciphertext, tag or authenticated attribute is decryption-failed', async () => {
    const recipient = await recipientFor('jethro');
    const flipCiphertext = await buildChaChaMessage({ alter: (parts) => void (parts.ciphertext[20] ^= 0x04) });
    const flipTag = await buildChaChaMessage({ alter: (parts) => void (parts.tag[0] ^= 0x80) });
    const shortTag = await buildChaChaMessage({ alter: (parts) => (parts.tag = parts.tag.subarray(0, 12)) });
    const swappedAttribute = await buildChaChaMessage({ attributes: { macedValue: OID.data, sentValue: OID.signedData } });
    for (const der of [flipCiphertext, flipTag, shortTag, swappedAttribute]) {
      expect(isSignetError(await failureOf(decryptEnvelope(der, recipient)), 'decryption-failed')).toBe(true);
    }
  });

  it('a nonce that is not 12 bytes is malformed-cms', async () => {
    const der = await buildChaChaMessage({ nonceLength: 8 });
    expect(isSignetError(await failureOf(decryptEnvelope(der, await recipientFor('jethro'))), 'malformed-cms')).toBe(true);
  });

  it('ChaCha20-Poly1305 in a plain EnvelopedData (no mac field) is refused as malformed', async () => {
    const der = await buildChaChaMessage({ contentType: OID.envelopedData });
    expect(isSignetError(await failureOf(decryptEnvelope(der, await recipientFor('jethro'))), 'malformed-cms')).toBe(true);
  });
});
