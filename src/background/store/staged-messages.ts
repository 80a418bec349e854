/**
 * Encrypted messages waiting for the person to decrypt them in Signet's frame (issue 5 item 4).
 * A content script stages the ciphertext (it is no secret: the page had it) and gets a random
 * token; the decrypt frame in the same tab redeems it. Kept in `storage.session` too, because an
 * MV3 service worker stops after ~30 s idle and loses its memory, while the person may take longer
 * to click "Decrypt"; `storage.session` is memory-only and closed to content scripts by default.
 */
import { decodeBase64, encodeBase64 } from '../../crypto/encoding/base64';
import { encodeHex } from '../../crypto/encoding/hex';

export interface StagedMessage {
  raw: Uint8Array;
  /** The tab whose content script staged it: only a frame in that tab may redeem the token. */
  tabId?: number;
  messageId?: string;
  stagedAt: number;
}

/** The part of `chrome.storage.session` used here (injected, so tests run without a browser). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export const MAXIMUM_STAGED_MESSAGES = 32;
/** storage.session holds 10 MB in all (Chrome); bigger messages live in memory only. */
export const MAXIMUM_SESSION_BYTES = 4 * 1024 * 1024;
export const STAGED_LIFETIME_MILLISECONDS = 4 * 60 * 60 * 1000;
const KEY_PREFIX = 'signet-staged:';

interface StoredStagedMessage {
  rawBase64: string;
  tabId?: number;
  messageId?: string;
  stagedAt: number;
}

export class StagedMessages {
  private readonly inMemory = new Map<string, StagedMessage>();

  constructor(
    private readonly session: SessionArea | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async stage(message: Omit<StagedMessage, 'stagedAt'>): Promise<string> {
    this.dropExpired();
    while (this.inMemory.size >= MAXIMUM_STAGED_MESSAGES) {
      const oldest = this.inMemory.keys().next().value;
      if (oldest === undefined) break;
      await this.forget(oldest);
    }
    const token = encodeHex(crypto.getRandomValues(new Uint8Array(16)));
    const staged: StagedMessage = { ...message, stagedAt: this.now() };
    this.inMemory.set(token, staged);
    if (this.session && message.raw.byteLength <= MAXIMUM_SESSION_BYTES) {
      const stored: StoredStagedMessage = {
        rawBase64: encodeBase64(message.raw),
        tabId: message.tabId,
        messageId: message.messageId,
        stagedAt: staged.stagedAt,
      };
      await this.session.set({ [KEY_PREFIX + token]: stored }).catch(() => undefined);
    }
    return token;
  }

  async find(token: string): Promise<StagedMessage | undefined> {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
    let staged = this.inMemory.get(token);
    if (!staged && this.session) {
      const items: Record<string, unknown> = await this.session.get(KEY_PREFIX + token).catch(() => ({}));
      const stored = items[KEY_PREFIX + token];
      if (isStored(stored)) {
        staged = { raw: decodeBase64(stored.rawBase64), tabId: stored.tabId, messageId: stored.messageId, stagedAt: stored.stagedAt };
        this.inMemory.set(token, staged);
      }
    }
    if (staged && this.now() - staged.stagedAt > STAGED_LIFETIME_MILLISECONDS) {
      await this.forget(token);
      return undefined;
    }
    return staged;
  }

  private dropExpired(): void {
    for (const [token, staged] of this.inMemory) {
      if (this.now() - staged.stagedAt > STAGED_LIFETIME_MILLISECONDS) void this.forget(token);
    }
  }

  private async forget(token: string): Promise<void> {
    this.inMemory.delete(token);
    await this.session?.remove(KEY_PREFIX + token).catch(() => undefined);
  }
}

function isStored(value: unknown): value is StoredStagedMessage {
  return typeof value === 'object' && value !== null && 'rawBase64' in value && typeof value.rawBase64 === 'string' && 'stagedAt' in value && typeof value.stagedAt === 'number';
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const stagedMessages = new StagedMessages(sessionArea());

function sessionArea(): SessionArea | undefined {
  const area = globalThis.chrome?.storage?.session;
  if (!area) return undefined;
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
    remove: (key) => area.remove(key),
  };
}
