import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { decodeBase64Lenient, encodeBase64Lines } from './base64-transfer-encoding';
import { decodeBody, decodeTextBody } from './decode-body';
import { parseMimeMessage } from './parse-mime-message';
import { expectSameBytes } from './same-bytes.test-support';

const encoder = new TextEncoder();

function entityFor(header: string, body: Uint8Array | string) {
  const bodyBytes = typeof body === 'string' ? encoder.encode(body) : body;
  return parseMimeMessage(new Uint8Array([...encoder.encode(header + '\r\n\r\n'), ...bodyBytes]));
}

describe('decodeBody and decodeTextBody', () => {
  it('decodes base64 across CRLF, bare LF, spaces and junk characters', () => {
    const entity = entityFor('Content-Transfer-Encoding: Base64', 'UGxlYXNl\r\nIHNoaXAg\nMTAw IHVu\taXRz!\r\n');
    expect(new TextDecoder().decode(decodeBody(entity))).toBe('Please ship 100 units');
  });

  it('refuses truncated base64 with a clear error', () => {
    let caught: unknown;
    try {
      decodeBase64Lenient(encoder.encode('QUJDR'));
    } catch (error) {
      caught = error;
    }
    expect(isSignetError(caught, 'malformed-mime')).toBe(true);
  });

  it('round-trips 1 MB of random bytes through 76-character base64 lines', () => {
    const data = new Uint8Array(1024 * 1024);
    for (let offset = 0; offset < data.length; offset += 65536) crypto.getRandomValues(data.subarray(offset, offset + 65536));
    const encoded = encodeBase64Lines(data);
    const lines = new TextDecoder().decode(encoded).split('\r\n');
    expect(lines.slice(0, -2).every((line) => line.length === 76)).toBe(true);
    expectSameBytes(decodeBase64Lenient(encoded), data);
  });

  it('returns 7bit, 8bit and binary bodies as views of the message, and refuses unknown encodings', () => {
    const entity = entityFor('Content-Transfer-Encoding: 8bit', 'caf\u00e9');
    expect(decodeBody(entity).buffer).toBe(entity.body.buffer);
    expect(() => decodeBody(entityFor('Content-Transfer-Encoding: x-uuencode', 'begin 644 x'))).toThrow(/Unknown Content-Transfer-Encoding/);
  });

  it('decodes text in its charset', () => {
    expect(decodeTextBody(entityFor('Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable', 'M=FCller'))).toBe('Müller');
    expect(decodeTextBody(entityFor('Content-Type: text/plain; charset=windows-1252', Uint8Array.of(0x80, 0x20, 0x31)))).toBe('€ 1');
    expect(decodeTextBody(entityFor('Content-Type: text/plain; charset="UTF-8"', '注文'))).toBe('注文');
    expect(decodeTextBody(entityFor('Content-Type: text/plain; charset=shift_jis\r\nContent-Transfer-Encoding: base64', 'ko2Vtg=='))).toBe('注文');
    expect(decodeTextBody(entityFor('Content-Type: text/plain; charset=x-klingon', 'caf\u00e9'))).toBe('café');
    expect(decodeTextBody(entityFor('Content-Type: text/plain', 'plain ascii'))).toBe('plain ascii');
  });
});
