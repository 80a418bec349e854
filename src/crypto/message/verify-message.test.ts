/**
 * The story's verdicts (DESIGN.md, "Verification verdicts"), one scenario each: messages are
 * signed at test time by `openssl cms -sign` with the fixture PKI, then altered the way an
 * attacker or a provider would, and verified by Signet.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePemBlocks, encodeBase64Lines } from '../encoding/index';
import { parseMimeMessage } from '../mime/index';
import { validateCertificatePath, type PathValidationInput } from '../x509/validate-path';
import { verifyMessage } from './verify-message';
import type { VerifyOptions } from './verify-options';
import {
  bytes,
  certificateOf,
  concatenate,
  ensureFixtures,
  mailDate,
  readFixture,
  runOpenssl,
  signWithOpenssl,
  text,
  fixturePath,
  makeTemporaryDirectory,
  type OpensslSignRequest,
} from './signature-peers.test-support';

const ORDER = 'Content-Type: text/plain; charset=us-ascii\n\nPlease ship 100 units of tanker trucks to Jed Co.\n-- Jethro\n';
const JETHRO = 'Jethro Bodine <jethro@jedco.example>';

let trust: VerifyOptions;
beforeAll(() => {
  ensureFixtures();
  trust = { trustAnchors: [certificateOf('jedco-root.pem')] };
});

/** An order signed now by `signer`, From Jethro unless said otherwise, with a current Date. */
function signedOrder(request: Partial<OpensslSignRequest> & { signer: string }): Uint8Array {
  return signWithOpenssl({
    content: ORDER,
    from: JETHRO,
    to: 'ellie-may@clampett.example',
    subject: 'Order: tanker trucks',
    extraHeaders: [`Date: ${mailDate(new Date())}`],
    ...request,
  });
}

function replaceText(message: Uint8Array, from: string, to: string): Uint8Array {
  const source = text(message);
  expect(source).toContain(from);
  return new Uint8Array([...source.replace(from, to)].map((character) => character.charCodeAt(0)));
}

/** Swaps the .p7s part's DER for what `change` makes of it, leaving every other byte alone. */
function replaceSignature(message: Uint8Array, change: (contentInfo: asn1js.Sequence) => void): Uint8Array {
  const root = parseMimeMessage(message);
  const signaturePart = root.children[1];
  const start = signaturePart.body.byteOffset - message.byteOffset;
  const der = runOpenssl(['base64', '-d'], signaturePart.body);
  const contentInfo = asn1js.fromBER(der).result as asn1js.Sequence;
  change(contentInfo);
  const changed = new Uint8Array(contentInfo.toBER());
  return concatenate(message.subarray(0, start), bytes(encodeBase64Lines(changed)), bytes('\r\n'), message.subarray(start + signaturePart.body.byteLength));
}

