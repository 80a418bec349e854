/**
 * Ed25519 signers (RFC 8419) against a real peer. OpenSSL 3.0 can neither write nor check Ed25519
 * CMS (`cms -sign` stops at "no default digest" / "invalid digest", and `cms -verify` fails the
 * same way), so OpenSSL makes the person, the certificate (issued by the Jed Co Mail CA) and the
 * EdDSA signature itself (`pkeyutl -sign -rawin`, pure Ed25519), and the SignedData around it is
 * written here with asn1js, apart from Signet's own encoder. The other way round, an Ed25519
 * digital ID made by OpenSSL signs in Signet, and OpenSSL's `pkeyutl -verify` checks the signature.
 */
import * as asn1js from 'asn1js';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodePemBlocks } from '../encoding/index';
import { createPrivateKeyHandle, importIdentityKeys } from '../keys/identity-keys';
import { assembleMessage, buildMultipartSigned, decodeBody, parseMimeMessage } from '../mime/index';
import { readPkcs12 } from '../pkcs12/read-pkcs12';
import { signMessage } from './sign-message';
import { verifyMessage } from './verify-message';
import { bytes, certificateOf, ensureFixtures, fixturePath, makeTemporaryDirectory, runOpenssl, text, type TemporaryDirectory } from './signature-peers.test-support';

const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha512: '2.16.840.1.101.3.4.2.3',
  ed25519: '1.3.101.112',
};

let directory: TemporaryDirectory;
let edwardsCertificate: Uint8Array;
const address = 'edwards@clampett.example';
const content = bytes('Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease ship 100 units.\r\n');
const trust = () => ({ trustAnchors: [certificateOf('jedco-root.pem')], knownCertificates: [certificateOf('jedco-mail-ca.pem')] });

beforeAll(() => {
  ensureFixtures();
  directory = makeTemporaryDirectory();
  const key = directory.file('edwards.key');
  runOpenssl(['genpkey', '-algorithm', 'ED25519', '-out', key]);
  const request = directory.file('edwards.csr');
  runOpenssl(['req', '-new', '-key', key, '-subj', '/CN=Edwards/O=Clampett', '-out', request]);
  const extensions = directory.file(
    'person.cnf',
    '[person]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' +
      `extendedKeyUsage=emailProtection\nsubjectAltName=email:${address}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`,
  );
  const certificate = directory.file('edwards.pem');
  runOpenssl([
    'x509', '-req', '-in', request, '-CA', fixturePath('jedco-mail-ca.pem'), '-CAkey', fixturePath('jedco-mail-ca.key'),
    '-set_serial', '0x5eed25519', '-days', '365', '-extfile', extensions, '-extensions', 'person', '-out', certificate,
  ]);
  edwardsCertificate = decodePemBlocks(text(directory.read('edwards.pem')), 'CERTIFICATE')[0].der;
  runOpenssl([
    'pkcs12', '-export', '-inkey', key, '-in', certificate, '-certfile', fixturePath('jedco-mail-ca.pem'),
    '-name', 'Edwards', '-passout', 'pass:correct horse', '-out', directory.file('edwards.p12'),
  ]);
}, 60_000);
afterAll(() => directory.remove());

/** Pure Ed25519 (RFC 8032 §5.1.6) by OpenSSL over `message`. */
function signWithOpensslEd25519(message: Uint8Array): Uint8Array {
  return runOpenssl(['pkeyutl', '-sign', '-rawin', '-inkey', directory.file('edwards.key'), '-in', directory.file('to-be-signed.bin', message)]);
}

const attribute = (type: string, value: asn1js.AsnType) =>
  new Uint8Array(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), new asn1js.Set({ value: [value] })] }).toBER());

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) if (left[index] !== right[index]) return left[index] - right[index];
  return left.length - right.length;
}

/** SignedAttributes as the DER SET OF (RFC 5652 §5.4: the signature covers this form), sorted. */
async function signedAttributesFor(signedContent: Uint8Array): Promise<Uint8Array> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', signedContent as Uint8Array<ArrayBuffer>));
  const encoded = [
    attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: OIDS.data })),
    attribute(OIDS.signingTime, new asn1js.UTCTime({ valueDate: new Date() })),
    attribute(OIDS.messageDigest, new asn1js.OctetString({ valueHex: digest })),
  ].sort(compareBytes);
  const set = new asn1js.Set({ value: encoded.map((item) => asn1js.fromBER(item).result) });
  return new Uint8Array(set.toBER());
}

interface Signature {
  /** The DER SET OF signed attributes, or none (RFC 8419 §3.1: EdDSA over the content itself). */
  signedAttributes?: Uint8Array;
  signature: Uint8Array;
}

