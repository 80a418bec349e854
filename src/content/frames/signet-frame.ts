/**
 * Signet's extension-origin frames inside webmail pages (DESIGN.md security model 3; FlowCrypt's
 * `pgp_block.htm` and Mailvelope's decrypted-message iframes): what they show is out of the page's
 * reach by the same-origin policy. The page only holds the `<iframe>` element, marked
 * `data-signet-frame` (DESIGN.md DOM hooks).
 */

export type SignetFrameName = 'decrypt' | 'trust-sender';

export interface SignetFrameOptions {
  name: SignetFrameName;
  /** Query parameters for the frame page (tokens and fingerprints, never secrets). */
  parameters: Record<string, string>;
  title: string;
  heightPixels: number;
}

/** The path of a frame page in the built extension (TEAM.md "Extension wiring"). */
export function framePagePath(name: SignetFrameName): string {
  return `src/popup/frames/${name}/index.html`;
}

export function createSignetFrame(
  document: Document,
  extensionUrl: (path: string) => string,
  options: SignetFrameOptions,
): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  const url = new URL(extensionUrl(framePagePath(options.name)));
  for (const [name, value] of Object.entries(options.parameters)) url.searchParams.set(name, value);
  frame.setAttribute('data-signet-frame', options.name);
  frame.title = options.title;
  frame.src = url.href;
  setSignetFrameHeight(frame, options.heightPixels);
  return frame;
}

/**
 * Inline and `!important`, so the page's style sheets can't hide or shrink the frame. The frame
 * never tells the page how tall its content is (that would leak the length of a decrypted
 * message); the content script sizes it from what it knows: "before" and "after decryption".
 */
export function setSignetFrameHeight(frame: HTMLIFrameElement, heightPixels: number): void {
  frame.setAttribute(
    'style',
    `all: initial !important; display: block !important; width: 100% !important; max-width: 960px !important; ` +
      `height: ${heightPixels}px !important; border: 1px solid #9aa0a6 !important; border-radius: 8px !important; ` +
      `margin: 8px 0 !important; background: #fff !important; resize: vertical !important; overflow: auto !important;`,
  );
}

/** Messages a frame may post to its parent: none carries anything from the message. */
export type FrameMessage = { signetFrame: SignetFrameName; kind: 'close' };

/**
 * Listens for messages from this frame only: the sender must be the frame's own window and of the
 * extension's origin, so the page (or another frame) can't fake one; `isMessage` checks the shape.
 */
export function listenToFrameMessages<Message>(
  frame: HTMLIFrameElement,
  extensionOrigin: string,
  isMessage: (data: unknown) => data is Message,
  onMessage: (message: Message) => void,
  signal: AbortSignal,
): void {
  frame.ownerDocument.defaultView?.addEventListener(
    'message',
    (event) => {
      if (event.source !== frame.contentWindow || event.origin !== extensionOrigin) return;
      const data: unknown = event.data;
      if (isMessage(data)) onMessage(data);
    },
    { signal },
  );
}

/** Listens for this frame's `FrameMessage`s (see `listenToFrameMessages`). */
export function listenToFrame(
  frame: HTMLIFrameElement,
  extensionOrigin: string,
  onMessage: (message: FrameMessage) => void,
  signal: AbortSignal,
): void {
  listenToFrameMessages(frame, extensionOrigin, isFrameMessage, onMessage, signal);
}

function isFrameMessage(data: unknown): data is FrameMessage {
  return typeof data === 'object' && data !== null && 'signetFrame' in data && 'kind' in data && data.kind === 'close';
}
