/**
 * The engine's `RevocationCache` backed by IndexedDB (store `revocationCache`, DESIGN.md security
 * model 5): fetched CRLs and OCSP responses are kept until their nextUpdate, what AIA caIssuers
 * URLs served for a day (the engine decides the expiry), so a message opened again is judged
 * without the network. The engine judges every cached answer again when it reads it back
 * (signature, freshness), so a record here can't turn a bad answer good.
 */
import type { RevocationCache } from '../../crypto/x509/revocation/revocation-cache';
import type { RevocationCacheRecord, SignetDatabase } from '../store/schema';

/** A mail client sees a few dozen CAs; far more entries means something is filling the cache. */
export const MAXIMUM_CACHE_ENTRIES = 500;

type CachedKind = RevocationCacheRecord['kind'];

/** The engine's keys start with their kind ('crl <url>', 'ocsp <hash> <serial>', 'issuer <url>'). */
function kindOfKey(key: string): CachedKind {
  const kind = key.split(' ', 1)[0];
  return kind === 'ocsp' || kind === 'issuer' ? kind : 'crl';
}

export function createStoredRevocationCache(database: SignetDatabase, clock: () => Date = () => new Date()): RevocationCache {
  return {
    async get(key) {
      const record = await database.get('revocationCache', key);
      if (!record) return undefined;
      if (isExpired(record, clock())) {
        await database.delete('revocationCache', key);
        return undefined;
      }
      return record.body;
    },
    async put(key, value, expiresAt) {
      const now = clock();
      if (expiresAt.getTime() <= now.getTime()) return;
      await makeRoom(database, now);
      await database.put('revocationCache', {
        url: key,
        kind: kindOfKey(key),
        body: value,
        fetchedAt: now.toISOString(),
        nextUpdate: expiresAt.toISOString(),
      });
    },
  };
}

export function isExpired(record: RevocationCacheRecord, now: Date): boolean {
  return record.nextUpdate !== undefined && Date.parse(record.nextUpdate) <= now.getTime();
}

/** Drops expired entries, then the oldest fetched, until there is room for one more. */
async function makeRoom(database: SignetDatabase, now: Date): Promise<void> {
  if ((await database.count('revocationCache')) < MAXIMUM_CACHE_ENTRIES) return;
  const records = await database.getAll('revocationCache');
  const transaction = database.transaction('revocationCache', 'readwrite');
  const kept = records.filter((record) => !isExpired(record, now));
  for (const record of records) if (isExpired(record, now)) await transaction.store.delete(record.url);
  const oldestFirst = kept.sort((left, right) => Date.parse(left.fetchedAt) - Date.parse(right.fetchedAt));
  for (const record of oldestFirst.slice(0, Math.max(0, kept.length - MAXIMUM_CACHE_ENTRIES + 1))) {
    await transaction.store.delete(record.url);
  }
  await transaction.done;
}

/** Everything fetched is forgotten (the management page's "Forget fetched revocation data"). */
export async function clearRevocationCache(database: SignetDatabase): Promise<void> {
  await database.clear('revocationCache');
}

/** Cached CRLs and validated intermediates still current: given to offline verifications too. */
export async function readCurrentCacheEntries(database: SignetDatabase, now: Date = new Date()): Promise<{ crls: Uint8Array[]; intermediates: Uint8Array[] }> {
  const records = (await database.getAll('revocationCache')).filter((record) => !isExpired(record, now));
  return {
    crls: records.filter((record) => record.kind === 'crl').map((record) => record.body),
    intermediates: records.filter((record) => record.kind === 'intermediate').map((record) => record.body),
  };
}
