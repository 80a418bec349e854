/**
 * Drafts whose webmail Send Signet cancelled, waiting for the person to confirm in the
 * send-confirmation frame (issue 6 item 3). A content script stages the compose fields and gets a
 * random token; only a Signet frame in the same tab may read or send it. Kept in memory and in
 * `storage.session` (see `SessionTokenStore`) because an MV3 worker stops after ~30 s idle while
 * the person may take longer to confirm; nothing reaches the disk.
 */
import type { OutgoingDraft, SendProgress, SentDraft } from '../../shared/protocol';
import { browserSessionArea, SessionTokenStore, type SessionArea } from '../store/session-token-store';

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
const WAITING: SendProgress = { step: 'waiting', fraction: 0, description: 'Waiting for you to confirm.' };

export class OutgoingDrafts {
  private readonly progress = new Map<string, SendProgress>();
  private readonly store: SessionTokenStore<StoredOutgoingDraft>;

  constructor(session: SessionArea | undefined, now: () => number = Date.now) {
    this.store = new SessionTokenStore<StoredOutgoingDraft>(session, {
      keyPrefix: 'signet-outgoing:',
      lifetimeMilliseconds: OUTGOING_LIFETIME_MILLISECONDS,
      maximumEntries: MAXIMUM_OUTGOING_DRAFTS,
      madeAt: (stored) => stored.stagedAt,
      maximumSessionCharacters: MAXIMUM_SESSION_CHARACTERS,
      onForget: (token) => this.progress.delete(token),
      now,
    });
  }

  stage(entry: Omit<StoredOutgoingDraft, 'stagedAt'>): Promise<string> {
    return this.store.open({ ...entry, stagedAt: this.store.now() });
  }

  find(token: string): Promise<StoredOutgoingDraft | undefined> {
    return this.store.find(token);
  }

  markSent(token: string, sent: SentDraft): Promise<void> {
    return this.store.replace(token, (stored) => ({ ...stored, sent }));
  }

  progressOf(token: string): SendProgress {
    return this.progress.get(token) ?? WAITING;
  }

  reportProgress(token: string, progress: SendProgress): void {
    this.progress.set(token, progress);
  }

  forget(token: string): Promise<void> {
    return this.store.forget(token);
  }
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const outgoingDrafts = new OutgoingDrafts(browserSessionArea());
