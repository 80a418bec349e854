/**
 * Encrypted messages waiting for the person to decrypt them in Signet's frame (issue 5 item 4).
 * A content script stages the ciphertext (it is no secret: the page had it) and gets a random
 * token; the decrypt frame in the same tab redeems it. Kept in `storage.session` too (see
 * `SessionTokenStore`), because an MV3 service worker stops after ~30 s idle and loses its memory,
 * while the person may take longer to click "Decrypt".
 */
import { decodeBase64, encodeBase64 } from '../../crypto/encoding/base64';
import { browserSessionArea, SessionTokenStore, type SessionArea } from './session-token-store';

export type { SessionArea } from './session-token-store';

export interface StagedMessage {
  raw: Uint8Array;
  /** The tab whose content script staged it: only a frame in that tab may redeem the token. */
  tabId?: number;
  messageId?: string;
  stagedAt: number;
}

export const MAXIMUM_STAGED_MESSAGES = 32;
/** storage.session holds 10 MB in all (Chrome); bigger messages live in memory only. */
export const MAXIMUM_SESSION_BYTES = 4 * 1024 * 1024;
export const STAGED_LIFETIME_MILLISECONDS = 4 * 60 * 60 * 1000;

/** The session form: an object (not JSON text) with the bytes in base64. */
interface StoredStagedMessage {
  rawBase64: string;
  tabId?: number;
  messageId?: string;
  stagedAt: number;
}

export class StagedMessages {
  private readonly store: SessionTokenStore<StagedMessage>;

  constructor(session: SessionArea | undefined, now: () => number = Date.now) {
    this.store = new SessionTokenStore<StagedMessage>(session, {
      keyPrefix: 'signet-staged:',
      lifetimeMilliseconds: STAGED_LIFETIME_MILLISECONDS,
      maximumEntries: MAXIMUM_STAGED_MESSAGES,
      madeAt: (staged) => staged.stagedAt,
      toSession: toStored,
      fromSession: (stored) => (isStored(stored) ? { raw: decodeBase64(stored.rawBase64), tabId: stored.tabId, messageId: stored.messageId, stagedAt: stored.stagedAt } : undefined),
      now,
    });
  }

  stage(message: Omit<StagedMessage, 'stagedAt'>): Promise<string> {
    return this.store.open({ ...message, stagedAt: this.store.now() });
  }

  find(token: string): Promise<StagedMessage | undefined> {
    return this.store.find(token);
  }
}

function toStored(staged: StagedMessage): StoredStagedMessage | undefined {
  if (staged.raw.byteLength > MAXIMUM_SESSION_BYTES) return undefined;
  return { rawBase64: encodeBase64(staged.raw), tabId: staged.tabId, messageId: staged.messageId, stagedAt: staged.stagedAt };
}

function isStored(value: unknown): value is StoredStagedMessage {
  return typeof value === 'object' && value !== null && 'rawBase64' in value && typeof value.rawBase64 === 'string' && 'stagedAt' in value && typeof value.stagedAt === 'number';
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const stagedMessages = new StagedMessages(browserSessionArea());