/** A detached SignedData (RFC 5652 §5.1) by Edwards, written with asn1js. */
function signedDataWith({ signedAttributes, signature }: Signature): Uint8Array {
  const certificate = asn1js.fromBER(edwardsCertificate).result as asn1js.Sequence;
  const tbs = (certificate.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
  const offset = tbs[0].idBlock.tagClass === 3 ? 1 : 0;
  const digestAlgorithm = () => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OIDS.sha512 })] });
  const signerFields: asn1js.AsnType[] = [
    new asn1js.Integer({ value: 1 }),
    new asn1js.Sequence({ value: [tbs[offset + 2], tbs[offset]] }),
    digestAlgorithm(),
  ];
  if (signedAttributes) {
    // [0] IMPLICIT: the same contents under the context tag.
    const set = asn1js.fromBER(signedAttributes).result as asn1js.Set;
    signerFields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: set.valueBlock.value }));
  }
  // RFC 8419 §3.1: id-Ed25519 with absent parameters.
  signerFields.push(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OIDS.ed25519 })] }), new asn1js.OctetString({ valueHex: signature }));
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Set({ value: [digestAlgorithm()] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [certificate] }),
      new asn1js.Set({ value: [new asn1js.Sequence({ value: signerFields })] }),
    ],
  });
  const contentInfo = new asn1js.Sequence({
    value: [new asn1js.ObjectIdentifier({ value: OIDS.signedData }), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [signedData] })],
  });
  return new Uint8Array(contentInfo.toBER());
}

function mailWith(signedContent: Uint8Array, signature: Signature): Uint8Array {
  return assembleMessage(
    [
      { name: 'From', value: `Edwards <${address}>` },
      { name: 'To', value: 'jethro@jedco.example' },
      { name: 'Subject', value: 'Order' },
    ],
    buildMultipartSigned(signedContent, signedDataWith(signature), 'sha-512'),
  );
}

async function signatureOverAttributes(): Promise<Signature> {
  const signedAttributes = await signedAttributesFor(content);
  return { signedAttributes, signature: signWithOpensslEd25519(signedAttributes) };
}

describe('Ed25519 signers (RFC 8419)', () => {
  it('OpenSSL 3.0 cannot write Ed25519 CMS itself', () => {
    const input = directory.file('content.txt', content);
    expect(() =>
      runOpenssl(['cms', '-sign', '-md', 'sha512', '-in', input, '-signer', directory.file('edwards.pem'), '-inkey', directory.file('edwards.key')]),
    ).toThrow(/failed/);
  });

  it('an OpenSSL Ed25519 signature over the signed attributes, from a certificate of the Jed Co CA, is valid', async () => {
    const verdict = await verifyMessage(mailWith(content, await signatureOverAttributes()), trust());
    expect(verdict.status, JSON.stringify(verdict.problems)).toBe('valid');
    expect(verdict.signers[0].signatureAlgorithm).toBe('Ed25519');
    expect(verdict.signers[0].certificate?.keyAlgorithm).toBe('Ed25519');
    expect(verdict.signers[0].certificate?.emailAddresses).toContain(address);
  });

  it('the same signature without the trust anchor is untrusted', async () => {
    const verdict = await verifyMessage(mailWith(content, await signatureOverAttributes()), { trustAnchors: [] });
    expect(verdict.status).toBe('untrusted');
  });

  it('a body changed in transit (100 units -> 1000) is invalid', async () => {
    const altered = bytes(text(content).replace('100 units', '1000 units'));
    const verdict = await verifyMessage(mailWith(altered, await signatureOverAttributes()), trust());
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('digest-mismatch');
  });

  it('one bit off in the signature is invalid: bad-signature', async () => {
    const { signedAttributes, signature } = await signatureOverAttributes();
    const forged = signature.slice();
    forged[40] ^= 0x01;
    const verdict = await verifyMessage(mailWith(content, { signedAttributes, signature: forged }), trust());
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('bad-signature');
  });

  it('a signature of the wrong length is invalid, not a crash', async () => {
    const { signedAttributes, signature } = await signatureOverAttributes();
    const verdict = await verifyMessage(mailWith(content, { signedAttributes, signature: signature.subarray(0, 63) }), trust());
    expect(verdict.status).toBe('invalid');
  });

  it('without signed attributes, EdDSA over the content itself (RFC 8419 §3.1) is valid', async () => {
    const verdict = await verifyMessage(mailWith(content, { signature: signWithOpensslEd25519(content) }), trust());
    expect(verdict.status, JSON.stringify(verdict.problems)).toBe('valid');
    const altered = await verifyMessage(mailWith(bytes(text(content).replace('100', '1000')), { signature: signWithOpensslEd25519(content) }), trust());
    expect(altered.status).toBe('invalid');
    expect(verdict.signers[0].signatureAlgorithm).toBe('Ed25519');
  });
});

