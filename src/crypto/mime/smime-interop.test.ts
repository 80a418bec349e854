import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMultipartSigned, buildPkcs7MimeEntity } from './build-smime-entities';
import { decodeBase64Lenient } from './base64-transfer-encoding';
import { getHeaderValue } from './header-values';
import { parseMimeMessage } from './parse-mime-message';
import { assembleMessage, copyHeadersIntoEntity, splitMessage } from './split-message';
import { canonicalizeForSigning } from './canonicalize-for-signing';
import { composeMessage } from './compose-message';
import { extractReadableContent } from './extract-readable-content';
import { TemporaryDirectory, ensureFixtures, fixture, runOpenssl } from './openssl-peer.test-support';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const jethroOrder =
  'From: Jethro Bodine <jethro@jedco.example>\r\n' +
  'To: Ellie May <ellie-may@clampett.example>\r\n' +
  'Subject: Order: 30 tanker trucks\r\n' +
  'Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: text/plain; charset=us-ascii\r\n' +
  'Content-Transfer-Encoding: 7bit\r\n' +
  '\r\n' +
  'Please ship 100 units.\r\n';

let directory: TemporaryDirectory;

beforeAll(() => {
  ensureFixtures();
  directory = new TemporaryDirectory();
});
afterAll(() => directory.remove());

