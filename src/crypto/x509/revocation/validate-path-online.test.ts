import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPathAcceptable } from '../validate-path';
import { createBoundedFetch, type FetchBytes, type PlatformFetch } from './fetch-bytes';
import { createMemoryRevocationCache } from './revocation-cache';
import { startRevocationPeers, type RevocationPeers } from './revocation-peers.test-support';
import { validateCertificatePathOnline } from './validate-path-online';

let peers: RevocationPeers;
const nodeFetch: PlatformFetch = (url, init) => fetch(url, init);
const network = (): { fetch: FetchBytes } => ({ fetch: createBoundedFetch(nodeFetch, { timeoutMs: 5_000, maxBytes: 1 << 20 }) });
const offline: FetchBytes = async (url) => {
  throw new Error(`offline: ${url}`);
};

function der(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(peers.directory, name)));
}

function input(leaf: string, options: { candidates?: string[]; time?: Date } = {}) {
  return {
    leaf: der(`${leaf}.der`),
    candidates: (options.candidates ?? ['mail-ca.cer']).map(der),
    trustAnchors: [der('root.cer')],
    time: options.time ?? new Date(),
    purpose: 'email-signing' as const,
  };
}

beforeAll(async () => {
  peers = await startRevocationPeers();
}, 60_000);

afterAll(async () => {
  await peers?.stop();
});

describe('revocation over the network', () => {
  it("finds Alice good with the mail CA's OCSP responder (a delegated responder) and the mail CA good in the root's CRL", async () => {
    const result = await validateCertificatePathOnline(input('alice'), network());
    expect(result.problems).toEqual([]);
    expect(isPathAcceptable(result, true)).toBe(true);
    expect(result.revocation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'ocsp', location: `http://127.0.0.1:${peers.ocspPort}`, status: 'good' }),
        expect.objectContaining({ source: 'crl', location: `http://127.0.0.1:${peers.httpPort}/root.crl`, status: 'good' }),
      ]),
    );
  });

  it('reports Bob revoked for key compromise by OCSP, whatever the signing time', async () => {
    const result = await validateCertificatePathOnline(input('bob', { time: new Date('2025-06-01T00:00:00Z') }), network());
    expect(result.problems).toContain('certificate-revoked');
    expect(result.revocationReason).toBe('keyCompromise');
    expect(result.revocation).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'ocsp', status: 'revoked', revocationReason: 'keyCompromise' })]));
  });

  it("lets Carol's signature from before her superseded certificate was revoked stand, and not one made after", async () => {
    const before = await validateCertificatePathOnline(input('carol', { time: new Date('2026-01-01T00:00:00Z') }), network());
    expect(before.problems).toEqual(['revoked-after-signing-key-not-compromised']);
    expect(before.revocationReason).toBe('superseded');
    expect(before.revocation).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'crl', location: `http://127.0.0.1:${peers.httpPort}/mail-ca.crl`, status: 'revoked' })]),
    );
    const after = await validateCertificatePathOnline(input('carol', { time: new Date(Date.now() + 3_600_000) }), network());
    expect(after.problems).toContain('certificate-revoked');
  });

  it("finds Dave good in the mail CA's CRL fetched from his distribution point", async () => {
    const result = await validateCertificatePathOnline(input('dave'), network());
    expect(result.problems).toEqual([]);
    expect(result.revocation.filter((answer) => answer.status === 'good')).toHaveLength(2);
  });

  it('refuses an OCSP "good" signed by a responder the CA never authorized', async () => {
    const result = await validateCertificatePathOnline(input('eve'), network());
    expect(result.problems).toEqual(['revocation-unknown']);
    const answer = result.revocation.find((candidate) => candidate.source === 'ocsp');
    expect(answer).toMatchObject({ status: 'unknown' });
    expect(answer?.detail).toMatch(/not issued by the CA/);
  });

  it('fetches a missing intermediate from caIssuers, as a DER certificate and as PKCS#7 certs-only', async () => {
    for (const leaf of ['alice', 'frank']) {
      const result = await validateCertificatePathOnline(input(leaf, { candidates: [] }), network());
      expect(result.trustedBy).toBe('anchor');
      expect(result.chain).toHaveLength(3);
      expect(result.problems).toEqual([]);
    }
    expect(peers.requests).toEqual(expect.arrayContaining(['GET /mail-ca.cer', 'GET /mail-ca.p7c']));
  });

  it('says revocation is unknown when offline, never good', async () => {
    const result = await validateCertificatePathOnline(input('alice'), { fetch: offline });
    expect(result.trusted).toBe(true);
    expect(result.problems).toEqual(['revocation-unknown']);
    expect(result.revocation.every((answer) => answer.status === 'unknown')).toBe(true);
    expect(isPathAcceptable(result, true)).toBe(false);
  });

  it('answers from the cache until nextUpdate, without the network', async () => {
    const cache = createMemoryRevocationCache();
    await validateCertificatePathOnline(input('alice'), { ...network(), cache });
    await validateCertificatePathOnline(input('dave'), { ...network(), cache });
    for (const leaf of ['alice', 'dave']) {
      const result = await validateCertificatePathOnline(input(leaf), { fetch: offline, cache });
      expect(result.problems).toEqual([]);
    }
  });
});

describe('createBoundedFetch', () => {
  it('gives up on a server that never answers', async () => {
    const fetchBytes = createBoundedFetch(nodeFetch, { timeoutMs: 300, maxBytes: 1 << 20 });
    await expect(fetchBytes(`http://127.0.0.1:${peers.httpPort}/slow`)).rejects.toMatchObject({ code: 'timed-out' });
  });

  it('stops reading a response larger than allowed', async () => {
    const fetchBytes = createBoundedFetch(nodeFetch, { timeoutMs: 5_000, maxBytes: 256 * 1024 });
    await expect(fetchBytes(`http://127.0.0.1:${peers.httpPort}/huge`)).rejects.toMatchObject({ code: 'response-too-large' });
  });

  it('fetches only http:// URLs and says so for an HTTP error', async () => {
    const fetchBytes = createBoundedFetch(nodeFetch);
    await expect(fetchBytes('ldap://ldap.example/cn=CA')).rejects.toMatchObject({ code: 'network-failed' });
    await expect(fetchBytes(`http://127.0.0.1:${peers.httpPort}/missing.crl`)).rejects.toMatchObject({ code: 'network-failed' });
  });
});
