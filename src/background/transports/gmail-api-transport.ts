/**
 * The Gmail REST API as a mail transport (GMAIL-NOTES.md §4; the demo webmail answers the same
 * paths, bodies and errors). `users.messages.send` with the raw message: JSON `{raw, threadId}` up
 * to 5 MB, the upload endpoint with `uploadType=multipart` (JSON metadata + `message/rfc822`) above,
 * as Google's upload guide says; never more than the API's 35 MiB `maxSize`.
 * A 401 gets one more try with a fresh token (an expired one), then a clear error.
 */
import { decodeBase64Url, encodeBase64Url } from '../../crypto/encoding/base64';
import { SignetError } from '../../shared/errors';
import type { MailTransport, SentMessageReference, ThreadingHeaders } from './mail-transport';

/** users.messages.send `maxSize` in Google's discovery document (35 MiB). */
export const GMAIL_MAXIMUM_MESSAGE_BYTES = 36_700_160;
/** Google's upload guide: simple (here JSON) requests for about 5 MB or less. */
export const GMAIL_SIMPLE_SEND_BYTES = 5 * 1024 * 1024;
/** The biggest API answer read (a raw message of the maximum size, base64url, plus JSON). */
const MAXIMUM_ANSWER_CHARACTERS = Math.ceil((GMAIL_MAXIMUM_MESSAGE_BYTES * 4) / 3) + 64 * 1024;

export interface AccessTokenSource {
  /** A token for the account; `renew` asks for a new one after the API refused the last. */
  getAccessToken(renew: boolean): Promise<string>;
}

export interface GmailApiTransportOptions {
  /** `https://gmail.googleapis.com`, or the demo webmail's origin. */
  apiOrigin: string;
  tokens: AccessTokenSource;
  fetchFunction?: typeof fetch;
  /** For messages: "Gmail" or "the demo webmail". */
  providerName?: string;
}

export class GmailApiTransport implements MailTransport {
  private readonly fetchFunction: typeof fetch;
  private readonly providerName: string;

  constructor(private readonly options: GmailApiTransportOptions) {
    this.fetchFunction = options.fetchFunction ?? ((input, init) => fetch(input, init));
    this.providerName = options.providerName ?? 'Gmail';
  }

  async sendMessage(raw: Uint8Array, options: { threadId?: string; onProgress?: (fraction: number) => void }): Promise<SentMessageReference> {
    if (raw.byteLength > GMAIL_MAXIMUM_MESSAGE_BYTES) {
      throw new SignetError(
        'provider-error',
        `The message is ${formatMegabytes(raw.byteLength)}, more than ${this.providerName} accepts (35 MB). Remove an attachment and send again.`,
      );
    }
    options.onProgress?.(0);
    const answer =
      raw.byteLength <= GMAIL_SIMPLE_SEND_BYTES
        ? await this.callApi('POST', '/gmail/v1/users/me/messages/send', () => ({
            body: JSON.stringify(options.threadId ? { raw: encodeBase64Url(raw), threadId: options.threadId } : { raw: encodeBase64Url(raw) }),
            contentType: 'application/json',
          }))
        : await this.callApi('POST', '/upload/gmail/v1/users/me/messages/send?uploadType=multipart', () => buildMultipartUpload(raw, options.threadId));
    options.onProgress?.(1);
    const id = stringField(answer, 'id');
    const threadId = stringField(answer, 'threadId');
    if (!id || !threadId) throw new SignetError('provider-error', `${this.providerName} accepted the message but did not say its id.`);
    return { id, threadId };
  }

  async fetchRawMessage(id: string): Promise<Uint8Array> {
    const answer = await this.callApi('GET', `/gmail/v1/users/me/messages/${encodeURIComponent(id)}?format=raw`);
    const raw = stringField(answer, 'raw');
    if (raw === undefined) throw new SignetError('provider-error', `${this.providerName} returned the message without its raw bytes.`);
    return decodeBase64Url(raw);
  }

