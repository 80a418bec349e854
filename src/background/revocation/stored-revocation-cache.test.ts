import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openSignetDatabase } from '../store/open-database';
import { gateFetchByHostPermission, originPatternOf } from './host-permission-gate';
import { checkRevocationAccess, readRevocationAccess, rememberWantedOrigins, writeRevocationAccess } from './revocation-setting';
import { clearRevocationCache, createStoredRevocationCache, MAXIMUM_CACHE_ENTRIES, readCurrentCacheEntries } from './stored-revocation-cache';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const freshDatabase = () => openSignetDatabase(`revocation-cache-test-${crypto.randomUUID()}`);

describe('the revocation cache in IndexedDB', () => {
  test('a CRL is served until its nextUpdate, then fetched again', async () => {
    const database = await freshDatabase();
    let now = new Date('2026-11-28T12:00:00Z');
    const cache = createStoredRevocationCache(database, () => now);
    await cache.put('crl http://crl.jedco.example/mail.crl', bytes('crl'), new Date('2026-11-29T12:00:00Z'));
    expect(await cache.get('crl http://crl.jedco.example/mail.crl')).toEqual(bytes('crl'));
    expect((await database.get('revocationCache', 'crl http://crl.jedco.example/mail.crl'))?.kind).toBe('crl');
    now = new Date('2026-11-29T12:00:01Z');
    expect(await cache.get('crl http://crl.jedco.example/mail.crl')).toBeUndefined();
    expect(await database.count('revocationCache')).toBe(0);
  });

  test('an answer already stale is not kept, and the kinds follow the keys', async () => {
    const database = await freshDatabase();
    const cache = createStoredRevocationCache(database, () => new Date('2026-11-28T12:00:00Z'));
    await cache.put('ocsp abcd 01', bytes('stale'), new Date('2026-11-28T11:00:00Z'));
    await cache.put('ocsp abcd 02', bytes('fresh'), new Date('2026-11-28T13:00:00Z'));
    await cache.put('issuer http://ca.jedco.example/mail.cer', bytes('cer'), new Date('2026-11-29T12:00:00Z'));
    expect(await database.getAllKeys('revocationCache')).toEqual(['issuer http://ca.jedco.example/mail.cer', 'ocsp abcd 02']);
    expect((await database.get('revocationCache', 'ocsp abcd 02'))?.kind).toBe('ocsp');
    expect((await database.get('revocationCache', 'issuer http://ca.jedco.example/mail.cer'))?.kind).toBe('issuer');
  });

  test('a cache being flooded stays bounded, dropping the oldest first', async () => {
    const database = await freshDatabase();
    let tick = Date.parse('2026-11-28T12:00:00Z');
    const cache = createStoredRevocationCache(database, () => new Date((tick += 1000)));
    for (let index = 0; index < MAXIMUM_CACHE_ENTRIES + 5; index += 1) {
      await cache.put(`crl http://crl.example/${index}.crl`, bytes(String(index)), new Date('2030-01-01T00:00:00Z'));
    }
    expect(await database.count('revocationCache')).toBe(MAXIMUM_CACHE_ENTRIES);
    expect(await cache.get('crl http://crl.example/0.crl')).toBeUndefined();
    expect(await cache.get(`crl http://crl.example/${MAXIMUM_CACHE_ENTRIES + 4}.crl`)).toEqual(bytes(String(MAXIMUM_CACHE_ENTRIES + 4)));
  }, 60_000);

  test('current CRLs and kept intermediates are given to offline verifications; forgetting clears all', async () => {
    const database = await freshDatabase();
    const cache = createStoredRevocationCache(database);
    await cache.put('crl http://crl.example/a.crl', bytes('a'), new Date(Date.now() + 60_000));
    await database.put('revocationCache', { url: 'crl http://crl.example/old.crl', kind: 'crl', body: bytes('old'), fetchedAt: '2020-01-01T00:00:00Z', nextUpdate: '2020-01-02T00:00:00Z' });
    await database.put('revocationCache', { url: 'intermediate ab', kind: 'intermediate', body: bytes('ca'), fetchedAt: new Date().toISOString(), nextUpdate: '2045-01-01T00:00:00Z' });
    expect(await readCurrentCacheEntries(database)).toEqual({ crls: [bytes('a')], intermediates: [bytes('ca')] });
    await clearRevocationCache(database);
    expect(await readCurrentCacheEntries(database)).toEqual({ crls: [], intermediates: [] });
  });
});

describe('host permissions for revocation servers', () => {
  test('the permission asked for is the origin without its port, any path', () => {
    expect(originPatternOf('http://127.0.0.1:18080/jedco-mail-ca.crl')).toBe('http://127.0.0.1/*');
    expect(originPatternOf('http://ocsp.jedco.example')).toBe('http://ocsp.jedco.example/*');
  });

  test('a fetch to an origin without permission is refused before it is sent, and the origin reported', async () => {
    const sent: string[] = [];
    const refused: string[] = [];
    const fetchBytes = gateFetchByHostPermission(
      async (url) => {
        sent.push(url);
        return bytes('ok');
      },
      { contains: async ({ origins }) => origins[0] === 'http://allowed.example/*' },
      (origin) => refused.push(origin),
    );
    expect(await fetchBytes('http://allowed.example/ca.crl')).toEqual(bytes('ok'));
    await expect(fetchBytes('http://crl.elsewhere.example:8080/ca.crl')).rejects.toMatchObject({ code: 'host-permission-missing' });
    expect(sent).toEqual(['http://allowed.example/ca.crl']);
    expect(refused).toEqual(['http://crl.elsewhere.example/*']);
  });
});

describe('the revocation setting', () => {
  test('online checking is on until the person turns it off; wanted origins are remembered once each', async () => {
    const database = await freshDatabase();
    expect(await readRevocationAccess(database)).toEqual({ online: true, wantedOrigins: [] });
    await rememberWantedOrigins(database, ['http://crl.jedco.example/*', 'http://crl.jedco.example/*']);
    await rememberWantedOrigins(database, ['http://ocsp.jedco.example/*', 'javascript:alert(1)']);
    await writeRevocationAccess(database, { ...(await readRevocationAccess(database)), online: false });
    expect(await readRevocationAccess(database)).toEqual({ online: false, wantedOrigins: ['http://crl.jedco.example/*', 'http://ocsp.jedco.example/*'] });
  });

  test('a malformed setting from a page is refused with a bad-request', () => {
    expect(() => checkRevocationAccess({ online: 'yes', wantedOrigins: [] })).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => checkRevocationAccess({ online: true, wantedOrigins: ['<all_urls>'] })).toThrow(expect.objectContaining({ code: 'bad-request' }));
    expect(() => checkRevocationAccess(null)).toThrow(expect.objectContaining({ code: 'bad-request' }));
  });
});
