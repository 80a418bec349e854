/**
 * The one place where the background decides who may ask for what (DESIGN.md security model 2).
 * Every message is checked here, before any handler runs: requests in `PRIVILEGED_REQUESTS`
 * (signing, decryption, key and trust changes) are answered only for pages of the extension's own
 * origin, never for a content script, so a webmail page (even with an XSS) can't drive them.
 * Nothing thrown escapes: every failure becomes a `{ ok: false, error }` answer.
 */
import { SignetError, serializeError } from '../shared/errors';
import {
  PRIVILEGED_REQUESTS,
  isRequestName,
  type RequestName,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from '../shared/protocol';
import type { SignetDatabase } from './store/schema';

/** The parts of `runtime.MessageSender` the rule looks at (Chrome and Firefox both fill them). */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** What a handler may know about who asked. */
export interface RequestSender {
  url?: string;
  tabId?: number;
  frameId?: number;
  isExtensionPage: boolean;
}

export interface HandlerContext {
  database: () => Promise<SignetDatabase>;
  sender: RequestSender;
}

export type RequestHandler<Name extends RequestName> = (
  request: RequestOf<Name>,
  context: HandlerContext,
) => Promise<ResponseOf<Name>>;

export type RequestHandlers = { readonly [Name in RequestName]: RequestHandler<Name> };

export interface RouterOptions {
  extensionId: string;
  /** `runtime.getURL('')`: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBaseUrl: string;
  handlers: RequestHandlers;
  database: () => Promise<SignetDatabase>;
  /** Where unexpected failures are reported (the worker's console). */
  reportUnexpected?: (error: unknown) => void;
}

export type Router = (message: unknown, sender: MessageSender) => Promise<ResponseEnvelope<unknown>> | undefined;

export function createRouter(options: RouterOptions): Router {
  return (message, sender) => {
    if (!isSignetMessage(message)) return undefined; // not ours: leave it to other listeners
    return answer(message, sender, options);
  };
}

async function answer(
  message: { name: unknown; request: unknown },
  sender: MessageSender,
  options: RouterOptions,
): Promise<ResponseEnvelope<unknown>> {
  try {
    const { name, request } = message;
    if (!isRequestName(name)) throw new SignetError('unknown-request', `Signet does not know the request "${String(name)}".`);
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      throw new SignetError('bad-request', `The request "${name}" must carry an object.`);
    }
    const isExtensionPage = isExtensionPageSender(sender, options.extensionId, options.extensionBaseUrl);
    if (PRIVILEGED_REQUESTS.has(name) && !isExtensionPage) {
      throw new SignetError(
        'forbidden-sender',
        `"${name}" may only be asked for by Signet's own pages, not by a web page or content script.`,
      );
    }
    const context: HandlerContext = {
      database: options.database,
      sender: { url: sender.url, tabId: sender.tab?.id, frameId: sender.frameId, isExtensionPage },
    };
    return { ok: true, value: await dispatch(name, request, context, options.handlers) };
  } catch (error) {
    if (!(error instanceof SignetError)) options.reportUnexpected?.(error);
    return { ok: false, error: serializeError(error) };
  }
}

/**
 * The request's fields are checked by its handler; here it is only known to be an object, which
 * is what every request type is.
 */
function dispatch<Name extends RequestName>(
  name: Name,
  request: object,
  context: HandlerContext,
  handlers: RequestHandlers,
): Promise<ResponseOf<Name>> {
  const handler: RequestHandler<Name> = handlers[name];
  return handler(request as RequestOf<Name>, context);
}

function isSignetMessage(message: unknown): message is { signet: 1; name: unknown; request: unknown } {
  return typeof message === 'object' && message !== null && 'signet' in message && message.signet === 1 && 'name' in message;
}

/**
 * An extension page is a document of our own origin: the popup, the management page, or one of
 * our frames inside a webmail tab. A content script's sender carries the web page's URL instead.
 * Compared by scheme and host because `new URL('chrome-extension://…').origin` is "null" outside
 * the browser.
 */
export function isExtensionPageSender(sender: MessageSender, extensionId: string, extensionBaseUrl: string): boolean {
  if (sender.id !== extensionId) return false;
  const ownOrigin = schemeAndHost(extensionBaseUrl);
  if (ownOrigin === undefined || sender.url === undefined || schemeAndHost(sender.url) !== ownOrigin) return false;
  // Chrome also reports the sending document's origin; when present it must agree.
  return sender.origin === undefined || schemeAndHost(sender.origin) === ownOrigin;
}

function schemeAndHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
