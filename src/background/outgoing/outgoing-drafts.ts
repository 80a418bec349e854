/**
 * Drafts whose webmail Send Signet cancelled, waiting for the person to confirm in the
 * send-confirmation frame (issue 6 item 3). A content script stages the compose fields and gets a
 * random token; only a Signet frame in the same tab may read or send it. Kept in memory and in
 * `storage.session` (memory-only, closed to content scripts) because an MV3 worker stops after
 * ~30 s idle while the person may take longer to confirm; nothing reaches the disk.
 */
import { encodeHex } from '../../crypto/encoding/hex';
import type { OutgoingDraft, SendProgress, SentDraft } from '../../shared/protocol';
import type { SessionArea } from '../store/staged-messages';

export interface StoredOutgoingDraft {
  draft: OutgoingDraft;
  sign: boolean;
  encrypt: boolean;
  /** The tab whose content script staged it. */
  tabId?: number;
  /** The webmail page's URL (chooses the provider's API). */
  pageUrl?: string;
  stagedAt: number;
  sent?: SentDraft;
}

export const MAXIMUM_OUTGOING_DRAFTS = 16;
export const OUTGOING_LIFETIME_MILLISECONDS = 4 * 60 * 60 * 1000;
/** storage.session holds 10 MB in all; bigger drafts live in the worker's memory only. */
const MAXIMUM_SESSION_CHARACTERS = 4 * 1024 * 1024;
const KEY_PREFIX = 'signet-outgoing:';
const WAITING: SendProgress = { step: 'waiting', fraction: 0, description: 'Waiting for you to confirm.' };

export class OutgoingDrafts {
  private readonly inMemory = new Map<string, StoredOutgoingDraft>();
  private readonly progress = new Map<string, SendProgress>();

  constructor(
    private readonly session: SessionArea | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async stage(entry: Omit<StoredOutgoingDraft, 'stagedAt'>): Promise<string> {
    for (const [token, stored] of this.inMemory) {
      if (this.now() - stored.stagedAt > OUTGOING_LIFETIME_MILLISECONDS) await this.forget(token);
    }
    while (this.inMemory.size >= MAXIMUM_OUTGOING_DRAFTS) {
      const oldest = this.inMemory.keys().next().value;
      if (oldest === undefined) break;
      await this.forget(oldest);
    }
    const token = encodeHex(crypto.getRandomValues(new Uint8Array(16)));
    await this.save(token, { ...entry, stagedAt: this.now() });
    return token;
  }

  async find(token: string): Promise<StoredOutgoingDraft | undefined> {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
    let stored = this.inMemory.get(token);
    if (!stored && this.session) {
      const items: Record<string, unknown> = await this.session.get(KEY_PREFIX + token).catch(() => ({}));
      const text = items[KEY_PREFIX + token];
      if (typeof text === 'string') {
        try {
          stored = JSON.parse(text) as StoredOutgoingDraft;
          this.inMemory.set(token, stored);
        } catch {
          stored = undefined;
        }
      }
    }
    if (stored && this.now() - stored.stagedAt > OUTGOING_LIFETIME_MILLISECONDS) {
      await this.forget(token);
      return undefined;
    }
    return stored;
  }

  async markSent(token: string, sent: SentDraft): Promise<void> {
    const stored = await this.find(token);
    if (stored) await this.save(token, { ...stored, sent });
  }

  progressOf(token: string): SendProgress {
    return this.progress.get(token) ?? WAITING;
  }

  reportProgress(token: string, progress: SendProgress): void {
    this.progress.set(token, progress);
  }

  async forget(token: string): Promise<void> {
    this.inMemory.delete(token);
    this.progress.delete(token);
    await this.session?.remove(KEY_PREFIX + token).catch(() => undefined);
  }

  private async save(token: string, stored: StoredOutgoingDraft): Promise<void> {
    this.inMemory.set(token, stored);
    if (!this.session) return;
    const text = JSON.stringify(stored);
    if (text.length <= MAXIMUM_SESSION_CHARACTERS) await this.session.set({ [KEY_PREFIX + token]: text }).catch(() => undefined);
  }
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const outgoingDrafts = new OutgoingDrafts(sessionArea());

function sessionArea(): SessionArea | undefined {
  const area = globalThis.chrome?.storage?.session;
  if (!area) return undefined;
  return {
    get: (key) => area.get(key),
    set: (items) => area.set(items),
    remove: (key) => area.remove(key),
  };
}
