import { SignetError } from '../../../shared/errors';

/**
 * The engine never reaches the network itself (DESIGN.md: "fetching CRLs/OCSP/intermediates goes
 * through an injected fetch-like function"): the background passes one built on the browser's
 * fetch, the CLI one built on Node's, the tests one that fails on purpose.
 */
export type FetchBytes = (url: string, init?: { method?: string; body?: Uint8Array; contentType?: string }) => Promise<Uint8Array>;

export interface FetchLimits {
  /** Milliseconds until the whole exchange is abandoned. */
  timeoutMs: number;
  /** Largest response body accepted, in bytes. */
  maxBytes: number;
}

/** A revocation answer is worth a few seconds, not a stalled verification (issue 4 item 1). */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 8_000, maxBytes: 8 << 20 };

/** The part of the platform's `fetch` used here; both the browser's and Node 20's fit it. */
export type PlatformFetch = (
  url: string,
  init: { method: string; body?: Uint8Array<ArrayBuffer>; headers: Record<string, string>; signal: AbortSignal; redirect: 'follow' | 'error' },
) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; body: ReadableStream<Uint8Array> | null }>;

/**
 * Revocation data and CA certificates are served over plain HTTP (RFC 5280 §4.2.1.13, RFC 6960
 * appendix A): they are signed, and HTTPS would need revocation checking of its own.
 */
export function isFetchableUrl(url: string): boolean {
  return /^http:\/\/[^/]/i.test(url);
}

/**
 * A FetchBytes over the platform's fetch, bounded in time and in size: the body is read as a
 * stream and abandoned at `maxBytes`, so a huge or endless response costs at most that much.
 */
export function createBoundedFetch(platformFetch: PlatformFetch, limits: FetchLimits = DEFAULT_FETCH_LIMITS): FetchBytes {
  return async (url, init) => {
    if (!isFetchableUrl(url)) throw new SignetError('network-failed', `Only http:// URLs are fetched, not ${url}`);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limits.timeoutMs);
    try {
      const headers: Record<string, string> = {};
      if (init?.contentType) headers['content-type'] = init.contentType;
      const response = await platformFetch(url, {
        method: init?.method ?? 'GET',
        body: init?.body ? new Uint8Array(init.body) : undefined,
        headers,
        signal: controller.signal,
        redirect: 'follow',
      });
      if (!response.ok) throw new SignetError('network-failed', `${url} answered HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 'NaN');
      if (declared > limits.maxBytes) throw new SignetError('response-too-large', `${url} sends ${declared} bytes, more than ${limits.maxBytes}`);
      return await readBounded(response.body, limits.maxBytes, url, controller);
    } catch (error) {
      if (timedOut) throw new SignetError('timed-out', `${url} did not answer within ${limits.timeoutMs} ms`, { cause: error });
      if (error instanceof SignetError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SignetError('network-failed', `${url} could not be fetched: ${message}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
}

async function readBounded(body: ReadableStream<Uint8Array> | null, maxBytes: number, url: string, controller: AbortController): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw new SignetError('response-too-large', `${url} sent more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Bounds any FetchBytes (one the caller wrote) in time and checks the size of what it returns;
 * the streaming bound of `createBoundedFetch` is better when the platform fetch is at hand.
 */
export function limitFetch(inner: FetchBytes, limits: FetchLimits = DEFAULT_FETCH_LIMITS): FetchBytes {
  return async (url, init) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SignetError('timed-out', `${url} did not answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    });
    try {
      const bytes = await Promise.race([inner(url, init), timeout]);
      if (bytes.byteLength > limits.maxBytes) throw new SignetError('response-too-large', `${url} sent more than ${limits.maxBytes} bytes`);
      return bytes;
    } finally {
      clearTimeout(timer);
    }
  };
}
