/**
 * The algorithm policy (DESIGN.md) with keys made at test time: DSA can't be checked (invalid,
 * unsupported-algorithm), RSA under 1024 bits is refused, Ed25519 (RFC 8419) verifies; and large
 * messages verify without asn1js's default limits getting in the way.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPE_OIDS, DIGEST_OIDS } from '../cms/signed/algorithms';
import { DER_TAG, encodeDer, encodeObjectIdentifier } from '../cms/signed/der';
import { readIssuerAndSerialNumber } from '../cms/signed/create-signed-data';
import { buildSignedAttributes, encodeSignedAttributesForSigning } from '../cms/signed/signed-attributes';
import { decodePemBlocks } from '../encoding/index';
import { createPrivateKeyHandleFromPkcs8 } from '../keys/identity-keys';
import { assembleMessage, buildMultipartSigned } from '../mime/index';
import { signMessage } from './sign-message';
import { verifyMessage } from './verify-message';
import {
  bytes,
  certificateOf,
  ensureFixtures,
  fixturePath,
  makeTemporaryDirectory,
  readFixture,
  runOpenssl,
  signWithOpenssl,
  text,
  type TemporaryDirectory,
} from './signature-peers.test-support';

let directory: TemporaryDirectory;
const trust = () => ({ trustAnchors: [certificateOf('jedco-root.pem')], knownCertificates: [certificateOf('jedco-mail-ca.pem')] });

/** A person certified by the Jed Co Mail CA with a key of the given kind, made now. */
function issuePerson(name: string, keyArguments: string[]): { certificate: string; key: string } {
  const key = directory.file(`${name}.key`);
  runOpenssl(['genpkey', ...keyArguments, '-out', key]);
  const request = directory.file(`${name}.csr`);
  runOpenssl(['req', '-new', '-key', key, '-subj', `/CN=${name}/emailAddress=${name}@clampett.example`, '-out', request]);
  const extensions = directory.file(
    'person.cnf',
    '[person]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' +
      'extendedKeyUsage=emailProtection\nsubjectAltName=email:copy\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  const certificate = directory.file(`${name}.pem`);
  runOpenssl([
    'x509', '-req', '-in', request, '-CA', fixturePath('jedco-mail-ca.pem'), '-CAkey', fixturePath('jedco-mail-ca.key'),
    '-set_serial', `0x${text(runOpenssl(['rand', '-hex', '8'])).trim()}`, '-days', '365', '-extfile', extensions, '-extensions', 'person', '-out', certificate,
  ]);
  return { certificate, key };
}

function signedBy(person: { certificate: string; key: string }, from: string): Uint8Array {
  const content = directory.file('content.txt', 'Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n');
  return runOpenssl(['cms', '-sign', '-in', content, '-signer', person.certificate, '-inkey', person.key, '-from', from]);
}

beforeAll(() => {
  ensureFixtures();
  directory = makeTemporaryDirectory();
});
afterAll(() => directory.remove());

describe('the algorithm policy', () => {
  it('a DSA signature is invalid: Signet says it cannot check DSA', async () => {
    const parameters = directory.file('dsa-parameters.pem');
    runOpenssl(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:2048', '-out', parameters]);
    const verdict = await verifyMessage(signedBy(issuePerson('dsa-user', ['-paramfile', parameters]), 'dsa-user@clampett.example'), trust());
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('unsupported-algorithm');
  });

  it('an ECDSA P-521 signature with SHA-512 is valid', async () => {
    const person = issuePerson('big-curve', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']);
    const content = directory.file('content.txt', 'Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n');
    const message = runOpenssl(['cms', '-sign', '-md', 'sha512', '-in', content, '-signer', person.certificate, '-inkey', person.key, '-from', 'big-curve@clampett.example']);
    const verdict = await verifyMessage(message, trust());
    expect(verdict.signers[0].signatureAlgorithm).toBe('ecdsa-with-SHA512');
    expect(verdict.status).toBe('valid');
  });

  it('a signature by an RSA 512 key is invalid: refused', async () => {
    const person = issuePerson('tiny-key', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:512']);
    const verdict = await verifyMessage(signedBy(person, 'tiny-key@clampett.example'), trust());
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('refused-algorithm');
  });

  it('an Ed25519 signature (RFC 8419: pure EdDSA over the signed attributes, SHA-512 digest) is valid', async () => {
    // OpenSSL 3.0 can't write Ed25519 CMS, so the SignedData is put together here and signed by WebCrypto.
    issuePerson('edwards', ['-algorithm', 'ED25519']);
    const pkcs8 = decodePemBlocks(text(directory.read('edwards.key')), 'PRIVATE KEY')[0].der;
    const key = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['sign']);
    const certificate = decodePemBlocks(text(directory.read('edwards.pem')), 'CERTIFICATE')[0].der;
    const content = bytes('Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', content as Uint8Array<ArrayBuffer>));
    const { der: attributes } = encodeSignedAttributesForSigning(
      buildSignedAttributes({ contentType: CONTENT_TYPE_OIDS.data, messageDigest: digest, signingTime: new Date() }),
    );
    const goodSignature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, attributes as Uint8Array<ArrayBuffer>));
    const forgedSignature = goodSignature.slice();
    forgedSignature[5] ^= 0x01;
    const messageSignedWith = (signature: Uint8Array): Uint8Array => {
      const attributesField = attributes.slice();
      attributesField[0] = DER_TAG.contextConstructed0;
      const digestAlgorithm = encodeDer(DER_TAG.sequence, encodeObjectIdentifier(DIGEST_OIDS['SHA-512']));
      const signerInfo = encodeDer(
        DER_TAG.sequence,
        encodeDer(DER_TAG.integer, Uint8Array.of(1)),
        readIssuerAndSerialNumber(certificate),
        digestAlgorithm,
        attributesField,
        encodeDer(DER_TAG.sequence, encodeObjectIdentifier('1.3.101.112')),
        encodeDer(DER_TAG.octetString, signature),
      );
      const signedData = encodeDer(
        DER_TAG.sequence,
        encodeDer(DER_TAG.integer, Uint8Array.of(1)),
        encodeDer(DER_TAG.set, digestAlgorithm),
        encodeDer(DER_TAG.sequence, encodeObjectIdentifier(CONTENT_TYPE_OIDS.data)),
        encodeDer(DER_TAG.contextConstructed0, certificate),
        encodeDer(DER_TAG.set, signerInfo),
      );
      const contentInfo = encodeDer(DER_TAG.sequence, encodeObjectIdentifier(CONTENT_TYPE_OIDS.signedData), encodeDer(DER_TAG.contextConstructed0, signedData));
      return assembleMessage([{ name: 'From', value: 'edwards@clampett.example' }], buildMultipartSigned(content, contentInfo, 'sha-512'));
    };
    const verdict = await verifyMessage(messageSignedWith(goodSignature), trust());
    expect(verdict.signers[0].signatureAlgorithm).toBe('Ed25519');
    expect(verdict.status).toBe('valid');
    // One bit off in the signature: bad-signature, not a crash.
    const forged = await verifyMessage(messageSignedWith(forgedSignature), trust());
    expect(forged.status).toBe('invalid');
    expect(forged.problems).toContain('bad-signature');
  });
});

