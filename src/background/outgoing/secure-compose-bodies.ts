/**
 * The bodies typed in Signet's secure-compose frame (DESIGN.md security model 3: mail to be
 * encrypted is composed in an extension-origin editor, so the webmail, which autosaves drafts,
 * never holds its plaintext). One session per compose window whose Encrypt a person turned on,
 * keyed by a random token and bound to the tab that opened it. Kept in memory and in
 * `storage.session` (see `SessionTokenStore`): an MV3 worker stops after ~30 s idle while a person
 * may pause typing for longer; nothing reaches the disk.
 */
import { browserSessionArea, SessionTokenStore, type SessionArea } from '../store/session-token-store';

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

export class SecureComposeBodies {
  private readonly store: SessionTokenStore<SecureComposeBody>;

  constructor(session: SessionArea | undefined, now: () => number = Date.now) {
    this.store = new SessionTokenStore<SecureComposeBody>(session, {
      keyPrefix: 'signet-secure-compose:',
      lifetimeMilliseconds: SECURE_COMPOSE_LIFETIME_MILLISECONDS,
      maximumEntries: MAXIMUM_SECURE_COMPOSE_SESSIONS,
      madeAt: (body) => body.openedAt,
      maximumSessionCharacters: MAXIMUM_SESSION_CHARACTERS,
      // A text grown too long must not leave its shorter, older copy to come back after a restart.
      removeOlderCopyWhenTooBig: true,
      now,
    });
  }

  open(entry: Omit<SecureComposeBody, 'openedAt'>): Promise<string> {
    return this.store.open({ ...entry, openedAt: this.store.now() });
  }

  find(token: string): Promise<SecureComposeBody | undefined> {
    return this.store.find(token);
  }

  replaceText(token: string, text: string): Promise<void> {
    return this.store.replace(token, (stored) => ({ ...stored, text }));
  }

  forget(token: string): Promise<void> {
    return this.store.forget(token);
  }
}

/** The worker's one instance, over `chrome.storage.session` when the browser has it. */
export const secureComposeBodies = new SecureComposeBodies(browserSessionArea());
