import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peopleDirectory, storyDirectory } from '../../webmail/story-mail';

/** Shared by the demo webmail's tests: the story mail, a temp data directory, API calls. */
export { makeStoryMail, peopleDirectory, repositoryRoot, storyDirectory } from '../../webmail/story-mail';

export function readStoryFile(name: string): Buffer {
  return readFileSync(join(storyDirectory, name));
}

export function listStoryFiles(): string[] {
  return readdirSync(storyDirectory).filter((name) => name.endsWith('.eml')).sort();
}

export function createTemporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function fetchToken(origin: string, account: string): Promise<string> {
  const response = await fetch(`${origin}/demo/token?account=${encodeURIComponent(account)}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function callApi<T = Record<string, unknown>>(
  origin: string,
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Promise<ApiAnswer<T>> {
  const headers = new Headers(init.headers);
  if (token) {
    headers.set('Authorization', `Bearer ${token}`);
  }
  const response = await fetch(`${origin}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as T };
}

/** The Gmail API id of the message with this Message-ID in the token's mailbox. */
export async function findIdByMessageId(origin: string, token: string, messageId: string): Promise<string> {
  const answer = await callApi<{ messages?: { id: string }[] }>(
    origin,
    `/gmail/v1/users/me/messages?q=${encodeURIComponent(`rfc822msgid:${messageId}`)}`,
    token,
  );
  const id = answer.body.messages?.[0]?.id;
  if (!id) {
    throw new Error(`no message ${messageId}`);
  }
  return id;
}

export async function fetchRaw(origin: string, token: string, id: string): Promise<Buffer> {
  const answer = await callApi<{ raw: string }>(origin, `/gmail/v1/users/me/messages/${id}?format=raw`, token);
  return Buffer.from(answer.body.raw, 'base64url');
}

export function encodeRaw(message: string | Uint8Array): string {
  return Buffer.from(message).toString('base64url');
}

/** Runs `openssl cms -verify` against the Jed Co root; true when the signature holds. */
export function verifiesWithOpenssl(message: Uint8Array, directory: string): boolean {
  const file = join(directory, `verify-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, message);
  try {
    execFileSync('openssl', ['cms', '-verify', '-in', file, '-CAfile', join(peopleDirectory, 'jedco-root.pem'), '-out', '/dev/null'], {
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}
