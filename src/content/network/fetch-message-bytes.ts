/**
 * Fetches a raw message from the webmail's own origin as bytes (never as text: decoding corrupts
 * 8-bit MIME and breaks signatures, gmail.js README), bounded in size so a huge or endless
 * response can't exhaust the tab.
 */
import { SignetError } from '../../shared/errors';

/** Gmail's own limit for a message is 35 MiB (messages.send `maxSize`, GMAIL-NOTES.md §4); base64 adds a third. */
export const MAXIMUM_MESSAGE_BYTES = 48 * 1024 * 1024;

export async function fetchMessageBytes(
  url: URL,
  signal: AbortSignal,
  fetchFunction: typeof fetch = fetch,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFunction(url, { credentials: 'include', signal, cache: 'no-store' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SignetError('network-failed', `Could not download the message from ${url.origin}.`, { cause: error });
  }
  if (!response.ok) {
    throw new SignetError('provider-error', `The webmail answered ${response.status} for the message source.`);
  }
  const bytes = await readBounded(response, MAXIMUM_MESSAGE_BYTES);
  if (!looksLikeMessage(bytes)) {
    // A signed-out session gets a sign-in page, not the message: say so instead of "unsigned".
    throw new SignetError('provider-error', 'The webmail did not return the message source (signed out?).');
  }
  return bytes;
}

async function readBounded(response: Response, maximumBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maximumBytes) throw tooLarge(maximumBytes);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maximumBytes) {
      await reader.cancel();
      throw tooLarge(maximumBytes);
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

function tooLarge(maximumBytes: number): SignetError {
  return new SignetError('response-too-large', `The message is larger than ${maximumBytes / (1024 * 1024)} MiB.`);
}

/** RFC 5322 §2.2: a message starts with a header field, `name: value` with a printable name. */
export function looksLikeMessage(bytes: Uint8Array): boolean {
  const firstLine = new TextDecoder('latin1').decode(bytes.subarray(0, 1000)).split(/\r?\n/, 1)[0] ?? '';
  return /^[!-9;-~]+:/.test(firstLine);
}
