import { describe, expect, test } from 'vitest';
import { classifyMessage } from './classify-message';

const message = (contentType: string | undefined, body = 'x'): Uint8Array =>
  new TextEncoder().encode(`From: ellie-may@clampett.example\r\nSubject: Delivery\r\n${contentType ? `Content-Type: ${contentType}\r\n` : ''}\r\n${body}\r\n`);

describe('telling encrypted mail apart from the top-level Content-Type', () => {
  test('enveloped-data and authEnveloped-data at the root are encrypted (also the old x- names)', () => {
    expect(classifyMessage(message('application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"'))).toBe('encrypted');
    expect(classifyMessage(message('application/x-pkcs7-mime; smime-type="authEnveloped-data"'))).toBe('encrypted');
  });

  test('opaque-signed mail is not encrypted', () => {
    expect(classifyMessage(message('application/pkcs7-mime; smime-type=signed-data'))).toBe('not-encrypted');
  });

  test('pkcs7-mime without smime-type is left for the background to look into', () => {
    expect(classifyMessage(message('application/pkcs7-mime; name=smime.p7m'))).toBe('possibly-encrypted');
  });

  test('an encrypted part nested in an unencrypted message does not make the message encrypted', () => {
    const nested = 'multipart/mixed; boundary=b';
    const body = '--b\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIAG\r\n--b--';
    expect(classifyMessage(message(nested, body))).toBe('not-encrypted');
  });

  test('plain and signed mail, and a message without Content-Type, are not encrypted', () => {
    expect(classifyMessage(message('multipart/signed; protocol="application/pkcs7-signature"; boundary=b'))).toBe('not-encrypted');
    expect(classifyMessage(message(undefined))).toBe('not-encrypted');
  });

  test('a detached signature over an encrypted part is looked through (signed after encrypting)', () => {
    const body =
      '--s\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIAG\r\n' +
      '--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nMIAG\r\n--s--';
    expect(classifyMessage(message('multipart/signed; protocol="application/pkcs7-signature"; boundary=s', body))).toBe('encrypted');
  });

  test('a signature over plain text is not encrypted, nor is a signed part that holds the ciphertext further down', () => {
    const plain = '--s\r\nContent-Type: text/plain\r\n\r\nhello\r\n--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nMIAG\r\n--s--';
    expect(classifyMessage(message('multipart/signed; protocol="application/pkcs7-signature"; boundary=s', plain))).toBe('not-encrypted');
    const deeper =
      '--s\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIAG\r\n--m--\r\n' +
      '--s\r\nContent-Type: application/pkcs7-signature\r\n\r\nMIAG\r\n--s--';
    expect(classifyMessage(message('multipart/signed; protocol="application/pkcs7-signature"; boundary=s', deeper))).toBe('not-encrypted');
  });
});
