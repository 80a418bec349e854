/**
 * The badge's host element: the only part of the badge in the page's DOM. It carries the DOM hooks
 * (`data-signet-status`, `data-signet-signer`, DESIGN.md "Contracts") and a closed shadow root
 * with what the person reads, so page scripts can neither read nor restyle it. The page can still
 * touch the host itself: every change to its attributes is undone, and when the page moves or
 * removes it, it goes back beside the sender.
 */
import type { ReadView, WebmailAdapter } from '../adapters/adapter';
import { BADGE_STYLES } from './badge-view';

export const BADGE_TAG_NAME = 'signet-badge';

/** Inline and `!important`, so the page's style sheets can't hide or cover the host. */
const HOST_STYLE =
  'all: initial !important; display: inline-block !important; visibility: visible !important; ' +
  'opacity: 1 !important; position: relative !important; vertical-align: middle !important; ' +
  'transform: none !important; clip-path: none !important; filter: none !important; z-index: 1 !important;';

export class BadgeHost {
  readonly element: HTMLElement;
  /** Inside the closed shadow root: where the badge is rendered. */
  readonly content: HTMLElement;
  private expectedAttributes: Record<string, string> = { style: HOST_STYLE };

  constructor(
    private readonly adapter: WebmailAdapter,
    private readonly view: ReadView,
    onEnd: () => void,
  ) {
    const document = view.element.ownerDocument;
    this.element = document.createElement(BADGE_TAG_NAME);
    const shadow = this.element.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = BADGE_STYLES;
    this.content = document.createElement('span');
    shadow.append(style, this.content);
    this.applyAttributes();
    this.guard(onEnd);
  }

  /** Puts the badge beside the sender; false when the view has no header to put it in. */
  place(): boolean {
    return this.adapter.placeBadge(this.view, this.element);
  }

  /** Sets the DOM hooks (`data-signet-*`); every other attribute is removed. */
  setHooks(hooks: Record<string, string>): void {
    this.expectedAttributes = { style: HOST_STYLE, ...hooks };
    this.applyAttributes();
  }

  private applyAttributes(): void {
    for (const name of this.element.getAttributeNames()) {
      if (!Object.hasOwn(this.expectedAttributes, name)) this.element.removeAttribute(name);
    }
    for (const [name, value] of Object.entries(this.expectedAttributes)) {
      if (this.element.getAttribute(name) !== value) this.element.setAttribute(name, value);
    }
  }

  private guard(onEnd: () => void): void {
    const attributeGuard = new MutationObserver(() => this.applyAttributes());
    attributeGuard.observe(this.element, { attributes: true });
    const placementGuard = new MutationObserver(() => {
      if (!this.adapter.isBadgePlaced(this.view, this.element)) this.place();
    });
    placementGuard.observe(this.view.element, { childList: true, subtree: true });
    this.view.signal.addEventListener(
      'abort',
      () => {
        attributeGuard.disconnect();
        placementGuard.disconnect();
        onEnd();
        this.element.remove();
      },
      { once: true },
    );
  }
}