/** The signed attributes (as the SET OF that was signed) and the signature of Signet's p7s. */
function signerInfoParts(message: Uint8Array): { signedAttributes: Uint8Array; signature: Uint8Array; signatureAlgorithm: string; digestAlgorithm: string } {
  const signaturePart = parseMimeMessage(message).children[1];
  const contentInfo = asn1js.fromBER(decodeBody(signaturePart).slice()).result as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const fields = signedData.valueBlock.value;
  const signerInfo = (fields[fields.length - 1] as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
  const [, , digestAlgorithm, attributes, signatureAlgorithm, signature] = signerInfo.valueBlock.value;
  const signedAttributes = new Uint8Array(attributes.valueBeforeDecodeView).slice();
  signedAttributes[0] = 0x31;
  const oidOf = (node: asn1js.AsnType) => ((node as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  return {
    signedAttributes,
    signature: (signature as asn1js.OctetString).valueBlock.valueHexView.slice(),
    signatureAlgorithm: oidOf(signatureAlgorithm),
    digestAlgorithm: oidOf(digestAlgorithm),
  };
}

describe('an Ed25519 digital ID signs (RFC 8419)', () => {
  const order = bytes(`From: Edwards <${address}>\r\nTo: jethro@jedco.example\r\nSubject: Order\r\nContent-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n`);

  it('from a PKCS#12 made by OpenSSL: Signet signs, Signet verifies, OpenSSL checks the EdDSA signature', async () => {
    const digitalId = await readPkcs12(directory.read('edwards.p12'), 'correct horse');
    expect(digitalId).toMatchObject({ keyType: 'EC', namedCurve: 'Ed25519' });
    const keys = await importIdentityKeys(digitalId);
    if (keys.keyType !== 'Ed25519') throw new Error(`imported as ${keys.keyType}`);
    expect(keys.ed25519SigningKey.extractable).toBe(false);
    const signed = await signMessage(order, { key: createPrivateKeyHandle(keys), certificates: digitalId.certificates });

    const verdict = await verifyMessage(signed, trust());
    expect(verdict.status, JSON.stringify(verdict.problems)).toBe('valid');
    expect(verdict.signers[0].signatureAlgorithm).toBe('Ed25519');

    const parts = signerInfoParts(signed);
    expect(parts.signatureAlgorithm).toBe(OIDS.ed25519);
    expect(parts.digestAlgorithm).toBe(OIDS.sha512);
    runOpenssl(['pkey', '-in', directory.file('edwards.key'), '-pubout', '-out', directory.file('edwards.pub')]);
    const verify = (signature: Uint8Array) =>
      runOpenssl([
        'pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', directory.file('edwards.pub'),
        '-in', directory.file('signed-attributes.der', parts.signedAttributes), '-sigfile', directory.file('signature.bin', signature),
      ]);
    expect(text(verify(parts.signature))).toContain('Signature Verified Successfully');
    const forged = parts.signature.slice();
    forged[0] ^= 0x01;
    expect(() => verify(forged)).toThrow(/failed/);

    const tampered = await verifyMessage(bytes(text(signed).replace('100 units', '1000 units')), trust());
    expect(tampered.status).toBe('invalid');
  });

  it('smime sign (the CLI) signs with the Ed25519 digital ID, SHA-512 without being told', async () => {
    const input = directory.file('order.eml', order);
    const result = spawnSync('node_modules/.bin/tsx', ['src/cli/index.ts', 'sign', input, '--p12', directory.file('edwards.p12'), '--password', 'correct horse'], {
      cwd: process.cwd(),
      timeout: 60_000,
    });
    expect(result.status, result.stderr.toString()).toBe(0);
    const signed = new Uint8Array(result.stdout);
    expect(text(signed)).toContain('micalg=sha-512');
    const verdict = await verifyMessage(signed, trust());
    expect(verdict.status, JSON.stringify(verdict.problems)).toBe('valid');
    expect(verdict.signers[0].signatureAlgorithm).toBe('Ed25519');
  }, 90_000);

  it('an Ed25519 key asked for ECDSA or SHA-256, or to decrypt, answers unsupported-algorithm', async () => {
    const digitalId = await readPkcs12(directory.read('edwards.p12'), 'correct horse');
    const key = createPrivateKeyHandle(await importIdentityKeys(digitalId));
    const failures = await Promise.all([
      signMessage(order, { key, certificates: digitalId.certificates }, { scheme: 'ECDSA' }).catch((error: unknown) => error),
      signMessage(order, { key, certificates: digitalId.certificates }, { hash: 'SHA-256' }).catch((error: unknown) => error),
      key.deriveEcdhSecret(new Uint8Array(44)).catch((error: unknown) => error),
    ]);
    for (const failure of failures) expect(isSignetError(failure, 'unsupported-algorithm'), String(failure)).toBe(true);
  });
});
