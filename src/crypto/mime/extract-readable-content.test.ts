import { describe, expect, it } from 'vitest';
import { extractReadableContent } from './extract-readable-content';
import { parseMimeMessage } from './parse-mime-message';

const parse = (text: string) => parseMimeMessage(new TextEncoder().encode(text.replaceAll('\n', '\r\n')));

describe('extractReadableContent', () => {
  it('takes the last alternative of each kind', () => {
    const message = parse(`Content-Type: multipart/alternative; boundary=a

--a
Content-Type: text/plain

plain order
--a
Content-Type: text/enriched

<bold>enriched</bold>
--a
Content-Type: text/html; charset=utf-8

<p>html order</p>
--a--
`);
    const readable = extractReadableContent(message);
    expect(readable.text).toBe('plain order');
    expect(readable.html).toBe('<p>html order</p>');
    expect(readable.attachments).toEqual([]);
  });

  it('follows multipart/related to its start part and collects the cid: parts', () => {
    const message = parse(`Content-Type: multipart/related; boundary=r; start="<root@jedco.example>"; type="text/html"

--r
Content-Type: image/gif
Content-ID: <truck@jedco.example>
Content-Transfer-Encoding: base64

R0lGODlhAQABAAAAACw=
--r
Content-Type: text/html
Content-ID: <root@jedco.example>

<img src="cid:truck@jedco.example">
--r--
`);
    const readable = extractReadableContent(message);
    expect(readable.html).toBe('<img src="cid:truck@jedco.example">');
    expect(readable.inlineParts.get('truck@jedco.example')?.contentType).toBe('image/gif');
    expect(readable.inlineParts.get('truck@jedco.example')?.bytes.slice(0, 3)).toEqual(Uint8Array.from([0x47, 0x49, 0x46]));
  });

  it('lists attachments with names, types and decoded sizes, shows inline text, and hides the signature part', () => {
    const message = parse(`Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary=s

--s
Content-Type: multipart/mixed; boundary=m

--m
Content-Type: text/plain

Order attached.
--m
Content-Type: application/pdf; name="=?UTF-8?Q?Bestellung_f=C3=BCr_Jethro.pdf?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--m
Content-Type: text/plain; name=notes.txt
Content-Disposition: attachment; filename*=UTF-8''%E6%B3%A8%E6%96%87.txt

not the body
--m
Content-Type: message/rfc822

Subject: forwarded

inner
--m--
--s
Content-Type: application/pkcs7-signature; name=smime.p7s
Content-Transfer-Encoding: base64

MIAGCSqGSIb3DQEHAqCAMIACAQEx
--s--
`);
    const readable = extractReadableContent(message);
    expect(readable.text).toBe('Order attached.');
    expect(readable.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size }))).toEqual([
      { filename: 'Bestellung für Jethro.pdf', contentType: 'application/pdf', size: 9 },
      { filename: '注文.txt', contentType: 'text/plain', size: 12 },
      { filename: 'message.eml', contentType: 'message/rfc822', size: 27 },
    ]);
  });
});
