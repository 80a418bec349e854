/**
 * What every webmail adapter provides (Mailvelope's `providerSpecific.js` model: one adapter per
 * provider behind one interface). Features never touch a provider's DOM directly: they ask the
 * adapter for read views, the raw message, and where to put Signet's own elements. Adding Outlook
 * on the web is one folder beside `gmail/` implementing this interface.
 */
import type { ComposeWindowAdapter } from '../features/compose-window-adapter';

/** One opened message in the page. */
export interface ReadView {
  /** The provider's element for this message (Gmail: `div.adn.ads`). */
  readonly element: HTMLElement;
  /**
   * A stable id for evidence and look-ups, e.g. Gmail's `msg-f:1638756560099919527`. Never shown
   * as proof of anything: the page controls it.
   */
  readonly messageId: string;
  /** Aborted when the view leaves the page (or is re-rendered as another message) or Signet stops. */
  readonly signal: AbortSignal;
}

/** One open compose window (used by the writing features, issue 6). */
export interface ComposeView {
  readonly element: HTMLElement;
  readonly signal: AbortSignal;
}

export interface WebmailAdapter {
  /** Short id for logs and tests, e.g. 'gmail'. */
  readonly name: string;

  /** Whether this adapter understands the page (URL first, DOM second: Gmail builds its DOM late). */
  detect(location: Location, document: Document): boolean;

  /**
   * Calls `onReadView` once for each message the person opens, including ones opened later through
   * in-page navigation. Ends every observer and listener when `signal` aborts.
   */
  observeReadViews(onReadView: (view: ReadView) => void, signal: AbortSignal): void;

  /** Calls `onComposeView` once for each compose window; ends when `signal` aborts. */
  observeComposeViews(onComposeView: (view: ComposeView) => void, signal: AbortSignal): void;

  /** Reading and driving a compose window (the writing features, issue 6); absent: Signet doesn't write here. */
  readonly compose?: ComposeWindowAdapter;

  /**
   * The message exactly as received (RFC 5322 bytes, never text-decoded: 8-bit MIME and signatures
   * are over bytes), fetched from the provider's own origin.
   */
  fetchRawMessage(view: ReadView, signal: AbortSignal): Promise<Uint8Array>;

  /**
   * Puts Signet's badge host beside the sender, outside the message's own HTML, so nothing in a
   * message can draw over or pretend to be it. Returns false when the header isn't there (yet).
   */
  placeBadge(view: ReadView, badgeHost: HTMLElement): boolean;

  /** Whether `badgeHost` is still where `placeBadge` put it (the page may move or remove it). */
  isBadgePlaced(view: ReadView, badgeHost: HTMLElement): boolean;

  /**
   * Hides the provider's rendering of the body and shows `frame` in its place (the decrypt frame:
   * an encrypted message's body is ciphertext or an attachment link, never the plaintext).
   */
  replaceBody(view: ReadView, frame: HTMLElement): boolean;

  /** Inserts a Signet frame (e.g. trust-sender) between the header and the body. */
  insertBelowHeader(view: ReadView, frame: HTMLElement): boolean;
}
