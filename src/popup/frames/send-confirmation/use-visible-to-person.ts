/**
 * Whether the send-confirmation frame's button has really been visible to the person for a
 * moment (IntersectionObserver v2, `trackVisibility`: false when the page made the frame
 * transparent, transformed it or covered it). The page holds the `<iframe>` element and could
 * otherwise hide it under a decoy and have the person click "Send" unknowingly (clickjacking).
 * Where the browser has no v2 observer the check can't be made and isn't required.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

/** How long the button must have been visible before a click counts. */
export const MINIMUM_VISIBLE_MILLISECONDS = 400;

interface VisibilityEntry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

export function useVisibleToPerson<Element extends HTMLElement>(): { ref: { current: Element | null }; isVisibleLongEnough: () => boolean } {
  const ref = useRef<Element | null>(null);
  const visibleSince = useRef<number | undefined>(undefined);
  const observed = useRef<Element | null>(null);
  const [supported, setSupported] = useState(true);

  useEffect(() => {
    const element = ref.current;
    // Another button (or none) now: its time on screen starts again.
    if (element !== observed.current) visibleSince.current = undefined;
    observed.current = element;
    if (!element) return undefined;
    let observer: IntersectionObserver;
    try {
      observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries as VisibilityEntry[]) {
            if (entry.isVisible === undefined) {
              setSupported(false);
              return;
            }
            visibleSince.current = entry.isVisible ? (visibleSince.current ?? performance.now()) : undefined;
          }
        },
        { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
    } catch {
      setSupported(false);
      return undefined;
    }
    observer.observe(element);
    return () => observer.disconnect();
  });

  return {
    ref,
    isVisibleLongEnough: () =>
      !supported || (visibleSince.current !== undefined && performance.now() - visibleSince.current >= MINIMUM_VISIBLE_MILLISECONDS),
  };
}
