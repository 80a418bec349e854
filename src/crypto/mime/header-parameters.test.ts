import { describe, expect, it } from 'vitest';
import { parseContentDisposition, parseContentType } from './header-parameters';

describe('Content-Type and Content-Disposition parameters', () => {
  it('reads type, subtype and parameters case-insensitively, with quoted strings and comments', () => {
    expect(parseContentType('Multipart/Signed; Protocol="application/pkcs7-signature"; micalg=SHA-256; boundary="a b;c"')).toEqual({
      type: 'multipart',
      subtype: 'signed',
      parameters: { protocol: 'application/pkcs7-signature', micalg: 'SHA-256', boundary: 'a b;c' },
    });
    expect(parseContentType('text/plain (a comment; with semicolon) ; charset = "us-ascii" (Plain text)')).toEqual({
      type: 'text',
      subtype: 'plain',
      parameters: { charset: 'us-ascii' },
    });
    expect(parseContentType('text/plain; name="say \\"hi\\".txt"').parameters.name).toBe('say "hi".txt');
  });

  it('falls back to text/plain us-ascii for an unreadable type (RFC 2045 §5.2)', () => {
    expect(parseContentType('garbage')).toEqual({ type: 'text', subtype: 'plain', parameters: { charset: 'us-ascii' } });
    expect(parseContentType(undefined).subtype).toBe('plain');
  });

  it('tolerates unquoted values with "=" as mailers write them', () => {
    expect(parseContentType('multipart/mixed; boundary==_Part_1_2.3').parameters.boundary).toBe('=_Part_1_2.3');
  });

  it('joins RFC 2231 continuations and decodes their charset', () => {
    const value =
      "attachment; filename*0*=UTF-8''Bestellung%20f%C3%BCr%20; filename*1*=Jethro%20%E2%80%93%20; filename*2=\"30 trucks.pdf\"";
    expect(parseContentDisposition(value)).toEqual({
      disposition: 'attachment',
      parameters: { filename: 'Bestellung für Jethro – 30 trucks.pdf' },
    });
    expect(parseContentDisposition("inline; filename*=iso-8859-1'de'M%FCller.txt").parameters.filename).toBe('Müller.txt');
    expect(parseContentDisposition("inline; filename*=UTF-8''%E6%B3%A8%E6%96%87.pdf").parameters.filename).toBe('注文.pdf');
  });

  it('prefers the RFC 2231 value over a plain fallback, in either order, and continuations out of order', () => {
    expect(parseContentDisposition("attachment; filename=fallback.txt; filename*=UTF-8''r%C3%A9el.txt").parameters.filename).toBe('réel.txt');
    expect(parseContentDisposition("attachment; filename*=UTF-8''r%C3%A9el.txt; filename=fallback.txt").parameters.filename).toBe('réel.txt');
    expect(parseContentDisposition('attachment; filename*1=b; filename*0=a; filename*3=lost').parameters.filename).toBe('ab');
  });

  it('stays linear on hostile values', () => {
    const started = performance.now();
    parseContentType('text/plain; ' + 'a*1*=%%%;'.repeat(50_000));
    parseContentType('text/plain; x="' + '\\'.repeat(500_000));
    parseContentType('text/plain; (' + '('.repeat(500_000));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
