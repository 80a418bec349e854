/**
 * Where fetched CRLs, OCSP responses and CA certificates are kept until they go stale (the CRL's
 * or OCSP response's nextUpdate, DESIGN.md security model 5). The background backs it with
 * IndexedDB (store `revocationCache`); Node and the CLI use the in-memory one below.
 */
export interface RevocationCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array, expiresAt: Date): Promise<void>;
}

/** Keys: 'crl <url>', 'ocsp <issuer key hash> <serial>', 'issuer <url>'. */
export function cacheKey(kind: 'crl' | 'ocsp' | 'issuer', ...parts: string[]): string {
  return [kind, ...parts].join(' ');
}

/** An in-memory cache for Node and the CLI: bounded in entries, expired entries dropped on read. */
export function createMemoryRevocationCache(options: { maxEntries?: number; now?: () => Date } = {}): RevocationCache {
  const maxEntries = options.maxEntries ?? 512;
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, { value: Uint8Array; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now().getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async put(key, value, expiresAt) {
      if (expiresAt.getTime() <= now().getTime()) return;
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: expiresAt.getTime() });
    },
  };
}