function signedDataFields(contentInfo: asn1js.Sequence): asn1js.AsnType[] {
  const explicit = contentInfo.valueBlock.value[1] as asn1js.Constructed;
  return (explicit.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
}

describe("Jethro's orders, as the vendor's Signet judges them", () => {
  it("Jethro's signed order is valid", async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro' }), trust);
    expect(verdict.status).toBe('valid');
    expect(verdict.fromAddress).toBe('jethro@jedco.example');
    expect(verdict.signers).toHaveLength(1);
    expect(verdict.signers[0].certificate?.emailAddresses).toContain('jethro@jedco.example');
    expect(verdict.signers[0].chain.length).toBeGreaterThanOrEqual(2);
    expect(verdict.signers[0].capabilities.length).toBeGreaterThan(0);
    expect(verdict.layers).toEqual([{ kind: 'signed', form: 'detached', status: 'valid', counted: true }]);
    expect(verdict.problems).toContain('revocation-unknown');
  });

  it('the order whose From Bob Hacker forged, signed with his own valid certificate, is a mismatch naming Bob', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'bob-hacker' }), trust);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.problems).toContain('signer-email-mismatch');
    expect(verdict.signers[0].certificate?.emailAddresses).toEqual(['bob@hacker.example']);
    expect(verdict.fromAddress).toBe('jethro@jedco.example');
  });

  it('100 units changed to 1000 in transit is invalid: the digest no longer matches', async () => {
    const tampered = replaceText(signedOrder({ signer: 'jethro' }), 'ship 100 units', 'ship 1000 units');
    const verdict = await verifyMessage(tampered, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('digest-mismatch');
    expect(verdict.problems).not.toContain('bad-signature');
  });

  it('an order signed with the signature bytes damaged is invalid: a bad signature', async () => {
    const damaged = replaceSignature(signedOrder({ signer: 'jethro' }), (contentInfo) => {
      const signerInfos = signedDataFields(contentInfo).at(-1) as asn1js.Set;
      const signerInfo = signerInfos.valueBlock.value[0] as asn1js.Sequence;
      const signature = signerInfo.valueBlock.value.find((node) => node instanceof asn1js.OctetString) as asn1js.OctetString;
      const value = signature.valueBlock.valueHexView.slice();
      value[10] ^= 0xff;
      signature.valueBlock.valueHexView = value;
    });
    const verdict = await verifyMessage(damaged, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('bad-signature');
  });

  it('an order signed by Miss Hathaway, whose certificate expired in 2021, is expired', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'miss-hathaway', from: 'Jane Hathaway <jane@jedco.example>' }), trust);
    expect(verdict.status).toBe('expired');
    expect(verdict.problems).toContain('certificate-expired');
  });

  it("Drysdale's order, his key revoked for compromise, is revoked when the mail CA's CRL is given", async () => {
    const message = signedOrder({ signer: 'drysdale', from: 'drysdale@commerce-bank.example' });
    const verdict = await verifyMessage(message, { ...trust, crls: [readFixture('jedco-mail-ca.crl'), readFixture('jedco-root.crl')] });
    expect(verdict.status).toBe('revoked');
    expect(verdict.problems).toContain('certificate-revoked');
    expect(verdict.revocation.some((answer) => answer.status === 'revoked')).toBe(true);
    // Without the CRL nobody can know: said, not hidden.
    const unknowing = await verifyMessage(message, trust);
    expect(unknowing.status).toBe('valid');
    expect(unknowing.problems).toContain('revocation-unknown');
  });

  it('an order from "Jethro" under an impostor CA named like the real root is untrusted', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'impostor-jethro', chain: 'impostor-root.pem' }), trust);
    expect(verdict.status).toBe('untrusted');
    expect(verdict.problems).toContain('no-trust-anchor');
  });

  it("a stranger's self-signed order is untrusted, even with a matching From", async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'stranger', chain: null, from: 'stranger@elsewhere.example' }), trust);
    expect(verdict.status).toBe('untrusted');
  });

  it("the stranger's order is valid once Ellie May trusts his certificate explicitly", async () => {
    const message = signedOrder({ signer: 'stranger', chain: null, from: 'stranger@elsewhere.example' });
    const verdict = await verifyMessage(message, { ...trust, explicitlyTrusted: [certificateOf('stranger.pem')] });
    expect(verdict.status).toBe('valid');
    expect(verdict.problems).toContain('explicitly-trusted');
  });

  it("an order signed with Jed Co's web server certificate (serverAuth only) is untrusted: not for e-mail", async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'webserver' }), trust);
    expect(verdict.status).toBe('untrusted');
    expect(verdict.problems).toContain('not-for-email');
  });

  it("Pearl's order, signed with an RSA 1024 key, is weak", async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'pearl', from: 'pearl@clampett.example' }), trust);
    expect(verdict.status).toBe('weak');
    expect(verdict.problems).toContain('weak-key');
  });

  it('an order signed with SHA-1 is weak', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro', arguments: ['-md', 'sha1'] }), trust);
    expect(verdict.status).toBe('weak');
    expect(verdict.problems).toContain('weak-hash');
    expect(verdict.signers[0].digestAlgorithm).toBe('SHA-1');
  });

  it('an unsigned part wrapped around a signed one is unsigned (MIME wrapping)', async () => {
    const signed = text(signedOrder({ signer: 'jethro' }));
    const signedEntity = signed.slice(signed.indexOf('MIME-Version'));
    const wrapped =
      `From: ${JETHRO}\r\nTo: ellie-may@clampett.example\r\nSubject: Order: tanker trucks\r\nMIME-Version: 1.0\r\n` +
      'Content-Type: multipart/mixed; boundary="wrap"\r\n\r\n--wrap\r\nContent-Type: text/plain\r\n\r\n' +
      'Change of plan: ship 1000 units to Bob Hacker.\r\n--wrap\r\n' +
      signedEntity.replace('MIME-Version: 1.0\r\n', '') +
      '\r\n--wrap--\r\n';
    const verdict = await verifyMessage(bytes(wrapped), trust);
    expect(verdict.status).toBe('unsigned');
    expect(verdict.problems).toContain('nested-signature-ignored');
    expect(verdict.signers).toEqual([]);
  });

  it('a signed order a provider rewrote into multipart/mixed is unsigned, saying the signature was removed in transit', async () => {
    const rewritten = replaceText(signedOrder({ signer: 'jethro' }), 'multipart/signed', 'multipart/mixed');
    const verdict = await verifyMessage(rewritten, trust);
    expect(verdict.status).toBe('unsigned');
    expect(verdict.problems).toContain('signature-removed-in-transit');
  });

  it('a display-name trick ("jethro@jedco.example" <bob@hacker.example>) on Jethro\'s signed order is a mismatch', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro', from: '"jethro@jedco.example" <bob@hacker.example>' }), trust);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.fromAddress).toBe('bob@hacker.example');
    expect(verdict.problems).toContain('signer-email-mismatch');
  });

  it('an order with two From headers is a mismatch', async () => {
    const message = concatenate(bytes('From: bob@hacker.example\r\n'), signedOrder({ signer: 'jethro' }));
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.problems).toContain('from-several-mailboxes');
  });

  it('an order whose From names two mailboxes, or none, is a mismatch', async () => {
    const several = await verifyMessage(signedOrder({ signer: 'jethro', from: 'jethro@jedco.example, bob@hacker.example' }), trust);
    expect(several.status).toBe('mismatch');
    expect(several.problems).toContain('from-several-mailboxes');
    const missing = await verifyMessage(signedOrder({ signer: 'jethro', from: undefined }), trust);
    expect(missing.status).toBe('mismatch');
    expect(missing.problems).toContain('from-missing');
  });

  it("Jethro's old order re-sent with a new Date is invalid: a replay", async () => {
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro', extraHeaders: [`Date: ${mailDate(nextWeek)}`] }), trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('date-mismatch');
  });

  it('a signature with zero signers is invalid', async () => {
    const unsigned = replaceSignature(signedOrder({ signer: 'jethro' }), (contentInfo) => {
      const fields = signedDataFields(contentInfo);
      fields[fields.length - 1] = new asn1js.Set({ value: [] });
    });
    const verdict = await verifyMessage(unsigned, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('no-signer');
  });

  it('a detached signature that also carries its own content (eContent) is invalid', async () => {
    const message = replaceSignature(signedOrder({ signer: 'jethro' }), (contentInfo) => {
      const encapsulated = signedDataFields(contentInfo)[2] as asn1js.Sequence;
      encapsulated.valueBlock.value.push(
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 0 },
          value: [new asn1js.OctetString({ valueHex: bytes('Content-Type: text/plain\r\n\r\nPlease ship 1000 units.\r\n') })],
        }),
      );
    });
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('embedded-and-detached-content');
  });

  it('two signers, Jethro and the expired Miss Hathaway: each is judged and the worst wins', async () => {
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro', moreSigners: ['miss-hathaway'] }), trust);
    expect(verdict.signers.map((signer) => signer.status).sort()).toEqual(['expired', 'valid']);
    expect(verdict.status).toBe('expired');
  });

  it("a look-alike certificate (Jethro's issuer and serial, Bob's key) slipped in first doesn't hide Jethro's good signature", async () => {
    const genuine = new pkijs.Certificate({ schema: asn1js.fromBER(certificateOf('jethro.pem')).result });
    const lookAlike = new pkijs.Certificate({ schema: asn1js.fromBER(certificateOf('jethro.pem')).result });
    lookAlike.subjectPublicKeyInfo = new pkijs.Certificate({ schema: asn1js.fromBER(certificateOf('bob-hacker.pem')).result }).subjectPublicKeyInfo;
    const bobKey = decodePemBlocks(text(readFixture('bob-hacker.key')), 'PRIVATE KEY')[0].der;
    await lookAlike.sign(await crypto.subtle.importKey('pkcs8', bobKey as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']), 'SHA-256');
    expect(lookAlike.serialNumber.isEqual(genuine.serialNumber)).toBe(true);
    const message = replaceSignature(signedOrder({ signer: 'jethro' }), (contentInfo) => {
      const certificates = signedDataFields(contentInfo)[3] as asn1js.Constructed;
      certificates.valueBlock.value.unshift(asn1js.fromBER(lookAlike.toSchema(true).toBER()).result);
    });
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('valid');
    expect(verdict.signers[0].certificate?.fingerprintSha256).toBe(
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', certificateOf('jethro.pem') as Uint8Array<ArrayBuffer>))].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
    );
  });

  it('an order signed without certificates (-nocerts) verifies with Jethro known from contacts', async () => {
    const message = signedOrder({ signer: 'jethro', chain: null, arguments: ['-nocerts'] });
    const unknown = await verifyMessage(message, trust);
    expect(unknown.status).toBe('invalid');
    expect(unknown.problems).toContain('signer-certificate-missing');
    const known = await verifyMessage(message, { ...trust, knownCertificates: [certificateOf('jethro.pem'), certificateOf('jedco-mail-ca.pem')] });
    expect(known.status).toBe('valid');
  });

  it("a contentType attribute that doesn't match the content is invalid", async () => {
    // RFC 5652 §11.1: openssl signs id-data; an eContentType of id-signedData with the same
    // signed attributes must not verify.
    const message = replaceSignature(signedOrder({ signer: 'jethro' }), (contentInfo) => {
      const encapsulated = signedDataFields(contentInfo)[2] as asn1js.Sequence;
      encapsulated.valueBlock.value[0] = new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' });
    });
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('content-type-mismatch');
  });

  it('asks the injected path validator (the online one in the extension), at the signing time, with the message certificates', async () => {
    const asked: PathValidationInput[] = [];
    const verdict = await verifyMessage(signedOrder({ signer: 'jethro' }), {
      ...trust,
      validatePath: (input) => {
        asked.push(input);
        return validateCertificatePath(input);
      },
    });
    expect(verdict.status).toBe('valid');
    expect(asked).toHaveLength(1);
    expect(asked[0].purpose).toBe('email-signing');
    expect(asked[0].time.toISOString()).toBe(verdict.signingTime);
    expect(asked[0].candidates.length).toBeGreaterThanOrEqual(2);
  });

  it('a plain unsigned order is unsigned', async () => {
    const verdict = await verifyMessage(bytes(`From: ${JETHRO}\r\nSubject: Order\r\n\r\nShip 100 units.\r\n`), trust);
    expect(verdict.status).toBe('unsigned');
    expect(verdict.problems).toEqual(['no-signature']);
  });

  it('protected headers inside the signed part are the ones compared and shown (RFC 9788)', async () => {
    const content =
      'Content-Type: text/plain; charset=us-ascii; protected-headers="v1"\n' +
      `From: ${JETHRO}\nSubject: Order: 100 tanker trucks\n\nPlease ship 100 units.\n`;
    const message = signedOrder({ signer: 'jethro', content, subject: 'Order: 1000 tanker trucks' });
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('valid');
    expect(verdict.fromAddress).toBe('jethro@jedco.example');
    expect(verdict.protectedHeaders?.Subject).toBe('Order: 100 tanker trucks');
    expect(verdict.problems).not.toContain('subject-not-protected');
  });

  it('Bob signs "From: bob" in the protected headers but shows "From: Jethro" outside: a mismatch', async () => {
    const content =
      'Content-Type: text/plain; charset=us-ascii; protected-headers="v1"\n' +
      'From: Bob Hacker <bob@hacker.example>\nSubject: Order\n\nPlease ship 1000 units.\n';
    const verdict = await verifyMessage(signedOrder({ signer: 'bob-hacker', content }), trust);
    expect(verdict.status).toBe('mismatch');
    expect(verdict.problems).toContain('signer-email-mismatch');
  });
});

