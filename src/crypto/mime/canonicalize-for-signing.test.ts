import { describe, expect, it } from 'vitest';
import { canonicalizeForSigning, isTransportSafeBody } from './canonicalize-for-signing';
import { decodeBody, decodeTextBody } from './decode-body';
import { parseMimeMessage } from './parse-mime-message';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

function expectSevenBitShortLines(canonical: Uint8Array): void {
  const text = decoder.decode(canonical);
  expect(text).toMatch(/^[\x00-\x7f]*$/);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  // Header lines are the author's; every body line of a re-encoded part is at most 76.
  const bodyLines = text.split('\r\n\r\n').slice(1).join('\r\n').split('\r\n');
  for (const line of bodyLines) expect(line.length).toBeLessThanOrEqual(76);
}

describe('canonicalizeForSigning', () => {
  it('leaves an already safe entity byte for byte (the same array)', () => {
    const entity = bytes('Content-Type: text/plain; charset=us-ascii\r\n\r\nPlease ship 100 units.\r\n');
    expect(canonicalizeForSigning(entity)).toBe(entity);
  });

  it('turns bare LF into CRLF and changes nothing else in a safe entity', () => {
    const entity = bytes('Content-Type: text/plain\n\nPlease ship 100 units.\nThanks.\n');
    expect(decoder.decode(canonicalizeForSigning(entity))).toBe('Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\nThanks.\r\n');
  });

  it('re-encodes 8-bit text, long lines, trailing white space and "From " lines as quoted-printable', () => {
    const text = 'Grüße from Bugtussle\r\n' + 'long '.repeat(40) + '\r\ntrailing   \r\nFrom the desk of Jethro\r\n';
    const entity = bytes(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\nContent-Description: the order\r\n\r\n${text}`);
    const canonical = canonicalizeForSigning(entity);
    expectSevenBitShortLines(canonical);
    const parsed = parseMimeMessage(canonical);
    expect(parsed.contentTransferEncoding).toBe('quoted-printable');
    expect(parsed.headers.map((field) => field.name)).toEqual(['Content-Type', 'Content-Description', 'Content-Transfer-Encoding']);
    expect(decodeTextBody(parsed)).toBe(text);
    expect(canonicalizeForSigning(canonical)).toBe(canonical);
  });

  for (const [scenario, body] of [
    ['a line over 76 characters', 'x'.repeat(77)],
    ['trailing white space', 'ship \r\n'],
    ['a "From " line', 'hello\r\nFrom here\r\n'],
    ['an 8-bit byte', 'caf\u00e9'],
    ['a bare CR', 'a\rb'],
  ]) {
    it(`finds ${scenario} unsafe, and a line of exactly 76 characters safe`, () => {
      expect(isTransportSafeBody(bytes(body))).toBe(false);
      expect(isTransportSafeBody(bytes('y'.repeat(76) + '\r\n' + 'z'.repeat(76)))).toBe(true);
    });
  }

  it('re-encodes binary parts as base64 in 76-character lines and keeps safe siblings byte for byte', () => {
    const binary = Uint8Array.from({ length: 1000 }, (_, index) => (index * 7) & 0xff);
    const safePart = 'Content-Type: text/plain\r\n\r\nThe order form is attached.';
    const head = bytes(
      'Content-Type: multipart/mixed; boundary="jedco"\r\n\r\npreamble\r\n--jedco\r\n' +
        safePart +
        '\r\n--jedco\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n',
    );
    const tail = bytes('\r\n--jedco--\r\n');
    const entity = new Uint8Array(head.length + binary.length + tail.length);
    entity.set(head, 0);
    entity.set(binary, head.length);
    entity.set(tail, head.length + binary.length);
    const canonical = canonicalizeForSigning(entity);
    const parsed = parseMimeMessage(canonical);
    expect(decoder.decode(parsed.children[0].raw)).toBe(safePart);
    expect(parsed.children[1].contentTransferEncoding).toBe('base64');
    expect(decodeBody(parsed.children[1])).toEqual(binary);
    const base64Lines = decoder.decode(parsed.children[1].body).split('\r\n').filter((line) => line !== '');
    expect(base64Lines.slice(0, -1).every((line) => line.length === 76)).toBe(true);
    expect(canonicalizeForSigning(canonical)).toBe(canonical);
  });

  it('recurses through nested multiparts, re-encoding only the unsafe leaf', () => {
    const entity = bytes(
      'Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n' +
        '--inner\nContent-Type: text/plain; charset=utf-8\n\nÖl für 100 Trucks\n--inner\nContent-Type: text/html\n\n<p>safe</p>\n--inner--\n' +
        '--outer\nContent-Type: text/plain\n\nsafe too\n--outer--\n',
    );
    const canonical = canonicalizeForSigning(entity);
    expectSevenBitShortLines(canonical);
    const parsed = parseMimeMessage(canonical);
    const alternative = parsed.children[0];
    expect(alternative.children[0].contentTransferEncoding).toBe('quoted-printable');
    expect(decodeTextBody(alternative.children[0])).toBe('Öl für 100 Trucks');
    expect(decoder.decode(alternative.children[1].raw)).toBe('Content-Type: text/html\r\n\r\n<p>safe</p>');
    expect(decoder.decode(parsed.children[1].raw)).toBe('Content-Type: text/plain\r\n\r\nsafe too');
  });

  it('re-encodes text whose QP lines are too long or base64 with long lines, keeping the content', () => {
    const longQuotedPrintable = bytes('Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' + 'q'.repeat(100) + '=3D\r\n');
    const canonical = parseMimeMessage(canonicalizeForSigning(longQuotedPrintable));
    expect(decodeTextBody(canonical)).toBe('q'.repeat(100) + '=\r\n');
    const longBase64 = bytes('Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n' + 'QUJD'.repeat(30) + '\r\n');
    const reencoded = parseMimeMessage(canonicalizeForSigning(longBase64));
    expect(decoder.decode(decodeBody(reencoded))).toBe('ABC'.repeat(30));
  });

  it('keeps the boundary valid when a re-encoded part had lines that could look like it', () => {
    const entity = bytes('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n' + 'x'.repeat(75) + '--b\u00e9\r\n--b--\r\n');
    const parsed = parseMimeMessage(canonicalizeForSigning(entity));
    expect(parsed.children).toHaveLength(1);
    expect(decodeTextBody({ ...parsed.children[0], contentType: { type: 'text', subtype: 'plain', parameters: { charset: 'utf-8' } } })).toBe(
      'x'.repeat(75) + '--bé',
    );
  });
});
