import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebmail, type RunningWebmail } from '../../webmail/start-webmail';
import { callApi, createTemporaryDirectory, fetchRaw, fetchToken } from './webmail-test-support';

/** Mail that isn't well-formed must neither stop the demo nor be altered by it. */
let webmail: RunningWebmail;
let workDirectory: string;
const brokenMime = [
  'From: =?UTF-8?B?broken',
  'To: ellie-may@clampett.example, <>, @@, "Unclosed <nobody@clampett.example>',
  'Subject: broken',
  'Content-Type: multipart/signed; boundary="never-closed"',
  '',
  '--never-closed',
  'Content-Type: text/plain; charset=no-such-charset',
  'Content-Transfer-Encoding: base64',
  '',
  '!!!not base64!!!',
  '',
].join('\r\n');

beforeAll(async () => {
  workDirectory = createTemporaryDirectory('signet-webmail-bad-');
  const importDirectory = join(workDirectory, 'import');
  mkdirSync(importDirectory);
  writeFileSync(join(importDirectory, 'junk.eml'), randomBytes(4096));
  writeFileSync(join(importDirectory, 'broken-mime.eml'), brokenMime);
  webmail = await startWebmail({ importDir: importDirectory, dataDir: join(workDirectory, 'data') });
});

afterAll(async () => {
  await webmail?.stop();
  rmSync(workDirectory, { recursive: true, force: true });
});

describe('malformed mail', () => {
  it('skips a file without recipients and files broken MIME byte for byte', async () => {
    expect(webmail.imported.skipped).toEqual([expect.stringContaining('junk.eml')]);
    expect(webmail.imported.filed).toBe(1);
    const token = await fetchToken(webmail.origin, 'ellie-may@clampett.example');
    const list = await callApi<{ messages: { id: string }[] }>(webmail.origin, '/gmail/v1/users/me/messages', token);
    const id = list.body.messages[0].id;
    expect((await fetchRaw(webmail.origin, token, id)).toString('latin1')).toBe(brokenMime);
    for (const format of ['full', 'metadata', 'minimal']) {
      expect((await callApi(webmail.origin, `/gmail/v1/users/me/messages/${id}?format=${format}`, token)).status).toBe(200);
    }
    const accounts = (await (await fetch(`${webmail.origin}/demo/accounts`)).json()) as { accounts: string[] };
    expect(accounts.accounts).toEqual(['ellie-may@clampett.example']);
    const thread = await fetch(`${webmail.origin}/demo/thread?account=ellie-may%40clampett.example&id=${id}`);
    expect(thread.status).toBe(200);
  });

  it('answers 400 to a send whose JSON or base64 is broken, and keeps serving', async () => {
    const token = await fetchToken(webmail.origin, 'ellie-may@clampett.example');
    const send = (body: string) => callApi<{ error: { status: string } }>(webmail.origin, '/gmail/v1/users/me/messages/send', token, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
    });
    expect((await send('{not json')).body.error.status).toBe('INVALID_ARGUMENT');
    expect((await send(JSON.stringify({ raw: '***' }))).body.error.status).toBe('INVALID_ARGUMENT');
    const multipart = await callApi(webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=multipart', token, {
      method: 'POST', headers: { 'Content-Type': 'multipart/related; boundary=x' }, body: 'garbage',
    });
    expect(multipart.status).toBe(400);
    expect((await callApi(webmail.origin, '/gmail/v1/users/me/profile', token)).status).toBe(200);
  });
});
