import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, encodeHeaderText } from './encoded-words';

describe('RFC 2047 encoded-words', () => {
  it('decodes B and Q words in several charsets', () => {
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Bestellung_f=FCr_Jethro?=')).toBe('Bestellung für Jethro');
    expect(decodeEncodedWords('=?utf-8?b?44OI44Op44OD44Kv44Gu5rOo5paH?=')).toBe('トラックの注文');
    expect(decodeEncodedWords('=?windows-1252?Q?=80_100?=')).toBe('€ 100');
    expect(decodeEncodedWords('=?us-ascii*en?Q?plain?=')).toBe('plain');
  });

  it('joins adjacent encoded-words, dropping the white space between them only', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWords('=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWords('=?UTF-8?Q?a?= x =?UTF-8?Q?b?=')).toBe('a x b');
    expect(decodeEncodedWords('Re: =?UTF-8?Q?=C3=9Cber?= alles')).toBe('Re: Über alles');
  });

  it('joins a character split across two words before decoding it', () => {
    // "ü" is C3 BC; a sloppy mailer splits it across words.
    expect(decodeEncodedWords('=?UTF-8?Q?=C3?= =?UTF-8?Q?=BC?=')).toBe('ü');
  });

  it('leaves malformed or unknown words readable', () => {
    expect(decodeEncodedWords('=?UTF-8?X?nope?=')).toBe('=?UTF-8?X?nope?=');
    expect(decodeEncodedWords('=?x-unknown?Q?abc?=')).toBe('abc');
    expect(decodeEncodedWords('no words here')).toBe('no words here');
  });

  it('encodes German and Japanese into words of at most 75 characters that decode back', () => {
    for (const text of [
      'Bestellung: 30 Tanklaster für Jethro, bitte bis Freitag liefern – Grüße aus Bugtussle',
      'タンクローリー三十台の注文書（至急）を添付いたしますので、ご確認のほどよろしくお願い申し上げます',
      '=?not?Q?an encoded word?=',
    ]) {
      const encoded = encodeHeaderText(text);
      for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
      expect(encoded).toMatch(/^[\x21-\x7e ]+$/);
      expect(decodeEncodedWords(encoded)).toBe(text);
    }
    expect(encodeHeaderText('Order: 30 tanker trucks')).toBe('Order: 30 tanker trucks');
  });

  it('keeps the first word short enough for the field name', () => {
    const encoded = encodeHeaderText('ü'.repeat(100), 76 - 'Subject: '.length);
    expect(('Subject: ' + encoded.split(' ')[0]).length).toBeLessThanOrEqual(76);
  });
});
