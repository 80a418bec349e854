import { describe, expect, test } from 'vitest';
import { describeReadableContent, unwrapSignedLayers } from './decrypted-content';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));

describe('what the decrypt frame gets to show', () => {
  test('multipart/alternative gives both the HTML and the text', () => {
    const entity = unwrapSignedLayers(
      bytes(`Content-Type: multipart/alternative; boundary=a

--a
Content-Type: text/plain; charset=utf-8

plain words
--a
Content-Type: text/html; charset=utf-8

<p>rich words</p>
--a--
`),
    );
    const content = describeReadableContent(entity);
    expect(content.text).toContain('plain words');
    expect(content.html).toContain('<p>rich words</p>');
    expect(content.attachments).toEqual([]);
  });

  test('a cid: image of multipart/related becomes a data: URL; other parts are listed as attachments', () => {
    const content = describeReadableContent(
      unwrapSignedLayers(
        bytes(`Content-Type: multipart/mixed; boundary=m

--m
Content-Type: multipart/related; boundary=r

--r
Content-Type: text/html; charset=utf-8

<img src="cid:logo@jedco">
--r
Content-Type: image/png
Content-ID: <logo@jedco>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--r--
--m
Content-Type: application/pdf; name="order.pdf"
Content-Disposition: attachment; filename="order.pdf"
Content-Transfer-Encoding: base64

JVBERi0=
--m--
`),
      ),
    );
    expect(content.html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(content.attachments).toEqual(
      expect.arrayContaining([{ fileName: 'order.pdf', mediaType: 'application/pdf', sizeBytes: 5 }]),
    );
  });

  test('quoted-printable text in another charset is decoded', () => {
    const content = describeReadableContent(
      unwrapSignedLayers(bytes('Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nCaf=E9 for 100 units\n')),
    );
    expect(content.text).toContain('Café for 100 units');
  });

  test('a detached signature layer inside is looked through to the signed text', () => {
    const content = describeReadableContent(
      unwrapSignedLayers(
        bytes(`Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary=s

--s
Content-Type: text/plain

signed words
--s
Content-Type: application/pkcs7-signature; name=smime.p7s

MIAG
--s--
`),
      ),
    );
    expect(content.text).toContain('signed words');
    expect(content.attachments).toEqual([]);
  });
});
