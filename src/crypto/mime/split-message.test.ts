import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode-body';
import { getHeaderValue } from './header-values';
import { parseMimeMessage } from './parse-mime-message';
import { assembleMessage, copyHeadersIntoEntity, splitMessage } from './split-message';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('splitMessage and assembleMessage', () => {
  it('moves Content-* fields into the content byte for byte (folding kept) and leaves the rest outside', () => {
    const message =
      'Received: from relay\r\n  by mx\r\nFrom: Jethro <jethro@jedco.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain;\r\n\tcharset="utf-8"\r\n' +
      'Subject: Order\r\nContent-Transfer-Encoding: 7bit\r\n\r\nbody\r\n';
    const { outerHeaders, content } = splitMessage(encoder.encode(message));
    expect(outerHeaders).toEqual([
      { name: 'Received', value: 'from relay  by mx' },
      { name: 'From', value: 'Jethro <jethro@jedco.example>' },
      { name: 'Subject', value: 'Order' },
    ]);
    expect(decoder.decode(content)).toBe('Content-Type: text/plain;\r\n\tcharset="utf-8"\r\nContent-Transfer-Encoding: 7bit\r\n\r\nbody\r\n');
  });

  it('writes an explicit text/plain Content-Type when the message has none', () => {
    const { content } = splitMessage(encoder.encode('From: jethro@jedco.example\n\nhello\n'));
    expect(decoder.decode(content)).toBe('Content-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n');
  });

  it('converts bare LF to CRLF but keeps the octets of a binary part', () => {
    const binary = Uint8Array.from([0x00, 0x0a, 0x0d, 0x0a, 0x0a, 0xff, 0x0a]);
    const head = encoder.encode(
      'From: jethro@jedco.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nline one\nline two\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n',
    );
    const tail = encoder.encode('\n--b--\n');
    const input = new Uint8Array([...head, ...binary, ...tail]);
    const { content } = splitMessage(input);
    const parsed = parseMimeMessage(content);
    expect(decoder.decode(parsed.children[0].raw)).toBe('Content-Type: text/plain\r\n\r\nline one\r\nline two');
    expect(decodeBody(parsed.children[1])).toEqual(binary);
  });

  it('reassembles outer fields, MIME-Version and the entity unchanged, dropping stray Content-* fields', () => {
    const entity = encoder.encode('Content-Type: text/plain\r\n\r\nPlease ship 100 units.');
    const message = assembleMessage(
      [
        { name: 'From', value: 'jethro@jedco.example' },
        { name: 'MIME-Version', value: '1.0' },
        { name: 'Content-Type', value: 'text/html' },
        { name: 'References', value: Array.from({ length: 8 }, (_, index) => `<message-${index}@jedco.example>`).join(' ') },
      ],
      entity,
    );
    const text = decoder.decode(message);
    expect(text.match(/MIME-Version/g)).toHaveLength(1);
    for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(text.endsWith('Content-Type: text/plain\r\n\r\nPlease ship 100 units.')).toBe(true);
    const parsed = parseMimeMessage(message);
    expect(getHeaderValue(parsed, 'References')).toBe(Array.from({ length: 8 }, (_, index) => `<message-${index}@jedco.example>`).join(' '));
    expect(parsed.contentType.subtype).toBe('plain');
  });

  it('copies the protected headers into the signed entity with hp="clear" (RFC 9788)', () => {
    const entity = encoder.encode('Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\nPlease ship 100 units.\r\n');
    const headers = [
      { name: 'Received', value: 'from relay' },
      { name: 'From', value: 'Jethro <jethro@jedco.example>' },
      { name: 'Subject', value: 'Order' },
      { name: 'Date', value: 'Sat, 28 Nov 2026 12:00:00 +0000' },
    ];
    const protectedEntity = parseMimeMessage(copyHeadersIntoEntity(entity, headers));
    expect(protectedEntity.contentType.parameters).toEqual({ charset: 'us-ascii', hp: 'clear', 'protected-headers': 'v1' });
    expect(getHeaderValue(protectedEntity, 'From')).toBe('Jethro <jethro@jedco.example>');
    expect(getHeaderValue(protectedEntity, 'Received')).toBeUndefined();
    expect(decoder.decode(protectedEntity.body)).toBe('Please ship 100 units.\r\n');
    const encrypted = parseMimeMessage(copyHeadersIntoEntity(entity, headers, 'cipher'));
    expect(encrypted.contentType.parameters.hp).toBe('cipher');
  });

  it('header protection rewrites only the header: a binary body keeps its octets', () => {
    const binary = Uint8Array.from([0x0a, 0x00, 0x0d, 0x0a, 0x0a, 0xff]);
    const entity = new Uint8Array([...encoder.encode('Content-Type: application/octet-stream\nContent-Transfer-Encoding: binary\n\n'), ...binary]);
    const protectedEntity = parseMimeMessage(copyHeadersIntoEntity(entity, [{ name: 'From', value: 'jethro@jedco.example' }]));
    expect(decodeBody(protectedEntity)).toEqual(binary);
    expect(decoder.decode(protectedEntity.raw.subarray(0, protectedEntity.raw.length - binary.length))).toBe(
      'Content-Type: application/octet-stream;\r\n hp="clear"; protected-headers="v1"\r\nContent-Transfer-Encoding: binary\r\nFrom: jethro@jedco.example\r\n\r\n',
    );
  });
});