  async fetchThreadingHeaders(id: string): Promise<ThreadingHeaders> {
    const answer = await this.callApi(
      'GET',
      `/gmail/v1/users/me/messages/${encodeURIComponent(id)}?format=metadata&metadataHeaders=Message-ID&metadataHeaders=References`,
    );
    const headers = readPayloadHeaders(answer);
    const messageId = headers.find((header) => header.name.toLowerCase() === 'message-id')?.value.trim();
    const references = headers
      .filter((header) => header.name.toLowerCase() === 'references')
      .flatMap((header) => header.value.match(/<[^<>\s]+>/g) ?? []);
    return { messageId: messageId || undefined, references };
  }

  private async callApi(
    method: 'GET' | 'POST',
    path: string,
    makeBody?: () => { body: BodyInit; contentType: string },
  ): Promise<unknown> {
    let response = await this.fetchOnce(method, path, makeBody, false);
    if (response.status === 401) response = await this.fetchOnce(method, path, makeBody, true);
    const text = await readBoundedText(response, this.providerName);
    if (!response.ok) throw describeApiError(response.status, text, this.providerName);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new SignetError('provider-error', `${this.providerName} answered with something that is not JSON.`, { cause: error });
    }
  }

  private async fetchOnce(
    method: 'GET' | 'POST',
    path: string,
    makeBody: (() => { body: BodyInit; contentType: string }) | undefined,
    renewToken: boolean,
  ): Promise<Response> {
    const token = await this.options.tokens.getAccessToken(renewToken);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    const body = makeBody?.();
    if (body) headers['Content-Type'] = body.contentType;
    try {
      return await this.fetchFunction(new URL(path, this.options.apiOrigin).href, { method, headers, body: body?.body });
    } catch (error) {
      throw new SignetError('network-failed', `Signet could not reach ${this.providerName} (${describe(error)}). Nothing was sent; your draft is unchanged.`, {
        cause: error,
      });
    }
  }
}

/** Google's upload protocol, `uploadType=multipart`: a `multipart/related` of the JSON metadata and the message. */
function buildMultipartUpload(raw: Uint8Array, threadId: string | undefined): { body: BodyInit; contentType: string } {
  const boundary = `signet-${Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(threadId ? { threadId } : {})}\r\n` +
      `--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.byteLength + raw.byteLength + tail.byteLength);
  body.set(head, 0);
  body.set(raw, head.byteLength);
  body.set(tail, head.byteLength + raw.byteLength);
  return { body, contentType: `multipart/related; boundary=${boundary}` };
}

/** Google's error body `{"error":{"code","message","status"}}`, said for a person. */
export function describeApiError(status: number, text: string, providerName: string): SignetError {
  let message = '';
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    message = text.slice(0, 200);
  }
  const detail = message ? `: ${message}` : '';
  if (status === 401) {
    return new SignetError('user-action-required', `${providerName} refused Signet's sign-in (HTTP 401${detail}). Sign in again and retry; nothing was sent.`);
  }
  if (status === 413) return new SignetError('provider-error', `The message is too large for ${providerName} (HTTP 413${detail}).`);
  return new SignetError('provider-error', `${providerName} refused the request (HTTP ${status}${detail}).`);
}

async function readBoundedText(response: Response, providerName: string): Promise<string> {
  const text = await response.text().catch((error: unknown) => {
    throw new SignetError('network-failed', `The answer from ${providerName} broke off (${describe(error)}).`, { cause: error });
  });
  if (text.length > MAXIMUM_ANSWER_CHARACTERS) throw new SignetError('response-too-large', `${providerName} answered with more than Signet reads.`);
  return text;
}

function readPayloadHeaders(answer: unknown): { name: string; value: string }[] {
  if (typeof answer !== 'object' || answer === null || !('payload' in answer)) return [];
  const payload = answer.payload;
  if (typeof payload !== 'object' || payload === null || !('headers' in payload) || !Array.isArray(payload.headers)) return [];
  return payload.headers.filter(
    (header: unknown): header is { name: string; value: string } =>
      typeof header === 'object' && header !== null && 'name' in header && 'value' in header && typeof header.name === 'string' && typeof header.value === 'string',
  );
}

function stringField(answer: unknown, field: string): string | undefined {
  if (typeof answer !== 'object' || answer === null || !(field in answer)) return undefined;
  const value = (answer as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
