/**
 * The Gmail adapter: runs on mail.google.com and on the demo webmail, whose DOM follows Gmail's
 * landmarks (TEAM.md "Demo webmail DOM landmarks", GMAIL-NOTES.md). Selectors come only from
 * `selectors.ts`.
 */
import type { ComposeView, ReadView, WebmailAdapter } from '../adapter';
import { isShownWithin, watchElements, whenElementExists } from '../../dom/watch-elements';
import { fetchMessageBytes } from '../../network/fetch-message-bytes';
import { SignetError } from '../../../shared/errors';
import { describeMessageId, readGmailMessageIds } from './message-ids';
import { buildRawMessageUrls } from './raw-message-urls';
import { GmailComposeWindows } from './gmail-compose';
import { css, LEGACY_MESSAGE_ID_ATTRIBUTE, MESSAGE_ID_ATTRIBUTE } from './selectors';

export class GmailAdapter implements WebmailAdapter {
  readonly name = 'gmail';
  /** The compose window's fields, Send button and toolbar place (issue 6). */
  readonly compose: GmailComposeWindows;

  constructor(
    private readonly window: Window,
    private readonly fetchFunction: typeof fetch = (input, init) => window.fetch(input, init),
  ) {
    this.compose = new GmailComposeWindows(fetchFunction);
  }

  detect(location: Location): boolean {
    // Gmail serves its app under /mail/ (`/mail/u/N/`, `/mail/b/<x>/u/N/` for delegated accounts).
    return location.pathname.startsWith('/mail/');
  }

  /**
   * One MutationObserver on Gmail's main view (`div.aeF`), where every conversation is rendered
   * and old ones are kept hidden; `hashchange` re-checks because going back to a hidden view
   * changes only a style (InboxSDK watches the same two signals).
   */
  observeReadViews(onReadView: (view: ReadView) => void, signal: AbortSignal): void {
    const document = this.window.document;
    whenElementExists(
      document,
      css('mainView'),
      (mainView) => {
        const watch = watchElements({
          root: mainView,
          selector: css('openedMessage'),
          keyOf: (element) => describeMessageId(readGmailMessageIds(element)),
          isShown: (element) => isShownWithin(element, mainView),
          attributeFilter: ['class', 'style', 'hidden', MESSAGE_ID_ATTRIBUTE, LEGACY_MESSAGE_ID_ATTRIBUTE],
          onElement: (element, messageId, viewSignal) => onReadView({ element, messageId, signal: viewSignal }),
          signal,
        });
        this.window.addEventListener('hashchange', () => watch.rescan(), { signal });
      },
      signal,
    );
  }

  /** Compose windows live outside the main view (`div.dw`), so this observer watches the body. */
  observeComposeViews(onComposeView: (view: ComposeView) => void, signal: AbortSignal): void {
    const document = this.window.document;
    const dialogs = new WeakMap<HTMLElement, string>();
    let nextDialogNumber = 1;
    whenElementExists(
      document,
      'body',
      (body) => {
        watchElements({
          root: body,
          selector: css('composeDialog'),
          keyOf: (element) => {
            if (!element.querySelector(css('composeForm'))) return undefined;
            let key = dialogs.get(element);
            if (key === undefined) {
              key = `compose-${nextDialogNumber++}`;
              dialogs.set(element, key);
            }
            return key;
          },
          isShown: (element) => isShownWithin(element, body),
          attributeFilter: ['class', 'style', 'hidden', 'role'],
          onElement: (element, _key, viewSignal) => onComposeView({ element, signal: viewSignal }),
          signal,
        });
      },
      signal,
    );
  }

  async fetchRawMessage(view: ReadView, signal: AbortSignal): Promise<Uint8Array> {
    const ids = readGmailMessageIds(view.element);
    const urls = buildRawMessageUrls(new URL(this.window.location.href), ids, Date.now());
    if (urls.length === 0) {
      throw new SignetError('provider-error', 'This message has no id Gmail can serve its source for yet.');
    }
    let lastError: unknown;
    for (const url of urls) {
      try {
        return await fetchMessageBytes(url, signal, this.fetchFunction);
      } catch (error) {
        if (signal.aborted) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  placeBadge(view: ReadView, badgeHost: HTMLElement): boolean {
    const sender = findInHeader(view, css('sender'));
    if (!sender) return false;
    sender.after(badgeHost);
    return true;
  }

  isBadgePlaced(view: ReadView, badgeHost: HTMLElement): boolean {
    const sender = findInHeader(view, css('sender'));
    return sender !== null && sender.nextElementSibling === badgeHost;
  }

  replaceBody(view: ReadView, frame: HTMLElement): boolean {
    const wrapper = view.element.querySelector<HTMLElement>(css('bodyWrapper'));
    if (!wrapper) return false;
    for (const content of wrapper.querySelectorAll<HTMLElement>(css('bodyContent'))) {
      content.style.display = 'none';
    }
    wrapper.prepend(frame);
    return true;
  }

  insertBelowHeader(view: ReadView, frame: HTMLElement): boolean {
    const wrapper = view.element.querySelector<HTMLElement>(css('bodyWrapper'));
    if (!wrapper) return false;
    wrapper.before(frame);
    return true;
  }
}

/**
 * The first match in the message's header, never inside its body: a message's own HTML can
 * contain a `span.gD` of its making, and the badge must not land where the sender drew.
 */
function findInHeader(view: ReadView, selector: string): HTMLElement | null {
  const header = view.element.querySelector(css('messageHeader'));
  if (!header || header.closest(css('bodyWrapper'))) return null;
  for (const candidate of header.querySelectorAll<HTMLElement>(`${css('senderHeading')} ${selector}`)) {
    if (!candidate.closest(css('bodyWrapper'))) return candidate;
  }
  return null;
}