function signDetachedWithOpenssl(content: Uint8Array, name: string): Uint8Array {
  const input = directory.write(`${name}.content`, content);
  const output = `${directory.path}/${name}.p7s`;
  const run = runOpenssl(['cms', '-sign', '-binary', '-in', input, '-signer', fixture('jethro.pem'), '-inkey', fixture('jethro.key'), '-md', 'sha256', '-outform', 'DER', '-out', output]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return directory.read(`${name}.p7s`);
}

function verifyWithOpenssl(message: Uint8Array, name: string): { status: number; content: string; stderr: string } {
  const file = directory.write(`${name}.eml`, message);
  const run = runOpenssl(['cms', '-verify', '-in', file, '-CAfile', fixture('jedco-chain.pem'), '-purpose', 'any']);
  return { status: run.status, content: decoder.decode(run.stdout), stderr: run.stderr };
}

describe('S/MIME entities interoperate with OpenSSL', () => {
  it("Jethro's order, split and signed by OpenSSL over our content entity, verifies as multipart/signed", () => {
    const { outerHeaders, content } = splitMessage(encoder.encode(jethroOrder));
    expect(outerHeaders.map((field) => field.name)).toEqual(['From', 'To', 'Subject', 'Date']);
    expect(decoder.decode(content)).toBe(
      'Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\nPlease ship 100 units.\r\n',
    );
    const signature = signDetachedWithOpenssl(content, 'order');
    const message = assembleMessage(outerHeaders, buildMultipartSigned(content, signature, 'sha-256'));
    const verified = verifyWithOpenssl(message, 'order-signed');
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.status).toBe(0);
    expect(verified.content).toContain('Please ship 100 units.');

    const parsed = parseMimeMessage(message);
    expect(getHeaderValue(parsed, 'from')).toBe('Jethro Bodine <jethro@jedco.example>');
    expect(parsed.contentType.parameters).toMatchObject({ protocol: 'application/pkcs7-signature', micalg: 'sha-256' });
    expect(parsed.children[0].raw).toEqual(content);
    expect(decodeBase64Lenient(parsed.children[1].body)).toEqual(signature);
  });

  it('an order altered after signing (100 units -> 1000) fails OpenSSL verification', () => {
    const { outerHeaders, content } = splitMessage(encoder.encode(jethroOrder));
    const signature = signDetachedWithOpenssl(content, 'altered');
    const message = decoder.decode(assembleMessage(outerHeaders, buildMultipartSigned(content, signature, 'sha-256')));
    const verified = verifyWithOpenssl(encoder.encode(message.replace('100 units', '1000 units')), 'altered-signed');
    expect(verified.status).not.toBe(0);
  });

  it('a message signed by `openssl smime -sign` parses with its signature part found', () => {
    const input = directory.write('plain.txt', 'Please ship 100 units.\nThank you.\n');
    const run = runOpenssl(['smime', '-sign', '-in', input, '-signer', fixture('jethro.pem'), '-inkey', fixture('jethro.key'), '-from', 'jethro@jedco.example', '-to', 'ellie-may@clampett.example', '-subject', 'Order']);
    expect(run.status).toBe(0);
    const parsed = parseMimeMessage(run.stdout);
    expect(getHeaderValue(parsed, 'subject')).toBe('Order');
    expect(parsed.contentType.subtype).toBe('signed');
    expect(parsed.children).toHaveLength(2);
    const signaturePart = parsed.children[1];
    expect(`${signaturePart.contentType.type}/${signaturePart.contentType.subtype}`).toMatch(/^application\/(x-)?pkcs7-signature$/);
    const der = decodeBase64Lenient(signaturePart.body);
    expect(der[0]).toBe(0x30);
    // The first part's exact bytes are what OpenSSL signed: re-verify them detached.
    const contentFile = directory.write('smime-content.bin', parsed.children[0].raw);
    const signatureFile = directory.write('smime.p7s', der);
    const check = runOpenssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', signatureFile, '-content', contentFile, '-CAfile', fixture('jedco-chain.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(check.stderr).toContain('Verification successful');
  });

  it('an application/pkcs7-mime entity carries OpenSSL enveloped-data that OpenSSL decrypts', () => {
    const plain = directory.write('secret.txt', 'Content-Type: text/plain\r\n\r\nThe still is behind the barn.\r\n');
    const derFile = `${directory.path}/secret.der`;
    const run = runOpenssl(['cms', '-encrypt', '-binary', '-aes256', '-in', plain, '-outform', 'DER', '-out', derFile, fixture('ellie-may.pem')]);
    expect(run.status).toBe(0);
    const entity = buildPkcs7MimeEntity(directory.read('secret.der'), 'enveloped-data');
    const message = assembleMessage([{ name: 'From', value: 'jethro@jedco.example' }, { name: 'To', value: 'ellie-may@clampett.example' }], entity);
    const parsed = parseMimeMessage(message);
    expect(parsed.contentType.parameters['smime-type']).toBe('enveloped-data');
    const messageFile = directory.write('secret.eml', message);
    const decrypted = runOpenssl(['cms', '-decrypt', '-in', messageFile, '-recip', fixture('ellie-may.pem'), '-inkey', fixture('ellie-may.key')]);
    expect(decrypted.status).toBe(0);
    expect(decoder.decode(decrypted.stdout)).toContain('The still is behind the barn.');
  });

  it('a composed message with long lines, 8-bit text, "From " lines and a binary attachment, canonicalized and signed by OpenSSL, verifies', () => {
    const attachment = Uint8Array.from({ length: 5000 }, (_, index) => (index * 31 + 7) & 0xff);
    const message = composeMessage({
      from: { displayName: 'Jethro Bodine', address: 'jethro@jedco.example' },
      to: [{ displayName: 'Ellie May', address: 'ellie-may@clampett.example' }],
      subject: 'Bestellung: 30 Tanklaster für Jethro',
      text: 'From the desk of Jethro:\n' + 'Please ship 100 units of the big ones with the shiny chrome. '.repeat(5) + '  \nGrüße\n',
      html: '<p>' + 'Please ship 100 units. '.repeat(20) + '</p>',
      attachments: [{ filename: 'order.bin', contentType: 'application/octet-stream', bytes: attachment }],
    });
    const { outerHeaders, content } = splitMessage(message);
    const canonical = canonicalizeForSigning(content);
    expect(canonical).toEqual(content);
    const protectedContent = copyHeadersIntoEntity(canonical, outerHeaders);
    expect(canonicalizeForSigning(protectedContent)).toEqual(protectedContent);
    const signature = signDetachedWithOpenssl(protectedContent, 'composed');
    const signed = assembleMessage(outerHeaders, buildMultipartSigned(protectedContent, signature, 'sha-256'));
    const verified = verifyWithOpenssl(signed, 'composed-signed');
    expect(verified.stderr).toContain('Verification successful');
    const parsed = parseMimeMessage(signed);
    expect(parsed.children[0].raw).toEqual(protectedContent);
    expect(parsed.children[0].contentType.parameters).toMatchObject({ hp: 'clear', 'protected-headers': 'v1' });
    expect(getHeaderValue(parsed.children[0], 'From')).toBe('Jethro Bodine <jethro@jedco.example>');
    const readable = extractReadableContent(parsed);
    expect(readable.text).toContain('Grüße');
    expect(readable.attachments.map((file) => file.bytes)).toEqual([attachment]);
  });

  it('a bare-LF message with 8-bit text, canonicalized by Signet and signed by OpenSSL, verifies after CRLF transport', () => {
    const bareLf = 'From: jethro@jedco.example\nTo: ellie-may@clampett.example\nSubject: Tanker\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nÖl für 100 Trucks, line that goes on and on and on and on and on and on and on and on\nFrom here on\n';
    const { outerHeaders, content } = splitMessage(encoder.encode(bareLf));
    const canonical = canonicalizeForSigning(content);
    expect(decoder.decode(canonical)).toMatch(/^[\x00-\x7f]*$/);
    const signature = signDetachedWithOpenssl(canonical, 'bare-lf');
    const verified = verifyWithOpenssl(assembleMessage(outerHeaders, buildMultipartSigned(canonical, signature, 'sha-256')), 'bare-lf-signed');
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.content).toContain('=C3=96l f=C3=BCr 100 Trucks');
  });

  it('messages encrypted and opaque-signed by `openssl smime` parse as single application/(x-)pkcs7-mime parts', () => {
    const plain = directory.write('order.txt', 'Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n');
    const encrypted = runOpenssl(['smime', '-encrypt', '-aes256', '-in', plain, '-from', 'jethro@jedco.example', '-to', 'ellie-may@clampett.example', '-subject', 'Secret order', fixture('jethro.pem')]);
    expect(encrypted.status).toBe(0);
    const envelope = parseMimeMessage(encrypted.stdout);
    expect(envelope.contentType.subtype).toMatch(/^(x-)?pkcs7-mime$/);
    expect(envelope.contentType.parameters['smime-type']).toBe('enveloped-data');
    expect(envelope.children).toEqual([]);
    expect(decodeBase64Lenient(envelope.body)[0]).toBe(0x30);

    const opaque = runOpenssl(['smime', '-sign', '-nodetach', '-in', plain, '-signer', fixture('jethro.pem'), '-inkey', fixture('jethro.key'), '-from', 'jethro@jedco.example', '-subject', 'Order']);
    expect(opaque.status).toBe(0);
    const signedData = parseMimeMessage(opaque.stdout);
    expect(signedData.contentType.parameters['smime-type']).toBe('signed-data');
    expect(getHeaderValue(signedData, 'From')).toBe('jethro@jedco.example');
  });
});
