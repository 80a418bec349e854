/**
 * One MutationObserver over one subtree that reports each matching element once, with an
 * AbortSignal that ends when the element leaves the page, stops matching, or changes identity
 * (Gmail re-uses a message element for another message, and sets ids after syncing: InboxSDK).
 * No polling: every check runs in the observer's callback (or on a caller's event, e.g. hashchange).
 */

export interface WatchOptions {
  /** The subtree to observe; nothing outside it is looked at. */
  root: Element;
  selector: string;
  /** The element's identity; undefined skips it until an attribute change gives it one. */
  keyOf: (element: HTMLElement) => string | undefined;
  /** Elements that aren't shown (e.g. inside a view Gmail hid) are reported when shown again. */
  isShown: (element: HTMLElement) => boolean;
  /** Attributes whose changes can make an element match, appear or change identity. */
  attributeFilter: string[];
  onElement: (element: HTMLElement, key: string, signal: AbortSignal) => void;
  signal: AbortSignal;
}

export interface ElementWatch {
  /** Re-checks the subtree now (for changes no mutation reports, e.g. a hash navigation). */
  rescan(): void;
}

export function watchElements(options: WatchOptions): ElementWatch {
  const { root, selector, keyOf, isShown, attributeFilter, onElement, signal } = options;
  const reported = new Map<HTMLElement, { key: string; controller: AbortController }>();

  const endStale = (): void => {
    for (const [element, state] of reported) {
      const gone = !element.isConnected || !root.contains(element) || !element.matches(selector);
      if (gone || keyOf(element) !== state.key) {
        state.controller.abort();
        reported.delete(element);
      }
    }
  };

  const rescan = (): void => {
    if (signal.aborted) return;
    endStale();
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      if (reported.has(element) || !isShown(element)) continue;
      const key = keyOf(element);
      if (key === undefined) continue;
      const controller = new AbortController();
      reported.set(element, { key, controller });
      onElement(element, key, controller.signal);
    }
  };

  const observer = new MutationObserver(rescan);
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const state of reported.values()) state.controller.abort();
      reported.clear();
    },
    { once: true },
  );
  rescan();
  return { rescan };
}

/**
 * Calls `onFound` with the first element matching `selector`, now or once it appears (Gmail builds
 * its main view after the content script starts). The temporary observer ends at the first match.
 */
export function whenElementExists(
  document: Document,
  selector: string,
  onFound: (element: Element) => void,
  signal: AbortSignal,
): void {
  const existing = document.querySelector(selector);
  if (existing) {
    onFound(existing);
    return;
  }
  const observer = new MutationObserver(() => {
    const found = document.querySelector(selector);
    if (!found) return;
    observer.disconnect();
    if (!signal.aborted) onFound(found);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/**
 * Whether an element is shown, judged by the inline `display: none` and `hidden` Gmail uses to
 * hide old views (InboxSDK `get-main-content-element-changed-stream.ts`); no layout is forced.
 */
export function isShownWithin(element: HTMLElement, boundary: Element): boolean {
  for (let node: HTMLElement | null = element; node && node !== boundary; node = node.parentElement) {
    if (node.hidden || node.style.display === 'none') return false;
  }
  return true;
}
