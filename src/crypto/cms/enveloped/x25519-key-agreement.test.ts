/**
 * X25519 recipients (RFC 8418). OpenSSL 3.0 can't write such a message (`cms -encrypt` to an
 * X25519 certificate fails: it has no RFC 8418 in CMS), so the peers are: OpenSSL for the person,
 * the digital ID and the X25519 shared secret (`pkeyutl -derive`), Node's own X25519, HKDF and
 * AES key wrap for a message assembled here independently of Signet's encoder, and Signet's
 * encrypt side for whole mails.
 */
import * as asn1js from 'asn1js';
import { createCipheriv, diffieHellman, generateKeyPairSync, hkdfSync, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isSignetError } from '../../../shared/errors';
import { createPrivateKeyHandle, importIdentityKeys } from '../../keys/identity-keys';
import type { PrivateKeyHandle } from '../../keys/private-key-handle';
import { decryptMessage } from '../../message/decrypt-message';
import { encryptMessage } from '../../message/encrypt-message';
import { readPkcs12 } from '../../pkcs12/read-pkcs12';
import { summarizeCertificate } from '../../x509/certificate-summary';
import { decryptEnvelope } from './decrypt-envelope';
import { OID } from './object-identifiers';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from './testing/openssl-peer';
import { ORDER_MESSAGE, recipientFor, toCrlfText } from './testing/people';
import { DIGITAL_ID_PASSWORD, makeX25519Person, type X25519Person } from './testing/x25519-person';

const scratch = makeScratchDirectory();
let xavier: X25519Person;
let xavierKey: PrivateKeyHandle;
let yolanda: X25519Person;
const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nPlease ship 30 tanker trucks.\r\n');

beforeAll(async () => {
  xavier = makeX25519Person(scratch, 'xavier');
  yolanda = makeX25519Person(scratch, 'yolanda');
  xavierKey = createPrivateKeyHandle(await importIdentityKeys(await readPkcs12(xavier.p12, DIGITAL_ID_PASSWORD)));
}, 60_000);
afterAll(() => scratch.dispose());

const hashOf = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
const kdfOf = { 'SHA-256': OID.dhSinglePassStdDhHkdfSha256, 'SHA-384': OID.dhSinglePassStdDhHkdfSha384, 'SHA-512': OID.dhSinglePassStdDhHkdfSha512 } as const;

interface IndependentMessage {
  hash?: keyof typeof hashOf;
  /** AES key wrap size in bits. */
  wrap?: 128 | 256;
  ukm?: Uint8Array;
  kdfOid?: string;
  /** Replaces the 32-byte ephemeral public key that is sent. */
  sentOriginatorKey?: Uint8Array;
  alterWrappedKey?: boolean;
}

const explicitTag = (tagNumber: number, ...value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });
const der = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER());

/** IssuerAndSerialNumber (RFC 5652 §10.2.4) read straight from the certificate's TBSCertificate. */
function issuerAndSerialNumber(certificate: Uint8Array): asn1js.Sequence {
  const tbs = (asn1js.fromBER(certificate).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const fields = tbs.valueBlock.value;
  const offset = fields[0].idBlock.tagClass === 3 ? 1 : 0;
  return new asn1js.Sequence({ value: [fields[offset + 2], fields[offset]] });
}

/**
 * An EnvelopedData to Xavier per RFC 8418, with Node's primitives: X25519, HKDF (no salt, info =
 * ECC-CMS-SharedInfo), AES key wrap (RFC 3394) and AES-256-CBC content.
 */
function buildIndependently(recipient: X25519Person, options: IndependentMessage = {}): Uint8Array {
  const hash = options.hash ?? 'SHA-256';
  const wrapBits = options.wrap ?? 256;
  const recipientKey = new X509Certificate(Buffer.from(recipient.certificate)).publicKey;
  const ephemeral = generateKeyPairSync('x25519');
  const sharedSecret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey });
  const ephemeralPublic = new Uint8Array(ephemeral.publicKey.export({ format: 'der', type: 'spki' })).subarray(12);

  const wrapAlgorithm = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: wrapBits === 128 ? OID.aes128Wrap : OID.aes256Wrap })] });
  const suppPubInfo = new Uint8Array(4);
  new DataView(suppPubInfo.buffer).setUint32(0, wrapBits);
  const sharedInfo = new asn1js.Sequence({
    value: [
      wrapAlgorithm,
      ...(options.ukm ? [explicitTag(0, new asn1js.OctetString({ valueHex: options.ukm }))] : []),
      explicitTag(2, new asn1js.OctetString({ valueHex: suppPubInfo })),
    ],
  });
  const keyEncryptionKey = Buffer.from(hkdfSync(hashOf[hash], sharedSecret, Buffer.alloc(0), der(sharedInfo), wrapBits / 8));
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const wrapper = createCipheriv(`id-aes${wrapBits}-wrap`, keyEncryptionKey, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  const wrappedKey = new Uint8Array(Buffer.concat([wrapper.update(contentKey), wrapper.final()]));
  if (options.alterWrappedKey) wrappedKey[3] ^= 0x01;
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const cipher = createCipheriv('aes-256-cbc', contentKey, iv);
  const ciphertext = new Uint8Array(Buffer.concat([cipher.update(content), cipher.final()]));

  const keyAgreeRecipientInfo = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.Integer({ value: 3 }),
      explicitTag(
        0,
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 1 },
          value: [
            new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.x25519 })] }),
            new asn1js.BitString({ valueHex: options.sentOriginatorKey ?? ephemeralPublic }),
          ],
        }),
      ),
      ...(options.ukm ? [explicitTag(1, new asn1js.OctetString({ valueHex: options.ukm }))] : []),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: options.kdfOid ?? kdfOf[hash] }), wrapAlgorithm] }),
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [issuerAndSerialNumber(recipient.certificate), new asn1js.OctetString({ valueHex: wrappedKey })] })],
      }),
    ],
  });
  const envelopedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 2 }),
      new asn1js.Set({ value: [keyAgreeRecipientInfo] }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.data }),
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.aes256Cbc }), new asn1js.OctetString({ valueHex: iv })] }),
          new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: ciphertext }),
        ],
      }),
    ],
  });
  return der(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.envelopedData }), explicitTag(0, envelopedData)] }));
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

