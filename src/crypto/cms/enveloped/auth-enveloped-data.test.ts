import * as asn1js from 'asn1js';
import { afterAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../../shared/errors';
import { decryptEnvelope } from './decrypt-envelope';
import { encryptKeyTransport } from './key-transport';
import { OID } from './object-identifiers';
import { readRecipientCertificate } from './recipient-certificate';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from './testing/openssl-peer';
import { recipientFor } from './testing/people';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());
const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nPlease ship 30 tanker trucks.\r\n');

/** An attribute for authAttrs (RFC 5083 §2.1): contentType = id-data, whose value can be swapped for id-signedData. */
function contentTypeAttribute(value: string): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.3' }), new asn1js.Set({ value: [new asn1js.ObjectIdentifier({ value })] })],
  });
}

/** AuthEnvelopedData to Jethro with authenticated attributes, which neither Signet nor OpenSSL writes by default. */
async function buildWithAuthenticatedAttributes(sentAttributeValue: string = OID.data): Promise<Uint8Array> {
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  // RFC 5083 §2.2: the MAC covers the DER of authAttrs with the SET OF tag (0x31), not [1].
  const additionalData = new Uint8Array(new asn1js.Set({ value: [contentTypeAttribute(OID.data)] }).toBER());
  const key = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData, tagLength: 128 }, key, content));
  const recipientInfo = await encryptKeyTransport(await readRecipientCertificate(readCertificate('jethro')), contentKey, 'pkcs1v15');
  const authEnvelopedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Set({ value: [recipientInfo.toSchema()] }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.data }),
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID.aes256Gcm }),
              new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: nonce }), new asn1js.Integer({ value: 16 })] }),
            ],
          }),
          new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: sealed.slice(0, -16) }),
        ],
      }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [contentTypeAttribute(sentAttributeValue)] }),
      new asn1js.OctetString({ valueHex: sealed.slice(-16) }),
    ],
  });
  const contentInfo = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.authEnvelopedData }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [authEnvelopedData] }),
    ],
  });
  return new Uint8Array(contentInfo.toBER());
}

describe('AuthEnvelopedData with authenticated attributes (RFC 5083 §2.2)', () => {
  // OpenSSL 3.0 can't be the peer here: its CMS_AuthEnvelopedData template reads authAttrs as
  // [2] instead of RFC 5083's [1] ("wrong tag" on a conforming message), so only the
  // attribute-free form (what it writes itself) interoperates; decrypt-message.test.ts covers that.
  it('is decrypted with the attributes as the GCM additional data', async () => {
    const der = await buildWithAuthenticatedAttributes();
    const opened = await decryptEnvelope(der, await recipientFor('jethro'));
    expect(opened.content).toEqual(content);
    expect(opened.kind).toBe('authEnveloped-data');
  });

  it('an AuthEnvelopedData without attributes from OpenSSL is decrypted with no additional data', async () => {
    const input = scratch.write('content.txt', content);
    const der = runOpenssl(['cms', '-encrypt', '-binary', '-in', input, '-outform', 'DER', '-aes-128-gcm', fixturePath('jethro.pem')]);
    const opened = await decryptEnvelope(der, await recipientFor('jethro'));
    expect(opened.content).toEqual(content);
    expect(opened.encryption.contentEncryption).toBe('AES-128-GCM');
  });

  it('an altered authenticated attribute fails the tag check', async () => {
    const der = await buildWithAuthenticatedAttributes(OID.signedData);
    const failure = await decryptEnvelope(der, await recipientFor('jethro')).catch((error: unknown) => error);
    expect(isSignetError(failure, 'decryption-failed')).toBe(true);
  });
});
