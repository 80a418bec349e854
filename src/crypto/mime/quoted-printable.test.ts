import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, encodeQuotedPrintable } from './quoted-printable';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const encode = (text: string): string => decoder.decode(encodeQuotedPrintable(encoder.encode(text)));
const decode = (text: string): string => decoder.decode(decodeQuotedPrintable(encoder.encode(text)));

function linesOf(encoded: string): string[] {
  return encoded.split('\r\n');
}

describe('quoted-printable', () => {
  it('leaves a line of exactly 76 characters whole, and breaks one of 77 softly', () => {
    const exactly76 = 'a'.repeat(76);
    expect(encode(exactly76 + '\r\n')).toBe(exactly76 + '\r\n');
    const encoded77 = encode('a'.repeat(77));
    expect(linesOf(encoded77)).toEqual(['a'.repeat(75) + '=', 'aa']);
    expect(decode(encoded77)).toBe('a'.repeat(77));
  });

  it('never writes a line over 76 characters, even with escapes at the edge', () => {
    const text = ('Grüße aus Bugtussle, der Öltank ist voll = 100%. ').repeat(20) + '\r\n' + 'é'.repeat(100);
    const encoded = encode(text);
    for (const line of linesOf(encoded)) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(decode(encoded)).toBe(text);
  });

  it('encodes trailing spaces and tabs, which transports strip', () => {
    expect(encode('ship 100 units \r\nthanks\t')).toBe('ship 100 units=20\r\nthanks=09');
    expect(decode('ship 100 units=20\r\nthanks=09')).toBe('ship 100 units \r\nthanks\t');
  });

  it('escapes "From " at the start of any line, hard or soft, so mbox cannot turn it into ">From "', () => {
    expect(encode('From the desk of Jethro\r\nFrom here')).toBe('=46rom the desk of Jethro\r\n=46rom here');
    const afterSoftBreak = encode('x'.repeat(75) + 'From me');
    expect(linesOf(afterSoftBreak)[1]).toBe('=46rom me');
    expect(encode('Fromage\r\n')).toBe('Fromage\r\n');
  });

  it('escapes a "-" or "." that starts a line, so no boundary or SMTP dot can appear', () => {
    expect(encode('--boundary\r\n.\r\n')).toBe('=2D-boundary\r\n=2E\r\n');
    const afterSoftBreak = encode('y'.repeat(75) + '--boundary');
    expect(linesOf(afterSoftBreak)[1].startsWith('=2D')).toBe(true);
  });

  it('decodes soft breaks, lower-case hex, transport-added trailing white space and stray "="', () => {
    expect(decode('soft=\r\nbreak')).toBe('softbreak');
    expect(decode('soft= \t\r\nbreak')).toBe('softbreak');
    expect(decode('caf=c3=a9')).toBe('café');
    expect(decode('line with padding   \r\nnext')).toBe('line with padding\r\nnext');
    expect(decode('1+1=2 and =ZZ and =')).toBe('1+1=2 and =ZZ and ');
    expect(decode('bare=\nLF line\nends')).toBe('bareLF line\nends');
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(decodeQuotedPrintable(encodeQuotedPrintable(bytes))).toEqual(bytes);
  });
});
