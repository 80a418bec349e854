import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificateRecord, type CertificateRecord } from '../certificate-record';
import { buildOcspRequest, identifyCertificate } from './ocsp-request';
import { judgeOcspResponse } from './ocsp-response';

/** Answers `openssl ocsp` wrote (test/fixtures/make-revocation-pki.sh), judged without a network. */
let directory: string;
let mailCa: CertificateRecord;
let alice: CertificateRecord;
let bob: CertificateRecord;

const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(directory, name)));

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'signet-ocsp-'));
  execFileSync('bash', [join(__dirname, '../../../../test/fixtures/make-revocation-pki.sh'), directory, '1', '2']);
  mailCa = await readCertificateRecord(file('mail-ca.cer'));
  alice = await readCertificateRecord(file('alice.der'));
  bob = await readCertificateRecord(file('bob.der'));
}, 60_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function nonceOfRequest(der: Uint8Array): Uint8Array {
  const request = new pkijs.OCSPRequest({ schema: asn1js.fromBER(der).result });
  const extension = request.tbsRequest.requestExtensions?.[0];
  if (!extension) throw new Error('no nonce in the request');
  return (asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result as asn1js.OctetString).valueBlock.valueHexView;
}

describe('judgeOcspResponse', () => {
  it('builds the same CertID as openssl ocsp', async () => {
    const ours = buildOcspRequest(await identifyCertificate(alice, mailCa));
    expect(ours).toEqual(file('alice-request.der'));
  });

  it("believes an answer signed by the CA's own key", async () => {
    const verdict = await judgeOcspResponse(file('alice-by-ca-ocsp.der'), await identifyCertificate(alice, mailCa), mailCa, new Date());
    expect(verdict.status).toBe('good');
  });

  it("doesn't believe an answer once past its nextUpdate", async () => {
    const identity = await identifyCertificate(alice, mailCa);
    expect((await judgeOcspResponse(file('alice-short-ocsp.der'), identity, mailCa, new Date())).status).toBe('good');
    const later = new Date(Date.now() + 30 * 60_000);
    const verdict = await judgeOcspResponse(file('alice-short-ocsp.der'), identity, mailCa, later);
    expect(verdict).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/expired/) });
  });

  it("doesn't take an answer about Bob as an answer about Alice", async () => {
    const verdict = await judgeOcspResponse(file('bob-nonce-ocsp.der'), await identifyCertificate(alice, mailCa), mailCa, new Date());
    expect(verdict).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/does not speak of this certificate/) });
  });

  it('checks the nonce: the one sent is accepted, another is a replay', async () => {
    const identity = await identifyCertificate(bob, mailCa);
    const sent = nonceOfRequest(file('bob-nonce-request.der'));
    const verdict = await judgeOcspResponse(file('bob-nonce-ocsp.der'), identity, mailCa, new Date(), sent);
    expect(verdict).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
    const replayed = await judgeOcspResponse(file('bob-nonce-ocsp.der'), identity, mailCa, new Date(), new Uint8Array(16));
    expect(replayed).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/nonce/) });
  });

  it('calls a garbled answer unknown, not good', async () => {
    const garbled = file('alice-by-ca-ocsp.der').slice(0, 100);
    const verdict = await judgeOcspResponse(garbled, await identifyCertificate(alice, mailCa), mailCa, new Date());
    expect(verdict.status).toBe('unknown');
  });
});
