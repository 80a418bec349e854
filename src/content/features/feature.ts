/**
 * How content features are written (refined-github's `features.add` model, STYLE.md): one feature
 * per file, the file name is its id, each gets the shared context and ends its listeners through
 * the AbortSignal it is handed.
 */
import type { RequestName, RequestOf, ResponseOf } from '../../shared/protocol';
import type { WebmailAdapter } from '../adapters/adapter';
import type { BackgroundEvent } from '../background-events';
import type { OpenedMessage } from '../message/opened-message';

export type SendRequest = <Name extends RequestName>(name: Name, request: RequestOf<Name>) => Promise<ResponseOf<Name>>;

export interface FeatureContext {
  adapter: WebmailAdapter;
  sendRequest: SendRequest;
  /** `runtime.getURL(path)`: where Signet's frame pages are. */
  extensionUrl: (path: string) => string;
  /** Events from the background, in this tab. */
  backgroundEvents: EventTarget;
}

export interface ContentFeature {
  /** The file name, e.g. 'verification-badge'. */
  readonly id: string;
  /** Once per page; listeners end with `signal`. */
  init?(context: FeatureContext, signal: AbortSignal): void;
  /** Once per opened message; listeners end with `message.view.signal`. */
  onReadView?(message: OpenedMessage, context: FeatureContext): void;
}

export const BACKGROUND_EVENT_TYPE = 'signet-background-event';

/** Subscribes to one kind of background event until `signal` aborts. */
export function onBackgroundEvent<Kind extends BackgroundEvent['kind']>(
  context: FeatureContext,
  kind: Kind,
  listener: (event: Extract<BackgroundEvent, { kind: Kind }>) => void,
  signal: AbortSignal,
): void {
  context.backgroundEvents.addEventListener(
    BACKGROUND_EVENT_TYPE,
    (event) => {
      const detail = (event as CustomEvent<BackgroundEvent>).detail;
      if (detail.kind === kind) listener(detail as Extract<BackgroundEvent, { kind: Kind }>);
    },
    { signal },
  );
}
