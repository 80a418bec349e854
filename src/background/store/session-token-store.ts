/**
 * A token-keyed map in the service worker's memory, mirrored in `storage.session`. An MV3 service
 * worker stops after ~30 s idle and loses its memory, while a person may take far longer to click
 * "Decrypt", confirm a send or finish typing; `storage.session` survives the stop, is memory-only
 * (nothing reaches the disk) and is closed to content scripts by default. Each entry gets a random
 * 32-hex token, lives for a fixed lifetime, and the oldest is evicted beyond a count cap. Entries
 * whose session form is too big live in the worker's memory only.
 */
import { encodeHex } from '../../crypto/encoding/hex';

/** The part of `chrome.storage.session` used here (injected, so tests run without a browser). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface SessionTokenStoreOptions<T> {
  /** Prefixes each token to make its `storage.session` key. */
  keyPrefix: string;
  lifetimeMilliseconds: number;
  maximumEntries: number;
  /** When the entry was made; its lifetime counts from here. */
  madeAt: (entry: T) => number;
  /** Longer JSON stays in memory only (ignored when `toSession` is given). */
  maximumSessionCharacters?: number;
  /** The session form of an entry, or undefined to keep it in memory only; JSON text by default. */
  toSession?: (entry: T) => unknown;
  /** The entry back from its session form, or undefined if it is not one; JSON text by default. */
  fromSession?: (stored: unknown) => T | undefined;
  /** Whether replacing an entry with one too big for the session also removes its older session copy. */
  removeOlderCopyWhenTooBig?: boolean;
  /** Called whenever a token is forgotten (also on expiry and eviction). */
  onForget?: (token: string) => void;
  now?: () => number;
}

export class SessionTokenStore<T> {
  private readonly inMemory = new Map<string, T>();
  readonly now: () => number;

  constructor(
    private readonly session: SessionArea | undefined,
    private readonly options: SessionTokenStoreOptions<T>,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Drops expired entries, evicts the oldest beyond the cap, and stores `entry` under a new token. */
  async open(entry: T): Promise<string> {
    for (const [token, stored] of this.inMemory) {
      if (this.expired(stored)) await this.forget(token);
    }
    while (this.inMemory.size >= this.options.maximumEntries) {
      const oldest = this.inMemory.keys().next().value;
      if (oldest === undefined) break;
      await this.forget(oldest);
    }
    const token = encodeHex(crypto.getRandomValues(new Uint8Array(16)));
    await this.put(token, entry);
    return token;
  }

  async find(token: string): Promise<T | undefined> {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
    let stored = this.inMemory.get(token);
    if (stored === undefined && this.session) {
      const key = this.options.keyPrefix + token;
      const items: Record<string, unknown> = await this.session.get(key).catch(() => ({}));
      stored = this.fromSession(items[key]);
      if (stored !== undefined) this.inMemory.set(token, stored);
    }
    if (stored !== undefined && this.expired(stored)) {
      await this.forget(token);
      return undefined;
    }
    return stored;
  }

  /** Replaces a live entry (found as `find` would), keeping its token; does nothing otherwise. */
  async replace(token: string, change: (entry: T) => T): Promise<void> {
    const stored = await this.find(token);
    if (stored !== undefined) await this.put(token, change(stored));
  }

  async forget(token: string): Promise<void> {
    this.inMemory.delete(token);
    this.options.onForget?.(token);
    await this.session?.remove(this.options.keyPrefix + token).catch(() => undefined);
  }

  private async put(token: string, entry: T): Promise<void> {
    this.inMemory.set(token, entry);
    if (!this.session) return;
    const key = this.options.keyPrefix + token;
    const stored = this.toSession(entry);
    if (stored !== undefined) await this.session.set({ [key]: stored }).catch(() => undefined);
    else if (this.options.removeOlderCopyWhenTooBig) await this.session.remove(key).catch(() => undefined);
  }

  private expired(entry: T): boolean {
    return this.now() - this.options.madeAt(entry) > this.options.lifetimeMilliseconds;
  }

  private toSession(entry: T): unknown {
    if (this.options.toSession) return this.options.toSession(entry);
    const text = JSON.stringify(entry);
    const limit = this.options.maximumSessionCharacters;
    return limit === undefined || text.length <= limit ? text : undefined;
  }

  private fromSession(stored: unknown): T | undefined {
    if (this.options.fromSession) return this.options.fromSession(stored);
    if (typeof stored !== 'string') return undefined;
    try {
      return (JSON.parse(stored) as T | null) ?? undefined;
    } catch {
      return undefined;
    }
  }
}

/** `chrome.storage.session` when the browser has it. */
export function browserSessionArea(): SessionArea | undefined {
  const area = globalThis.chrome?.storage?.session;
  if (!area) return undefined;
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
    remove: (key) => area.remove(key),
  };
}
