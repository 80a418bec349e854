/**
 * The bodies typed in Signet's secure-compose frame (DESIGN.md security model 3: mail to be
 * encrypted is composed in an extension-origin editor, so the webmail, which autosaves drafts,
 * never holds its plaintext). One session per compose window whose Encrypt a person turned on,
 * keyed by a random token and bound to the tab that opened it. Kept in memory and in
 * `storage.session` (memory-only, closed to content scripts): an MV3 worker stops after ~30 s idle
 * while a person may pause typing for longer; nothing reaches the disk.
 */
import { encodeHex } from '../../crypto/encoding/hex';
import type { SessionArea } from '../store/staged-messages';

export interface SecureComposeBody {
  text: string;
  /** Whether the page's editor held text when Encrypt was turned on (it may be in the provider's draft). */
  typedInPageBefore: boolean;
  /** The tab whose content script opened the session. */
  tabId?: number;
  openedAt: number;
}

export const MAXIMUM_SECURE_COMPOSE_SESSIONS = 16;
export const SECURE_COMPOSE_LIFETIME_MILLISECONDS = 12 * 60 * 60 * 1000;
/** storage.session holds 10 MB in all; a longer text lives in the worker's memory only. */
const MAXIMUM_SESSION_CHARACTERS = 2 * 1024 * 1024;
const KEY_PREFIX = 'signet-secure-compose:';

export class SecureComposeBodies {
  private readonly inMemory = new Map<string, SecureComposeBody>();

  constructor(
    private readonly session: SessionArea | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async open(entry: Omit<SecureComposeBody, 'openedAt'>): Promise<string> {
    for (const [token, stored] of this.inMemory) {
      if (this.now() - stored.openedAt > SECURE_COMPOSE_LIFETIME_MILLISECONDS) await this.forget(token);
    }
    while (this.inMemory.size >= MAXIMUM_SECURE_COMPOSE_SESSIONS) {
      const oldest = this.inMemory.keys().next().value;
      if (oldest === undefined) break;
      await this.forget(oldest);
    }
    const token = encodeHex(crypto.getRandomValues(new Uint8Array(16)));
    await this.save(token, { ...entry, openedAt: this.now() });
    return token;
  }

  async find(token: string): Promise<SecureComposeBody | undefined> {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
    let stored = this.inMemory.get(token);
    if (!stored && this.session) {
      const items: Record<string, unknown> = await this.session.get(KEY_PREFIX + token).catch(() => ({}));
      const text = items[KEY_PREFIX + token];
      if (typeof text === 'string') {
        try {
          stored = JSON.parse(text) as SecureComposeBody;
          this.inMemory.set(token, stored);
        } catch {
          stored = undefined;
        }
      }
    }
    if (stored && this.now() - stored.openedAt > SECURE_COMPOSE_LIFETIME_MILLISECONDS) {
      await this.forget(token);
      return undefined;
    }
    return stored;
  }

  async replaceText(token: string, text: string): Promise<void> {
    const stored = await this.find(token);
    if (stored) await this.save(token, { ...stored, text });
  }

  async forget(token: string): Promise<void> {
    this.inMemory.delete(token);
    await this.session?.remove(KEY_PREFIX + token).catch(() => undefined);
  }

  private async save(token: string, stored: SecureComposeBody): Promise<void> {
    this.inMemory.set(token, stored);
    if (!this.session) return;
    const text = JSON.stringify(stored);
    if (text.length <= MAXIMUM_SESSION_CHARACTERS) await this.session.set({ [KEY_PREFIX + token]: text }).catch(() => undefined);
    else await this.session.remove(KEY_PREFIX + token).catch(() => undefined);
  }
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const secureComposeBodies = new SecureComposeBodies(sessionArea());

function sessionArea(): SessionArea | undefined {
  const area = globalThis.chrome?.storage?.session;
  if (!area) return undefined;
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
    remove: (key) => area.remove(key),
  };
}
