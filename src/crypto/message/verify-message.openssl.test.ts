/**
 * OpenSSL writes, Signet reads: every signature form and algorithm `openssl cms -sign` and
 * `openssl smime -sign` produce, verified into the verdict Signet shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBase64Lines } from '../encoding/index';
import { decodeBody, parseMimeMessage } from '../mime/index';
import { verifyMessage } from './verify-message';
import type { VerifyOptions } from './verify-options';
import { certificateOf, ensureFixtures, mailDate, signWithOpenssl, text, bytes, concatenate, type OpensslSignRequest } from './signature-peers.test-support';

const ORDER = 'Content-Type: text/plain; charset=us-ascii\n\nPlease ship 100 units of tanker trucks.\n';

let trust: VerifyOptions;
beforeAll(() => {
  ensureFixtures();
  trust = { trustAnchors: [certificateOf('jedco-root.pem')] };
});

const PEOPLE: Record<string, string> = {
  jethro: 'jethro@jedco.example',
  'ellie-may': 'ellie-may@clampett.example',
  jed: 'jed@clampett.example',
  granny: 'granny@clampett.example',
};

function signed(signer: string, request: Partial<OpensslSignRequest> = {}): Uint8Array {
  return signWithOpenssl({
    signer,
    content: ORDER,
    from: PEOPLE[signer],
    to: 'vendor@tankers.example',
    subject: 'Order',
    extraHeaders: [`Date: ${mailDate(new Date())}`],
    ...request,
  });
}

describe('signatures made by openssl, verified by Signet', () => {
  const cases: { name: string; signer: string; arguments: string[]; digest: string; signature: RegExp; form: 'detached' | 'opaque' }[] = [
    { name: 'RSA PKCS#1 v1.5, SHA-256', signer: 'jethro', arguments: [], digest: 'SHA-256', signature: /RSASSA-PKCS1-v1_5|sha256WithRSA/, form: 'detached' },
    { name: 'RSA PKCS#1 v1.5, SHA-384', signer: 'jethro', arguments: ['-md', 'sha384'], digest: 'SHA-384', signature: /RSA/, form: 'detached' },
    { name: 'RSA PKCS#1 v1.5, SHA-512, RSA 4096', signer: 'granny', arguments: ['-md', 'sha512'], digest: 'SHA-512', signature: /RSA/, form: 'detached' },
    { name: 'RSA-PSS, SHA-256', signer: 'jethro', arguments: ['-keyopt', 'rsa_padding_mode:pss'], digest: 'SHA-256', signature: /RSASSA-PSS/, form: 'detached' },
    { name: 'RSA-PSS, SHA-512', signer: 'jethro', arguments: ['-md', 'sha512', '-keyopt', 'rsa_padding_mode:pss'], digest: 'SHA-512', signature: /RSASSA-PSS/, form: 'detached' },
    { name: 'RSA-PSS, SHA-384, the longest salt', signer: 'granny', arguments: ['-md', 'sha384', '-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:max'], digest: 'SHA-384', signature: /RSASSA-PSS/, form: 'detached' },
    { name: 'ECDSA P-256, SHA-256', signer: 'ellie-may', arguments: [], digest: 'SHA-256', signature: /ecdsa-with-SHA256/, form: 'detached' },
    { name: 'ECDSA P-384, SHA-384', signer: 'jed', arguments: ['-md', 'sha384'], digest: 'SHA-384', signature: /ecdsa-with-SHA384/, form: 'detached' },
    { name: 'detached, -stream (BER, indefinite lengths)', signer: 'jethro', arguments: ['-stream'], digest: 'SHA-256', signature: /RSA/, form: 'detached' },
    { name: 'opaque (-nodetach)', signer: 'jethro', arguments: ['-nodetach'], digest: 'SHA-256', signature: /RSA/, form: 'opaque' },
    { name: 'opaque, -stream BER', signer: 'ellie-may', arguments: ['-nodetach', '-stream'], digest: 'SHA-256', signature: /ecdsa/, form: 'opaque' },
  ];

  for (const testCase of cases) {
    it(`accepts ${testCase.name}`, async () => {
      const verdict = await verifyMessage(signed(testCase.signer, { arguments: testCase.arguments }), trust);
      expect(verdict.problems).not.toContain('bad-signature');
      expect(verdict.status).toBe('valid');
      expect(verdict.layers).toEqual([{ kind: 'signed', form: testCase.form, status: 'valid', counted: true }]);
      expect(verdict.signers[0].digestAlgorithm).toBe(testCase.digest);
      expect(verdict.signers[0].signatureAlgorithm).toMatch(testCase.signature);
      expect(verdict.signingTime).toBeDefined();
    });
  }

  it('accepts what `openssl smime -sign` writes (x-pkcs7 media types)', async () => {
    const verdict = await verifyMessage(signed('jethro', { command: 'smime' }), trust);
    expect(verdict.status).toBe('valid');
  });

  it('accepts an opaque `openssl smime -sign -nodetach` message', async () => {
    const verdict = await verifyMessage(signed('ellie-may', { command: 'smime', arguments: ['-nodetach'] }), trust);
    expect(verdict.status).toBe('valid');
    expect(verdict.layers[0]).toMatchObject({ form: 'opaque' });
  });

  it('accepts a signature without signed attributes (-noattr: the signature covers the content itself), also saved with LF', async () => {
    const message = signed('jethro', { arguments: ['-noattr'] });
    const verdict = await verifyMessage(message, trust);
    expect(verdict.status).toBe('valid');
    expect(verdict.signingTime).toBeUndefined();
    expect((await verifyMessage(bytes(text(message).replace(/\r\n/g, '\n')), trust)).status).toBe('valid');
    const tampered = await verifyMessage(bytes(text(message).replace('100 units', '900 units')), trust);
    expect(tampered.status).toBe('invalid');
    expect(tampered.problems).toContain('bad-signature');
  });

  it('accepts a signed message saved with bare LF line ends', async () => {
    const lineFeedOnly = bytes(text(signed('jethro')).replace(/\r\n/g, '\n'));
    const verdict = await verifyMessage(lineFeedOnly, trust);
    expect(verdict.status).toBe('valid');
  });

  it('reports SHA-1 as weak and MD5 as refused', async () => {
    const sha1 = await verifyMessage(signed('jethro', { arguments: ['-md', 'sha1'] }), trust);
    expect(sha1.status).toBe('weak');
    let md5Message: Uint8Array | undefined;
    try {
      md5Message = signed('jethro', { arguments: ['-md', 'md5'] });
    } catch {
      md5Message = undefined; // an OpenSSL build without MD5 signing: nothing to check
    }
    if (md5Message) {
      const md5 = await verifyMessage(md5Message, trust);
      expect(md5.status).toBe('invalid');
      expect(md5.problems).toContain('refused-algorithm');
    }
  });

  it('an opaque signature over bytes that are not a MIME entity is invalid (malformed-mime), not shown as signed mail', async () => {
    const verdict = await verifyMessage(signed('jethro', { content: 'Please ship 100 units.\n', arguments: ['-nodetach'] }), trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems[0]).toBe('malformed-mime');
  });

  it('accepts a signature part labelled application/octet-stream named smime.p7s (RFC 8551 §3.2.1)', async () => {
    const relabelled = text(signed('jethro')).replace(/Content-Type: application\/(x-)?pkcs7-signature; name="?smime\.p7s"?/, 'Content-Type: application/octet-stream; name="smime.p7s"');
    expect(relabelled).toContain('application/octet-stream');
    const verdict = await verifyMessage(bytes(relabelled), trust);
    expect(verdict.status).toBe('valid');
  });

  it('finds a signer named by subjectKeyIdentifier (-keyid)', async () => {
    const verdict = await verifyMessage(signed('ellie-may', { arguments: ['-keyid'] }), trust);
    expect(verdict.status).toBe('valid');
  });

  it('an opaque message with its content altered is invalid', async () => {
    const message = signed('jethro', { arguments: ['-nodetach', '-binary'], content: ORDER.replace(/\n/g, '\r\n') });
    // The content travels inside the CMS: change '100' to '900' there, leave the rest alone.
    const root = parseMimeMessage(message);
    const der = decodeBody(root).slice();
    const at = new TextDecoder('latin1').decode(der).indexOf('100 units');
    expect(at).toBeGreaterThan(0);
    der[at] = '9'.charCodeAt(0);
    const start = root.body.byteOffset - message.byteOffset;
    const altered = concatenate(message.subarray(0, start), bytes(encodeBase64Lines(der)), bytes('\r\n'));
    const verdict = await verifyMessage(altered, trust);
    expect(verdict.status).toBe('invalid');
    expect(verdict.problems).toContain('digest-mismatch');
  });
});
