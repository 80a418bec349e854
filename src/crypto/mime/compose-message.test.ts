import { describe, expect, it } from 'vitest';
import { canonicalizeForSigning } from './canonicalize-for-signing';
import { composeMessage } from './compose-message';
import type { Draft } from './compose-message';
import { decodeBody, decodeTextBody } from './decode-body';
import { decodeEncodedWords } from './encoded-words';
import { parseAddressList } from './address-list';
import { parseContentDisposition } from './header-parameters';
import { getHeaderValue, getHeaderValues } from './header-values';
import { parseMimeMessage } from './parse-mime-message';
import { splitMessage } from './split-message';
import { extractReadableContent } from './extract-readable-content';

const decoder = new TextDecoder();
const jethro = { displayName: 'Jethro Bodine', address: 'jethro@jedco.example' };
const ellie = { displayName: 'Ellie May Clampett', address: 'ellie-may@clampett.example' };
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, index) => index & 0xff)]);

function linesOf(message: Uint8Array): string[] {
  return decoder.decode(message).split('\r\n');
}

describe('composeMessage', () => {
  it("writes Jethro's plain order with the standard fields and no Bcc", () => {
    const message = composeMessage({
      from: jethro,
      to: [ellie],
      bcc: [{ displayName: 'Granny', address: 'granny@clampett.example' }],
      subject: 'Order: 30 tanker trucks',
      date: new Date(Date.UTC(2026, 10, 28, 12, 0, 0)),
      messageId: 'order-1@jedco.example',
      text: 'Please ship 100 units.\nThank you.',
    });
    const text = decoder.decode(message);
    expect(text).not.toMatch(/granny/i);
    expect(text).not.toMatch(/^bcc:/im);
    const parsed = parseMimeMessage(message);
    expect(getHeaderValue(parsed, 'Date')).toBe('Sat, 28 Nov 2026 12:00:00 +0000');
    expect(getHeaderValue(parsed, 'From')).toBe('Jethro Bodine <jethro@jedco.example>');
    expect(getHeaderValue(parsed, 'To')).toBe('Ellie May Clampett <ellie-may@clampett.example>');
    expect(getHeaderValue(parsed, 'Message-ID')).toBe('<order-1@jedco.example>');
    expect(getHeaderValue(parsed, 'MIME-Version')).toBe('1.0');
    expect(parsed.contentType).toEqual({ type: 'text', subtype: 'plain', parameters: { charset: 'utf-8' } });
    expect(parsed.contentTransferEncoding).toBe('quoted-printable');
    expect(decodeTextBody(parsed)).toBe('Please ship 100 units.\r\nThank you.');
  });

  it('generates a Date and a unique Message-ID when absent', () => {
    const draft: Draft = { from: jethro, to: [ellie], subject: 'x', text: 'x' };
    const first = parseMimeMessage(composeMessage(draft));
    const second = parseMimeMessage(composeMessage(draft));
    expect(getHeaderValue(first, 'Message-ID')).toMatch(/^<[0-9a-f]{32}\.signet@jedco\.example>$/);
    expect(getHeaderValue(first, 'Message-ID')).not.toBe(getHeaderValue(second, 'Message-ID'));
    expect(Date.parse(getHeaderValue(first, 'Date') ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('writes a German and Japanese subject and names as RFC 2047, folded at 76 columns, that read back', () => {
    const subject = 'Bestellung: 30 Tanklaster für Jethro – タンクローリー三十台の注文書、至急ご確認ください';
    const message = composeMessage({
      from: { displayName: 'Jürgen Müller', address: 'juergen@jedco.example' },
      to: [{ displayName: '山田太郎', address: 'yamada@jedco.example' }, ellie],
      cc: [{ displayName: 'Bodine, Jethro', address: 'jethro@jedco.example' }],
      subject,
      text: 'x',
    });
    const headerLines = linesOf(message).slice(0, linesOf(message).indexOf(''));
    for (const line of headerLines) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
    const parsed = parseMimeMessage(message);
    expect(decodeEncodedWords(getHeaderValue(parsed, 'Subject') ?? '')).toBe(subject);
    expect(parseAddressList(getHeaderValue(parsed, 'From') ?? '')).toEqual([{ displayName: 'Jürgen Müller', address: 'juergen@jedco.example' }]);
    expect(parseAddressList(getHeaderValue(parsed, 'To') ?? '')).toEqual([{ displayName: '山田太郎', address: 'yamada@jedco.example' }, ellie]);
    expect(parseAddressList(getHeaderValue(parsed, 'Cc') ?? '')).toEqual([{ displayName: 'Bodine, Jethro', address: 'jethro@jedco.example' }]);
  });

  it('nests text, HTML with inline images and attachments as mixed > alternative > related, and reads back', () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 the order form\n'.repeat(500));
    const message = composeMessage({
      from: jethro,
      to: [ellie],
      subject: 'Order with the form',
      inReplyTo: '<question-7@clampett.example>',
      references: ['<question-6@clampett.example>', 'question-7@clampett.example'],
      text: 'See the truck picture.',
      html: '<p>See the truck: <img src="cid:truck@jedco.example"></p>',
      inlineImages: [{ contentId: 'truck@jedco.example', contentType: 'image/png', filename: 'truck.png', bytes: png }],
      attachments: [
        { filename: 'Bestellung für 30 Tanklaster – Jethro Bodine, Jed Co (Bugtussle).pdf', contentType: 'application/pdf', bytes: pdf },
        { filename: '注文.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('三十台') },
      ],
      extraHeaders: [{ name: 'X-Mailer', value: 'Signet' }, { name: 'Bcc', value: 'sneaky@hacker.example' }, { name: 'Content-Type', value: 'text/html' }],
    });
    expect(decoder.decode(message)).not.toContain('sneaky');
    for (const line of linesOf(message)) expect(line.length).toBeLessThanOrEqual(76);
    const parsed = parseMimeMessage(message);
    expect(getHeaderValue(parsed, 'In-Reply-To')).toBe('<question-7@clampett.example>');
    expect(getHeaderValue(parsed, 'References')).toBe('<question-6@clampett.example> <question-7@clampett.example>');
    expect(getHeaderValue(parsed, 'X-Mailer')).toBe('Signet');
    expect(getHeaderValues(parsed, 'Content-Type')).toHaveLength(1);
    expect(parsed.contentType.subtype).toBe('mixed');
    const [body, pdfPart, textPart] = parsed.children;
    expect(body.contentType.subtype).toBe('alternative');
    expect(body.children[1].contentType.subtype).toBe('related');
    expect(body.children[1].contentType.parameters.type).toBe('text/html');
    expect(decodeBody(body.children[1].children[1])).toEqual(png);
    expect(decodeBody(pdfPart)).toEqual(pdf);
    const disposition = parseContentDisposition(getHeaderValue(pdfPart, 'Content-Disposition'));
    expect(disposition.parameters.filename).toBe('Bestellung für 30 Tanklaster – Jethro Bodine, Jed Co (Bugtussle).pdf');
    expect(decodeEncodedWords(pdfPart.contentType.parameters.name)).toBe('Bestellung für 30 Tanklaster – Jethro Bodine, Jed Co (Bugtussle).pdf');
    expect(parseContentDisposition(getHeaderValue(textPart, 'Content-Disposition')).parameters.filename).toBe('注文.txt');

    const readable = extractReadableContent(parsed);
    expect(readable.text).toBe('See the truck picture.');
    expect(readable.html).toBe('<p>See the truck: <img src="cid:truck@jedco.example"></p>');
    expect(readable.inlineParts.get('truck@jedco.example')).toEqual({ contentType: 'image/png', bytes: png });
    expect(readable.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size }))).toEqual([
      { filename: 'Bestellung für 30 Tanklaster – Jethro Bodine, Jed Co (Bugtussle).pdf', contentType: 'application/pdf', size: pdf.length },
      { filename: '注文.txt', contentType: 'text/plain', size: 9 },
    ]);
  });

  it('writes a message that is already canonical: canonicalizeForSigning changes no byte', () => {
    const message = composeMessage({
      from: jethro,
      to: [ellie],
      subject: 'Long lines',
      text: 'From the desk of Jethro: ' + 'a very long line '.repeat(30) + '   \n--not a boundary\n.\nGrüße',
      html: '<p>' + 'x'.repeat(500) + '</p>',
      attachments: [{ filename: 'binary.bin', contentType: 'application/octet-stream', bytes: png }],
    });
    const { content } = splitMessage(message);
    expect(canonicalizeForSigning(content)).toEqual(content);
  });

  it('refuses message ids and addresses that would inject header fields', () => {
    expect(() => composeMessage({ from: jethro, to: [ellie], subject: 'x', messageId: 'a@b\r\nBcc: x@y' })).toThrow(/not a message id/);
    expect(() => composeMessage({ from: jethro, to: [{ displayName: '', address: 'ellie@x\r\nBcc: y@z' }], subject: 'x' })).toThrow(/not an e-mail address/);
    const subjectInjection = decoder.decode(composeMessage({ from: jethro, to: [ellie], subject: 'hi\r\nBcc: bob@hacker.example', text: 'x' }));
    expect(subjectInjection).not.toMatch(/^Bcc:/im);
  });
});
