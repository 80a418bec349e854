import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../pkcs12/fixtures.test-support';
import { decodePemBlocks } from '../encoding/pem';
import { isPathAcceptable, validateCertificatePath } from './validate-path';

const fixtures = join(__dirname, '../../../test/fixtures/generated');
// Now: the self-signed stranger is made when the fixtures are (valid from that moment on).
const SIGNING_TIME = new Date();

function certificate(name: string): Uint8Array {
  return decodePemBlocks(readFileSync(join(fixtures, `${name}.pem`), 'utf8'), 'CERTIFICATE')[0].der;
}

beforeAll(() => {
  ensureFixtures();
});

describe('validateCertificatePath with the Jed Co PKI', () => {
  it("trusts Jethro's certificate through the mail CA to the Jed Co root", async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(true);
    expect(result.trustedBy).toBe('anchor');
    expect(result.chain).toHaveLength(3);
    expect(result.problems).toEqual([]);
    expect(isPathAcceptable(result)).toBe(true);
  });

  it('does not trust a certificate whose intermediate is missing', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(false);
    expect(result.problems).toContain('no-trust-anchor');
  });

  it('refuses the impostor root that carries the real root name but another key', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('impostor-jethro'),
      candidates: [certificate('impostor-root'), certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(false);
    expect(result.trustedBy).toBe('none');
    expect(result.problems).toContain('no-trust-anchor');
  });

  it('finds the real root when an impostor with the same name is offered first', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [certificate('impostor-root'), certificate('jedco-mail-ca')],
      trustAnchors: [certificate('impostor-root'), certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(true);
    expect(result.chain[2]).toEqual(certificate('jedco-root'));
  });

  it("reports Miss Hathaway's certificate expired at the signing time", async () => {
    const result = await validateCertificatePath({
      leaf: certificate('miss-hathaway'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(true);
    expect(result.problems).toContain('certificate-expired');
    expect(isPathAcceptable(result)).toBe(false);
  });

  it('does not call Miss Hathaway expired for a message signed in 2021, when her certificate was valid', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('miss-hathaway'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: new Date('2021-06-01T00:00:00Z'),
      purpose: 'email-signing',
    });
    expect(result.problems).not.toContain('certificate-expired');
    // The mail CA (from 2025) did not exist yet: the fixture PKI is younger than her certificate.
    expect(result.problems).toContain('issuer-expired');
  });

  it('reports an issuer that was not yet valid at the signing time', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: new Date('2024-06-01T00:00:00Z'),
      purpose: 'email-signing',
    });
    expect(result.problems).toEqual(expect.arrayContaining(['certificate-not-yet-valid', 'issuer-expired']));
  });

  it("reports Drysdale's certificate revoked for key compromise from the mail CA's CRL", async () => {
    const result = await validateCertificatePath({
      leaf: certificate('drysdale'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      crls: [readFileSync(join(fixtures, 'jedco-mail-ca.crl'))],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.problems).toContain('certificate-revoked');
    expect(result.revocationReason).toBe('keyCompromise');
    expect(result.revokedAt).toBeDefined();
    const leafAnswer = result.revocation.find((answer) => answer.status === 'revoked');
    expect(leafAnswer).toMatchObject({ source: 'crl', location: 'given', revocationReason: 'keyCompromise' });
    expect(isPathAcceptable(result)).toBe(false);
  });

  it("keeps Jethro good when the mail CA's CRL doesn't list him", async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      crls: [readFileSync(join(fixtures, 'jedco-mail-ca.crl')), readFileSync(join(fixtures, 'jedco-root.crl'))],
      time: SIGNING_TIME,
      purpose: 'email-signing',
      revocationRequired: true,
    });
    expect(result.problems).toEqual([]);
    expect(result.revocation.map((answer) => answer.status)).toEqual(['good', 'good']);
  });

  it('says revocation is unknown when asked for and no CRL covers a certificate', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      crls: [readFileSync(join(fixtures, 'jedco-mail-ca.crl'))],
      time: SIGNING_TIME,
      purpose: 'email-signing',
      revocationRequired: true,
    });
    expect(result.problems).toEqual(['revocation-unknown']);
    expect(isPathAcceptable(result, true)).toBe(false);
  });

  it('calls a CRL whose signature does not match its issuer invalid and the revocation unknown', async () => {
    const crl = new Uint8Array(readFileSync(join(fixtures, 'jedco-mail-ca.crl')));
    crl[crl.length - 5] ^= 0xff;
    const result = await validateCertificatePath({
      leaf: certificate('drysdale'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      crls: [crl],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.problems).toEqual(expect.arrayContaining(['crl-invalid', 'revocation-unknown']));
    expect(result.problems).not.toContain('certificate-revoked');
  });

  it("marks Pearl's 1024-bit RSA key weak", async () => {
    const result = await validateCertificatePath({
      leaf: certificate('pearl'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(true);
    expect(result.problems).toEqual(['weak-key']);
  });

  it('refuses a web server certificate for e-mail', async () => {
    const result = await validateCertificatePath({
      leaf: certificate('webserver'),
      candidates: [certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.problems).toContain('not-for-email');
    expect(isPathAcceptable(result)).toBe(false);
  });

  it("accepts Ellie May's EC key for encryption (keyAgreement) and Jethro's RSA key (keyEncipherment)", async () => {
    for (const name of ['ellie-may', 'jethro']) {
      const result = await validateCertificatePath({
        leaf: certificate(name),
        candidates: [certificate('jedco-mail-ca')],
        trustAnchors: [certificate('jedco-root')],
        time: SIGNING_TIME,
        purpose: 'email-encryption',
      });
      expect(result.problems).toEqual([]);
    }
  });

  it('leaves a stranger untrusted, unless the user trusted that very certificate', async () => {
    const untrusted = await validateCertificatePath({
      leaf: certificate('stranger'),
      candidates: [],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(untrusted.trusted).toBe(false);
    expect(untrusted.problems).toContain('no-trust-anchor');

    const trusted = await validateCertificatePath({
      leaf: certificate('stranger'),
      candidates: [],
      trustAnchors: [certificate('jedco-root')],
      explicitlyTrusted: [certificate('bob-hacker'), certificate('stranger')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(trusted).toMatchObject({ trusted: true, trustedBy: 'explicit', problems: ['explicitly-trusted'] });
    expect(isPathAcceptable(trusted)).toBe(true);
  });

  it('is not put off a good path by garbage among the candidates, anchors and CRLs', async () => {
    const garbage = [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), new Uint8Array(0), certificate('jethro').slice(0, 200)];
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [...garbage, certificate('jedco-mail-ca')],
      trustAnchors: [...garbage, certificate('jedco-root')],
      crls: [...garbage, readFileSync(join(fixtures, 'jedco-mail-ca.crl'))],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    expect(result.trusted).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('throws malformed-certificate for a leaf that is not a certificate', async () => {
    await expect(
      validateCertificatePath({ leaf: new Uint8Array([1, 2, 3]), candidates: [], trustAnchors: [], time: SIGNING_TIME, purpose: 'any' }),
    ).rejects.toMatchObject({ code: 'malformed-certificate' });
  });
});

describe('path building bounds', () => {
  /**
   * Certificates named like the mail CA, with a key that never signed anything of Jethro's, and
   * a subject key identifier: each its own, or a copy of the real mail CA's.
   */
  async function makeLookalikes(count: number, keyIdentifier: 'own' | 'copied'): Promise<Uint8Array[]> {
    const mailCa = pkijs.Certificate.fromBER(new Uint8Array(certificate('jedco-mail-ca')));
    const realKeyIdentifier = mailCa.extensions?.find((extension) => extension.extnID === '2.5.29.14')?.extnValue.valueBlock.valueHexView;
    if (!realKeyIdentifier) throw new Error('the mail CA has no subject key identifier');
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const lookalikes: Uint8Array[] = [];
    for (let index = 0; index < count; index += 1) {
      const lookalike = new pkijs.Certificate();
      lookalike.version = 2;
      lookalike.serialNumber = new asn1js.Integer({ value: index + 1 });
      lookalike.issuer = mailCa.subject;
      lookalike.subject = mailCa.subject;
      lookalike.notBefore.value = new Date('2025-01-01T00:00:00Z');
      lookalike.notAfter.value = new Date('2045-01-01T00:00:00Z');
      await lookalike.subjectPublicKeyInfo.importKey(keys.publicKey);
      const skiValue = keyIdentifier === 'copied' ? new Uint8Array(realKeyIdentifier) : new Uint8Array([0x04, 0x04, index >> 8, index & 255, 1, 2]);
      lookalike.extensions = [new pkijs.Extension({ extnID: '2.5.29.14', extnValue: skiValue.buffer })];
      await lookalike.sign(keys.privateKey, 'SHA-256');
      lookalikes.push(new Uint8Array(lookalike.toSchema(true).toBER(false)));
    }
    return lookalikes;
  }

  async function validateAmong(lookalikes: Uint8Array[]): Promise<{ trusted: boolean; problems: string[]; milliseconds: number }> {
    const started = performance.now();
    const result = await validateCertificatePath({
      leaf: certificate('jethro'),
      candidates: [...lookalikes, certificate('jedco-mail-ca')],
      trustAnchors: [certificate('jedco-root')],
      time: SIGNING_TIME,
      purpose: 'email-signing',
    });
    return { trusted: result.trusted, problems: result.problems, milliseconds: performance.now() - started };
  }

  it("tries the intermediate whose key identifier is the leaf's authority key identifier first, among 300 look-alikes", async () => {
    const outcome = await validateAmong(await makeLookalikes(300, 'own'));
    expect(outcome.trusted).toBe(true);
    expect(outcome.milliseconds).toBeLessThan(5_000);
  });

  it('gives up after a bounded number of signature checks when 300 look-alikes even copy the key identifier', async () => {
    const outcome = await validateAmong(await makeLookalikes(300, 'copied'));
    expect(outcome.trusted).toBe(false);
    expect(outcome.problems).toContain('no-trust-anchor');
    expect(outcome.milliseconds).toBeLessThan(5_000);
  });
});