describe('large messages', () => {
  it('a 20 MB attachment signed by OpenSSL verifies detached and opaque (BER -stream)', async () => {
    const body = new Uint8Array(15 * 1024 * 1024);
    for (let offset = 0; offset < body.length; offset += 65536) crypto.getRandomValues(body.subarray(offset, offset + 65536));
    const encoded = text(runOpenssl(['base64', '-e'], body)).replace(/\n/g, '\r\n');
    const content = `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${encoded}`;
    for (const form of [[], ['-nodetach', '-stream']]) {
      const message = signWithOpenssl({ signer: 'jethro', content, from: 'jethro@jedco.example', arguments: ['-binary', ...form] });
      expect(message.byteLength).toBeGreaterThan(20_000_000);
      const verdict = await verifyMessage(message, trust());
      expect(verdict.status).toBe('valid');
    }
  }, 120_000);

  it('Signet signs a 20 MB message that OpenSSL then verifies', async () => {
    const pkcs8 = decodePemBlocks(text(readFixture('jethro.key')), 'PRIVATE KEY')[0].der;
    const signer = { key: await createPrivateKeyHandleFromPkcs8(pkcs8), certificates: [certificateOf('jethro.pem'), certificateOf('jedco-mail-ca.pem')] };
    const attachment = 'A'.repeat(76) + '\r\n';
    const message = bytes(
      'From: jethro@jedco.example\r\nSubject: Drawings\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        attachment.repeat(Math.ceil(20_000_000 / attachment.length)),
    );
    for (const form of ['detached', 'opaque'] as const) {
      const signed = await signMessage(message, signer, { form });
      const file = directory.file(`large-${form}.eml`, signed);
      runOpenssl(['cms', '-verify', '-in', file, '-CAfile', fixturePath('jedco-root.pem'), '-out', directory.file(`large-${form}.out`)]);
      expect(directory.read(`large-${form}.out`).byteLength).toBeGreaterThan(20_000_000);
    }
  }, 120_000);
});
