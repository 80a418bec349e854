import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { parseMimeMessage } from './parse-mime-message';
import { getHeaderValue, getHeaderValues } from './header-values';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const text = (data: Uint8Array): string => decoder.decode(data);

function expectMalformed(input: Uint8Array, messagePart: RegExp): void {
  let caught: unknown;
  try {
    parseMimeMessage(input);
  } catch (error) {
    caught = error;
  }
  expect(isSignetError(caught, 'malformed-mime')).toBe(true);
  expect((caught as Error).message).toMatch(messagePart);
}

const jethroOrder =
  'From: Jethro Bodine <jethro@jedco.example>\r\n' +
  'To: ellie-may@jedco.example\r\n' +
  'Subject: Order:\r\n 30 tanker trucks\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: multipart/mixed; boundary="outer"\r\n' +
  '\r\n' +
  'This is the preamble.\r\n' +
  '--outer\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\n' +
  '\r\n' +
  'Please ship 100 units.\r\n' +
  '--outer\r\n' +
  'Content-Type: multipart/alternative; boundary=inner\r\n' +
  '\r\n' +
  '--inner\r\n' +
  'Content-Type: text/plain\r\n' +
  '\r\n' +
  'plain\r\n' +
  '--inner\r\n' +
  'Content-Type: text/html\r\n' +
  '\r\n' +
  '<p>html</p>\r\n' +
  '--inner--\r\n' +
  '--outer--\r\n' +
  'The epilogue.\r\n';