describe('an X25519 digital ID (RFC 8410)', () => {
  it('is read from a PKCS#12 made by OpenSSL and imported as a non-extractable X25519 key', async () => {
    const digitalId = await readPkcs12(xavier.p12, DIGITAL_ID_PASSWORD);
    expect(digitalId.keyType).toBe('EC');
    expect(digitalId.namedCurve).toBe('X25519');
    expect(digitalId.certificates[0]).toEqual(xavier.certificate);
    const summary = await summarizeCertificate(xavier.certificate);
    expect(summary).toMatchObject({ keyAlgorithm: 'EC', keySizeBits: 256, emailAddresses: [xavier.address] });
    const keys = await importIdentityKeys(digitalId);
    if (keys.keyType !== 'X25519') throw new Error(`imported as ${keys.keyType}`);
    expect(keys.x25519Key.extractable).toBe(false);
    expect(await failureOf(crypto.subtle.exportKey('pkcs8', keys.x25519Key))).toBeInstanceOf(Error);
  });

  it('is refused with key-certificate-mismatch beside another X25519 certificate', async () => {
    const mixed = scratch.path('mixed.p12');
    // OpenSSL refuses to pair them itself: the key goes in with -nocerts, the certificate with -certfile.
    runOpenssl(['pkcs12', '-export', '-inkey', xavier.keyPath, '-nocerts', '-certfile', yolanda.certificatePath, '-passout', `pass:${DIGITAL_ID_PASSWORD}`, '-out', mixed]);
    const failure = await failureOf(readPkcs12(scratch.read('mixed.p12'), DIGITAL_ID_PASSWORD));
    expect(isSignetError(failure, 'key-certificate-mismatch'), String(failure)).toBe(true);
  });

  it('in a WebCrypto without X25519 it is unsupported-key, not a corrupt file', async () => {
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'importKey').mockImplementation(((...parameters: Parameters<typeof importKey>) => {
      const algorithm = parameters[2];
      if (typeof algorithm === 'object' && algorithm.name === 'X25519') return Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'));
      return importKey(...parameters);
    }) as typeof crypto.subtle.importKey);
    try {
      const failure = await failureOf(readPkcs12(xavier.p12, DIGITAL_ID_PASSWORD));
      expect(isSignetError(failure, 'unsupported-key'), String(failure)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it("derives the same shared secret as OpenSSL's pkeyutl -derive", async () => {
    const peerKey = scratch.path('peer.key');
    runOpenssl(['genpkey', '-algorithm', 'X25519', '-out', peerKey]);
    const peerPublic = scratch.path('peer.pub');
    runOpenssl(['pkey', '-in', peerKey, '-pubout', '-out', peerPublic]);
    const expected = runOpenssl(['pkeyutl', '-derive', '-inkey', xavier.keyPath, '-peerkey', peerPublic]);
    const peerSpki = runOpenssl(['pkey', '-pubin', '-in', peerPublic, '-outform', 'DER']);
    expect(await xavierKey.deriveEcdhSecret(peerSpki)).toEqual(expected);
  });

  it('signs nothing: signing asks are unsupported-algorithm', async () => {
    const failure = await failureOf(xavierKey.sign('ECDSA', 'SHA-256', new Uint8Array(8)));
    expect(isSignetError(failure, 'unsupported-algorithm')).toBe(true);
  });
});

describe('decrypting to an X25519 recipient (RFC 8418)', () => {
  it('OpenSSL 3.0 cannot write it: cms -encrypt to an X25519 certificate fails', () => {
    const input = scratch.write('content.txt', content);
    expect(() => runOpenssl(['cms', '-encrypt', '-binary', '-in', input, '-outform', 'DER', '-aes-256-cbc', xavier.certificatePath])).toThrow(/failed/);
  });

  for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
    it(`opens a message made with Node's X25519, HKDF-${hash} and AES key wrap`, async () => {
      const opened = await decryptEnvelope(buildIndependently(xavier, { hash }), { key: xavierKey, certificate: xavier.certificate });
      expect(opened.content).toEqual(content);
      expect(opened.encryption.keyManagement[0]).toBe(`ECDH (X25519, HKDF-${hash}, AES-256 key wrap)`);
    });
  }

  it('with a ukm (entityUInfo in the HKDF info) and an AES-128 key wrap', async () => {
    const ukm = crypto.getRandomValues(new Uint8Array(64));
    const opened = await decryptEnvelope(buildIndependently(xavier, { ukm, wrap: 128 }), { key: xavierKey, certificate: xavier.certificate });
    expect(opened.content).toEqual(content);
  });

  it('a message for someone else is not-a-recipient, naming them', async () => {
    const failure = await failureOf(decryptEnvelope(buildIndependently(yolanda), { key: xavierKey, certificate: xavier.certificate }));
    expect(isSignetError(failure, 'not-a-recipient')).toBe(true);
    expect((failure as Error).message).toContain('Jed Co Mail CA');
  });

  it('a damaged wrapped key, a short or low-order originator key, or an X9.63 KDF give SignetErrors', async () => {
    const recipient = { key: xavierKey, certificate: xavier.certificate };
    const cases: [IndependentMessage, string][] = [
      [{ alterWrappedKey: true }, 'decryption-failed'],
      [{ sentOriginatorKey: new Uint8Array(31).fill(9) }, 'decryption-failed'],
      [{ sentOriginatorKey: new Uint8Array(32) }, 'decryption-failed'],
      // u = 1 is a point of order 4 (RFC 7748 §6.1's all-zero output).
      [{ sentOriginatorKey: Uint8Array.of(1, ...new Uint8Array(31)) }, 'decryption-failed'],
      [{ kdfOid: OID.dhSinglePassStdDhSha256Kdf }, 'unsupported-algorithm'],
    ];
    for (const [options, code] of cases) {
      const failure = await failureOf(decryptEnvelope(buildIndependently(xavier, options), recipient));
      expect(isSignetError(failure, code as 'decryption-failed'), `${JSON.stringify(Object.keys(options))}: ${String(failure)}`).toBe(true);
    }
  });

  it('an RSA key presented for the X25519 slot is decryption-failed, not a crash', async () => {
    const jethro = await recipientFor('jethro');
    const failure = await failureOf(decryptEnvelope(buildIndependently(xavier), { key: jethro.key, certificate: xavier.certificate }));
    expect(isSignetError(failure, 'decryption-failed')).toBe(true);
  });
});

describe('encrypting to an X25519 recipient', () => {
  it('Signet encrypts to Xavier (X25519) and Jethro (RSA); both decrypt, Jethro also with OpenSSL', async () => {
    const message = new TextEncoder().encode(toCrlfText(ORDER_MESSAGE));
    const encrypted = await encryptMessage(message, [{ certificate: xavier.certificate }, { certificate: readCertificate('jethro') }]);
    const forXavier = await decryptMessage(encrypted, { key: xavierKey, certificate: xavier.certificate });
    expect(new TextDecoder().decode(forXavier.content)).toContain('Please ship 30 tanker trucks');
    expect(forXavier.encryption.keyManagement[0]).toBe('ECDH (X25519, HKDF-SHA-256, AES-256 key wrap)');
    const forJethro = await decryptMessage(encrypted, await recipientFor('jethro'));
    expect(forJethro.content).toEqual(forXavier.content);
    const file = scratch.write('encrypted.eml', encrypted);
    const byOpenssl = runOpenssl(['cms', '-decrypt', '-in', file, '-recip', fixturePath('jethro.pem'), '-inkey', fixturePath('jethro.key')]);
    expect(new TextDecoder().decode(byOpenssl)).toContain('Please ship 30 tanker trucks');
  });

  it('a ukm and AES-GCM content work too', async () => {
    const message = new TextEncoder().encode(toCrlfText(ORDER_MESSAGE));
    const ukm = crypto.getRandomValues(new Uint8Array(16));
    const encrypted = await encryptMessage(message, [{ certificate: xavier.certificate }], { content: 'aes-128-gcm', userKeyingMaterial: ukm });
    const opened = await decryptMessage(encrypted, { key: xavierKey, certificate: xavier.certificate });
    expect(opened.encryption.contentEncryption).toBe('AES-128-GCM');
  });
});
