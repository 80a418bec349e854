import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlatformFetch } from '../../crypto/x509/revocation/fetch-bytes';
import { startRevocationPeers, type RevocationPeers } from '../../crypto/x509/revocation/revocation-peers.test-support';
import { openSignetDatabase } from '../store/open-database';
import type { SignetDatabase } from '../store/schema';
import type { HostPermissionCheck } from './host-permission-gate';
import { createOnlinePathValidator } from './online-path-validator';
import { readRevocationAccess } from './revocation-setting';
import { readCurrentCacheEntries } from './stored-revocation-cache';

let peers: RevocationPeers;

beforeAll(async () => {
  peers = await startRevocationPeers();
}, 60_000);

afterAll(async () => {
  await peers?.stop();
});

function der(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(peers.directory, name)));
}

function pathOf(leaf: string, candidates: string[] = ['mail-ca.cer']) {
  return { leaf: der(`${leaf}.der`), candidates: candidates.map(der), trustAnchors: [der('root.cer')], time: new Date(), purpose: 'email-signing' as const };
}

/** Node's fetch, counting what the background would send over the network. */
function countingFetch(): { fetch: PlatformFetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (url, init) => {
      urls.push(`${init.method} ${url}`);
      return fetch(url, init);
    },
  };
}

const everyOriginAllowed: HostPermissionCheck = { contains: async () => true };
const noOriginAllowed: HostPermissionCheck = { contains: async () => false };

async function freshDatabase(): Promise<SignetDatabase> {
  return openSignetDatabase(`revocation-test-${crypto.randomUUID()}`);
}

describe('revocation checked by the background', () => {
  test("Alice's certificate is found good online, and the second verification is answered from IndexedDB", async () => {
    const database = await freshDatabase();
    const network = countingFetch();
    const validate = createOnlinePathValidator(database, { fetch: network.fetch, permissions: everyOriginAllowed });
    const first = await validate(pathOf('alice'));
    expect(first.problems).toEqual([]);
    expect(first.revocation.map((answer) => answer.status)).toEqual(expect.arrayContaining(['good', 'good']));
    const fetchesAfterFirst = network.urls.length;
    expect(fetchesAfterFirst).toBeGreaterThan(0);

    const second = await validate(pathOf('alice'));
    expect(second.problems).toEqual([]);
    expect(network.urls).toHaveLength(fetchesAfterFirst);
    const stored = await database.getAllKeys('revocationCache');
    expect(stored).toEqual(expect.arrayContaining([`crl http://127.0.0.1:${peers.httpPort}/root.crl`, expect.stringMatching(/^ocsp /)]));
  });

  test('Bob, revoked for key compromise, is revoked whatever the signing time', async () => {
    const validate = createOnlinePathValidator(await freshDatabase(), { fetch: countingFetch().fetch, permissions: everyOriginAllowed });
    const result = await validate({ ...pathOf('bob'), time: new Date('2025-06-01T00:00:00Z') });
    expect(result.problems).toContain('certificate-revoked');
    expect(result.revocationReason).toBe('keyCompromise');
  });

  test('without the host permission nothing is fetched: revocation not checked, said as such, and the origin remembered', async () => {
    const database = await freshDatabase();
    const network = countingFetch();
    const validate = createOnlinePathValidator(database, { fetch: network.fetch, permissions: noOriginAllowed });
    const result = await validate(pathOf('alice'));
    expect(network.urls).toEqual([]);
    expect(result.trusted).toBe(true);
    expect(result.problems).toEqual(expect.arrayContaining(['revocation-unknown', 'revocation-not-permitted']));
    expect(result.revocation.every((answer) => answer.status === 'unknown')).toBe(true);
    expect(result.revocation.some((answer) => /permission not granted/.test(answer.detail ?? ''))).toBe(true);
    expect((await readRevocationAccess(database)).wantedOrigins).toEqual(['http://127.0.0.1/*']);
  });

  test('a server that is down leaves revocation unknown, never good', async () => {
    const validate = createOnlinePathValidator(await freshDatabase(), {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      permissions: everyOriginAllowed,
    });
    const result = await validate(pathOf('alice'));
    expect(result.problems).toEqual(['revocation-unknown']);
    expect(result.revocation.some((answer) => answer.status === 'good')).toBe(false);
  });

  test('servers that never answer cost one time budget per verification, not a timeout per fetch', async () => {
    const silent: PlatformFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const validate = createOnlinePathValidator(await freshDatabase(), { fetch: silent, permissions: everyOriginAllowed }, { timeoutMs: 20_000, maxBytes: 1 << 20 }, 400);
    const started = Date.now();
    const result = await validate(pathOf('alice'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.problems).toEqual(['revocation-unknown']);
  });

  test("a missing intermediate is fetched from caIssuers, and once it validated it is kept as a known certificate", async () => {
    const database = await freshDatabase();
    const validate = createOnlinePathValidator(database, { fetch: countingFetch().fetch, permissions: everyOriginAllowed });
    const result = await validate(pathOf('alice', []));
    expect(result.trustedBy).toBe('anchor');
    expect(result.chain).toHaveLength(3);
    expect((await readCurrentCacheEntries(database)).intermediates).toEqual([der('mail-ca.cer')]);
  });

  test('a fetched intermediate is not kept when the path it built is not trusted (no root imported)', async () => {
    const database = await freshDatabase();
    const validate = createOnlinePathValidator(database, { fetch: countingFetch().fetch, permissions: everyOriginAllowed });
    const result = await validate({ ...pathOf('alice', []), trustAnchors: [] });
    expect(result.trusted).toBe(false);
    expect((await readCurrentCacheEntries(database)).intermediates).toEqual([]);
  });
});