describe('encryption layers (triple wrapping, RFC 8551 §3.7)', () => {
  /** Opens enveloped data with `openssl cms -decrypt` as the given person. */
  function decryptAs(person: string): VerifyOptions['decrypt'] {
    return async (entity) => ({
      content: runOpenssl(['cms', '-decrypt', '-recip', fixturePath(`${person}.pem`), '-inkey', fixturePath(`${person}.key`)], entity),
      encryption: { contentEncryption: 'AES-256-CBC', keyManagement: ['RSAES-PKCS1-v1_5'], weak: false },
    });
  }

  function encryptFor(person: string, message: Uint8Array, headers: string): Uint8Array {
    const directory = makeTemporaryDirectory();
    try {
      const input = directory.file('in.eml', message);
      const encrypted = runOpenssl(['cms', '-encrypt', '-aes256', '-in', input, fixturePath(`${person}.pem`)]);
      return concatenate(bytes(headers), encrypted);
    } finally {
      directory.remove();
    }
  }

  const headers = `From: ${JETHRO}\r\nTo: ellie-may@clampett.example\r\nSubject: Order\r\nDate: ${mailDate(new Date())}\r\n`;

  it('signed, then encrypted to Ellie May: decrypted and judged valid, both layers reported', async () => {
    const inner = text(signedOrder({ signer: 'jethro' }));
    const entity = bytes(inner.slice(inner.indexOf('MIME-Version')));
    const message = encryptFor('ellie-may', entity, headers);
    const verdict = await verifyMessage(message, { ...trust, decrypt: decryptAs('ellie-may') });
    expect(verdict.status).toBe('valid');
    expect(verdict.layers.map((layer) => layer.kind)).toEqual(['encrypted', 'signed']);
    expect(verdict.encryption?.contentEncryption).toBe('AES-256-CBC');
    const withoutKey = await verifyMessage(message, trust);
    expect(withoutKey.status).toBe('unsigned');
  });

  it("signed-encrypted-signed: Bob's outer signature over the ciphertext doesn't count, Jethro's inner one does", async () => {
    const inner = text(signedOrder({ signer: 'jethro' }));
    const encrypted = encryptFor('ellie-may', bytes(inner.slice(inner.indexOf('MIME-Version'))), '');
    const directory = makeTemporaryDirectory();
    try {
      const input = directory.file('encrypted.eml', encrypted);
      const outer = runOpenssl([
        'cms', '-sign', '-in', input, '-signer', fixturePath('bob-hacker.pem'), '-inkey', fixturePath('bob-hacker.key'),
        '-certfile', fixturePath('jedco-mail-ca.pem'),
      ]);
      const message = concatenate(bytes(headers), outer);
      const verdict = await verifyMessage(message, { ...trust, decrypt: decryptAs('ellie-may') });
      expect(verdict.status).toBe('valid');
      expect(verdict.problems).toContain('signature-over-ciphertext');
      expect(verdict.layers.map((layer) => (layer.kind === 'signed' ? `signed:${layer.counted}` : layer.kind))).toEqual([
        'signed:false',
        'encrypted',
        'signed:true',
      ]);
      expect(verdict.signers[0].certificate?.emailAddresses).toContain('jethro@jedco.example');
    } finally {
      directory.remove();
    }
  });
});