describe('parseMimeMessage', () => {
  it("reads Jethro's nested order with unfolded headers", () => {
    const message = parseMimeMessage(bytes(jethroOrder));
    expect(getHeaderValue(message, 'subject')).toBe('Order: 30 tanker trucks');
    expect(getHeaderValues(message, 'FROM')).toEqual(['Jethro Bodine <jethro@jedco.example>']);
    expect(message.contentType).toEqual({ type: 'multipart', subtype: 'mixed', parameters: { boundary: 'outer' } });
    expect(message.children).toHaveLength(2);
    expect(text(message.children[0].body)).toBe('Please ship 100 units.');
    const alternative = message.children[1];
    expect(alternative.contentType.subtype).toBe('alternative');
    expect(alternative.children.map((part) => text(part.body))).toEqual(['plain', '<p>html</p>']);
  });

  it('keeps each part as a subarray of the input, byte for byte (the bytes a signature covers)', () => {
    const input = bytes(jethroOrder);
    const message = parseMimeMessage(input);
    expect(message.raw.buffer).toBe(input.buffer);
    const first = message.children[0];
    expect(first.raw.buffer).toBe(input.buffer);
    const expectedRaw = 'Content-Type: text/plain; charset=utf-8\r\n\r\nPlease ship 100 units.';
    const start = jethroOrder.indexOf(expectedRaw);
    expect(first.raw.byteOffset).toBe(start);
    expect(text(first.raw)).toBe(expectedRaw);
    // The CRLF before "--inner--" belongs to the delimiter, not to the HTML part.
    expect(text(message.children[1].children[1].raw)).toBe('Content-Type: text/html\r\n\r\n<p>html</p>');
  });

  it('reads a message with bare LF line endings the same way', () => {
    const message = parseMimeMessage(bytes(jethroOrder.replaceAll('\r\n', '\n')));
    expect(getHeaderValue(message, 'Subject')).toBe('Order: 30 tanker trucks');
    expect(text(message.children[0].raw)).toBe('Content-Type: text/plain; charset=utf-8\n\nPlease ship 100 units.');
    expect(text(message.children[1].children[0].body)).toBe('plain');
  });

  it('defaults to text/plain us-ascii and 7bit without Content-Type', () => {
    const message = parseMimeMessage(bytes('Subject: hi\r\n\r\nbody\r\n'));
    expect(message.contentType).toEqual({ type: 'text', subtype: 'plain', parameters: { charset: 'us-ascii' } });
    expect(message.contentTransferEncoding).toBe('7bit');
    expect(text(message.body)).toBe('body\r\n');
  });

  it('accepts a header with no body (RFC 5322: the body is optional)', () => {
    const message = parseMimeMessage(bytes('Subject: only a header\r\n'));
    expect(message.body.length).toBe(0);
    expect(getHeaderValue(message, 'subject')).toBe('only a header');
  });

  it('treats a line that only starts with the boundary as content', () => {
    const input = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--bx is not a delimiter\r\n--b--\r\n';
    const message = parseMimeMessage(bytes(input));
    expect(message.children).toHaveLength(1);
    expect(text(message.children[0].body)).toBe('--bx is not a delimiter');
  });

  it('does not take "--b--x" for the close delimiter of "b"', () => {
    const input = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b--x\r\ntwo\r\n--b-- \r\n';
    const message = parseMimeMessage(bytes(input));
    expect(message.children).toHaveLength(1);
    expect(text(message.children[0].body)).toBe('one\r\n--b--x\r\ntwo');
  });

  it('accepts transport padding after a delimiter and skips an mbox From line', () => {
    const input = 'From jethro@jedco.example Sat Nov 28 12:00:00 2026\nContent-Type: multipart/mixed; boundary=b\n\n--b  \n\none\n--b--';
    const message = parseMimeMessage(bytes(input));
    expect(text(message.children[0].body)).toBe('one');
  });

  it('reads a part with no header at all, as `openssl smime -sign` writes it, as a body', () => {
    const input = 'Content-Type: multipart/signed; boundary=s\n\n--s\nPlease ship 100 units.\nThanks: Jethro\n\n--s\nContent-Type: application/pkcs7-signature\n\nMIAG\n--s--\n';
    const message = parseMimeMessage(bytes(input));
    expect(message.children[0].headers).toEqual([]);
    expect(message.children[0].contentType.subtype).toBe('plain');
    expect(text(message.children[0].body)).toBe('Please ship 100 units.\nThanks: Jethro\n');
  });

  it('reads a part whose header runs to the delimiter as a header with an empty body', () => {
    const message = parseMimeMessage(bytes('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b--\r\n'));
    expect(message.children[0].contentType.subtype).toBe('plain');
    expect(message.children[0].body.length).toBe(0);
  });

  it('defaults parts of multipart/digest to message/rfc822', () => {
    const input = 'Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: inner\r\n\r\nx\r\n--d--\r\n';
    const message = parseMimeMessage(bytes(input));
    expect(message.children[0].contentType.type).toBe('message');
    expect(message.children[0].children).toEqual([]);
  });

  describe('hostile input', () => {
    it('refuses an empty message', () => expectMalformed(new Uint8Array(0), /empty/));

    it('refuses garbage that is not a header', () => expectMalformed(bytes('\u0001\u0002 garbage without colon\r\n'), /not a header field/));

    it('refuses a continuation line with no field before it', () => expectMalformed(bytes(' folded: first\r\n\r\n'), /continues/));

    it('refuses a multipart whose close delimiter is missing (a truncated message)', () => {
      expectMalformed(bytes('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\npart one\r\n'), /close delimiter/);
    });

    it('refuses a multipart whose boundary never appears', () => {
      expectMalformed(bytes('Content-Type: multipart/mixed; boundary=b\r\n\r\nno parts here\r\n'), /never appears/);
    });

    it('refuses a multipart without a boundary parameter', () => {
      expectMalformed(bytes('Content-Type: multipart/signed\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n'), /no boundary/);
    });

    it('refuses two Content-Type fields, which two readers could read differently', () => {
      expectMalformed(bytes('Content-Type: text/plain\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\nx'), /more than one Content-Type/);
    });

    it('refuses nesting deeper than 32 levels, quickly', () => {
      const depth = 2000;
      let input = '';
      for (let level = 0; level < depth; level += 1) input += `Content-Type: multipart/mixed; boundary=b${level}\r\n\r\n--b${level}\r\n`;
      input += '\r\nleaf\r\n';
      for (let level = depth - 1; level >= 0; level -= 1) input += `--b${level}--\r\n`;
      const started = performance.now();
      expectMalformed(bytes(input), /nested more than 32/);
      expect(performance.now() - started).toBeLessThan(5000);
    });

    it('refuses more than 10,000 parts', () => {
      const input = 'Content-Type: multipart/mixed; boundary=b\r\n\r\n' + '--b\r\n\r\nx\r\n'.repeat(10_001) + '--b--\r\n';
      expectMalformed(bytes(input), /more than 10000 parts/);
    });

    it('refuses a 10 MB header line quickly instead of reading it', () => {
      const input = bytes('Subject: ' + 'a'.repeat(10 * 1024 * 1024) + '\r\n\r\nbody');
      const started = performance.now();
      expectMalformed(input, /longer than 1 MiB/);
      expect(performance.now() - started).toBeLessThan(5000);
    });

    it('scans a boundary-like body in linear time', () => {
      const boundary = 'x'.repeat(70);
      const body = (`--${'x'.repeat(69)}\r\n`).repeat(200_000);
      const input = bytes(`Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\n\r\n${body}\r\n--${boundary}--\r\n`);
      const started = performance.now();
      const message = parseMimeMessage(input);
      expect(message.children[0].body.length).toBe(body.length);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  });

  it('parses a 50 MB message quickly, its attachment a view into the input', () => {
    const attachment = new Uint8Array(50 * 1024 * 1024);
    // Base64-looking lines: 76 letters then CRLF.
    const line = bytes('QUJD'.repeat(19) + '\r\n');
    for (let offset = 0; offset + line.length <= attachment.length; offset += line.length) attachment.set(line, offset);
    const head = bytes('Content-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n');
    const tail = bytes('\r\n--big--\r\n');
    const input = new Uint8Array(head.length + attachment.length + tail.length);
    input.set(head, 0);
    input.set(attachment, head.length);
    input.set(tail, head.length + attachment.length);
    const started = performance.now();
    const message = parseMimeMessage(input);
    expect(performance.now() - started).toBeLessThan(10000);
    expect(message.children[0].body.length).toBe(attachment.length);
    expect(message.children[0].body.buffer).toBe(input.buffer);
  });
});
