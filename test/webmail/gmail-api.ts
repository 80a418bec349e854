import type { IncomingMessage, ServerResponse } from 'node:http';
import { NoRecipientsError, sendMessage } from './deliver-message';
import { googleErrors, MAXIMUM_MESSAGE_BYTES, writeGoogleError, type GoogleError } from './google-errors';
import { buildPayload } from './gmail-payload';
import { BodyTooLargeError, decodeBase64Lenient, encodeBase64Url, readRequestBody, writeJson } from './http-helpers';
import type { MailStore, StoredMessage } from './mail-store';
import { isWellFormedHexId } from './message-ids';
import { summarizeMessage } from './message-view-model';
import { matchesQuery, parseQuery } from './gmail-search';
import { bytesToBinaryString } from './raw-message';
import { threadExists } from './threading';
import { readUploadedMessage } from './upload-body';

/**
 * The subset of the Gmail REST API (users.messages list, get, send; users.getProfile) that Signet
 * uses, with Google's shapes and error bodies (GMAIL-NOTES.md section 4). `me` names the token's
 * account; any other user id must be that account.
 */
export interface GmailApiContext {
  store: MailStore;
  rewriteSent: boolean;
}

/** base64 of 35 MiB plus room for JSON: JSON sends larger than this are refused unread. */
const MAXIMUM_JSON_BYTES = Math.ceil((MAXIMUM_MESSAGE_BYTES * 4) / 3) + 65_536;

class ApiError extends Error {
  constructor(readonly error: GoogleError) {
    super(error.message);
  }
}

export function isGmailApiPath(pathname: string): boolean {
  return pathname.startsWith('/gmail/') || pathname.startsWith('/upload/gmail/');
}

export async function handleGmailApi(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  context: GmailApiContext,
): Promise<void> {
  // Google's APIs answer CORS, so pages and extension pages can call the demo the same way.
  response.setHeader('Access-Control-Allow-Origin', '*');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return;
  }
  try {
    await routeGmailApi(request, response, url, context);
  } catch (error) {
    if (error instanceof ApiError) {
      writeGoogleError(response, error.error);
    } else if (error instanceof BodyTooLargeError) {
      writeGoogleError(response, googleErrors.tooLarge());
    } else {
      throw error;
    }
  }
}

async function routeGmailApi(request: IncomingMessage, response: ServerResponse, url: URL, context: GmailApiContext): Promise<void> {
  const upload = /^\/upload\/gmail\/v1\/users\/([^/]+)\/messages\/send$/.exec(url.pathname);
  const send = /^\/gmail\/v1\/users\/([^/]+)\/messages\/send$/.exec(url.pathname);
  const list = /^\/gmail\/v1\/users\/([^/]+)\/messages$/.exec(url.pathname);
  const get = /^\/gmail\/v1\/users\/([^/]+)\/messages\/([^/]+)$/.exec(url.pathname);
  const profile = /^\/gmail\/v1\/users\/([^/]+)\/profile$/.exec(url.pathname);
  const match = upload ?? send ?? list ?? get ?? profile;
  if (!match) {
    throw new ApiError(googleErrors.notFound());
  }
  const account = authorize(request, url, decodeURIComponent(match[1]), context.store);
  const expectedMethod = upload || send ? 'POST' : 'GET';
  if (request.method !== expectedMethod) {
    throw new ApiError(googleErrors.methodNotAllowed());
  }
  if (upload) {
    const uploaded = await readUploadedMessage(request, url);
    if ('error' in uploaded) {
      throw new ApiError(uploaded.error);
    }
    writeJson(response, 200, deliver(context, account, uploaded.raw, uploaded.threadId));
  } else if (send) {
    const { raw, threadId } = await readJsonSend(request);
    writeJson(response, 200, deliver(context, account, raw, threadId));
  } else if (list) {
    writeJson(response, 200, await listMessages(context.store, account, url));
  } else if (get) {
    writeJson(response, 200, await getMessage(context.store, account, decodeURIComponent(get[2]), url));
  } else {
    const messages = context.store.listMessages(account);
    writeJson(response, 200, {
      emailAddress: account,
      messagesTotal: messages.length,
      threadsTotal: new Set(messages.map((message) => message.threadId)).size,
      historyId: String(context.store.historyId),
    });
  }
}

/** Checks `Authorization: Bearer` (or `access_token=`) and that the user id is the token's account. */
function authorize(request: IncomingMessage, url: URL, userId: string, store: MailStore): string {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? url.searchParams.get('access_token') ?? '';
  const account = store.findAccountForToken(token);
  if (!account) {
    throw new ApiError(googleErrors.unauthenticated());
  }
  if (userId !== 'me' && userId.toLowerCase() !== account) {
    throw new ApiError(googleErrors.delegationDenied(userId));
  }
  return account;
}

async function readJsonSend(request: IncomingMessage): Promise<{ raw: Uint8Array; threadId?: string }> {
  const body = await readRequestBody(request, MAXIMUM_JSON_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(googleErrors.invalidArgument('Invalid JSON payload received.'));
  }
  const message = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { raw?: unknown; threadId?: unknown };
  if (typeof message.raw !== 'string' || message.raw === '') {
    throw new ApiError(
      googleErrors.invalidArgument("'raw' RFC822 payload message string or uploading message via /upload/* URL required"),
    );
  }
  const raw = decodeBase64Lenient(message.raw);
  if (!raw) {
    throw new ApiError(googleErrors.invalidArgument("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed"));
  }
  return { raw, threadId: typeof message.threadId === 'string' ? message.threadId : undefined };
}

function deliver(context: GmailApiContext, account: string, raw: Uint8Array, threadId: string | undefined) {
  if (raw.byteLength > MAXIMUM_MESSAGE_BYTES) {
    throw new ApiError(googleErrors.tooLarge());
  }
  const wantedThread = threadId ? threadId.toLowerCase().padStart(16, '0') : undefined;
  if (threadId && (!isWellFormedHexId(threadId) || !threadExists(context.store, account, threadId))) {
    throw new ApiError(googleErrors.notFound());
  }
  try {
    const sent = sendMessage(context.store, { sender: account, raw, threadId: wantedThread, rewriteSent: context.rewriteSent });
    return { id: sent.id, threadId: sent.threadId, labelIds: sent.labelIds };
  } catch (error) {
    if (error instanceof NoRecipientsError) {
      throw new ApiError(googleErrors.invalidArgument('Recipient address required'));
    }
    throw error;
  }
}

async function listMessages(store: MailStore, account: string, url: URL) {
  const labelIds = url.searchParams.getAll('labelIds').flatMap((value) => value.split(',')).filter(Boolean);
  const maxResults = Math.min(Math.max(Number(url.searchParams.get('maxResults') ?? '100') || 100, 1), 500);
  const offset = Number(url.searchParams.get('pageToken') ?? '0') || 0;
  const query = parseQuery(url.searchParams.get('q') ?? '');
  const matching: StoredMessage[] = [];
  for (const message of store.listMessages(account)) {
    if (!labelIds.every((label) => message.labelIds.includes(label.toUpperCase()))) {
      continue;
    }
    if (await matchesQuery(store, message, query)) {
      matching.push(message);
    }
  }
  const page = matching.slice(offset, offset + maxResults);
  // Like Gmail, an empty result has no `messages` member at all.
  return {
    ...(page.length > 0 ? { messages: page.map((message) => ({ id: message.id, threadId: message.threadId })) } : {}),
    ...(offset + maxResults < matching.length ? { nextPageToken: String(offset + maxResults) } : {}),
    resultSizeEstimate: matching.length,
  };
}

async function getMessage(store: MailStore, account: string, id: string, url: URL) {
  if (!isWellFormedHexId(id)) {
    throw new ApiError(googleErrors.invalidArgument('Invalid id value'));
  }
  const message = store.findMessage(account, id);
  if (!message) {
    throw new ApiError(googleErrors.notFound());
  }
  const format = (url.searchParams.get('format') ?? 'full').toLowerCase();
  if (!['raw', 'full', 'metadata', 'minimal'].includes(format)) {
    throw new ApiError(googleErrors.invalidArgument(`Invalid value at 'format' (type.googleapis.com/google.apps.gmail.v1.Format), "${format}"`));
  }
  const summary = await summarizeMessage(store, message);
  const resource = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: summary.snippet,
    sizeEstimate: message.sizeEstimate,
    historyId: String(store.historyId),
    internalDate: String(message.internalDate),
  };
  if (format === 'minimal') {
    return resource;
  }
  const bytes = store.readMessageBytes(message);
  if (format === 'raw') {
    return { ...resource, raw: encodeBase64Url(bytes) };
  }
  const payload = buildPayload(bytesToBinaryString(bytes), format === 'full');
  const wantedHeaders = url.searchParams.getAll('metadataHeaders').map((name) => name.toLowerCase());
  if (format === 'metadata' && wantedHeaders.length > 0) {
    payload.headers = payload.headers.filter((header) => wantedHeaders.includes(header.name.toLowerCase()));
  }
  return { ...resource, payload };
}
