import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebmail, type RunningWebmail } from '../../webmail/start-webmail';
import {
  callApi,
  createTemporaryDirectory,
  encodeRaw,
  fetchRaw,
  fetchToken,
  findIdByMessageId,
  listStoryFiles,
  makeStoryMail,
  readStoryFile,
  storyDirectory,
} from './webmail-test-support';

const ellie = 'ellie-may@clampett.example';
const jethro = 'jethro@jedco.example';

let webmail: RunningWebmail;
let ellieToken: string;
let jethroToken: string;

beforeAll(async () => {
  makeStoryMail();
  webmail = await startWebmail({ importDir: storyDirectory, dataDir: createTemporaryDirectory('signet-webmail-') });
  ellieToken = await fetchToken(webmail.origin, ellie);
  jethroToken = await fetchToken(webmail.origin, jethro);
}, 60_000);

afterAll(async () => {
  await webmail?.stop();
  if (webmail) rmSync(webmail.dataDir, { recursive: true, force: true });
});

function storyMessageId(file: string): string {
  return `<story-${file.replace(/\.eml$/, '')}@signet.example>`;
}

describe('the story mail, imported', () => {
  it("files every story message into its recipient's inbox with its exact bytes", async () => {
    const files = listStoryFiles();
    expect(files).toHaveLength(7);
    for (const file of files) {
      const recipientToken = file === 'encrypted-for-jethro.eml' ? jethroToken : ellieToken;
      const id = await findIdByMessageId(webmail.origin, recipientToken, storyMessageId(file));
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      expect((await fetchRaw(webmail.origin, recipientToken, id)).equals(readStoryFile(file))).toBe(true);
    }
  });

  it('gives every address it sees an account, the senders included', async () => {
    const response = await fetch(`${webmail.origin}/demo/accounts`);
    const { accounts } = (await response.json()) as { accounts: string[] };
    expect(accounts).toEqual(expect.arrayContaining([ellie, jethro, 'stranger@elsewhere.example']));
  });

  it("lists Ellie May's inbox newest first, in Gmail's shape", async () => {
    const answer = await callApi<{ messages: { id: string; threadId: string }[]; resultSizeEstimate: number }>(
      webmail.origin, '/gmail/v1/users/me/messages?labelIds=INBOX', ellieToken);
    expect(answer.status).toBe(200);
    expect(answer.body.resultSizeEstimate).toBe(answer.body.messages.length);
    expect(answer.body.messages.length).toBeGreaterThanOrEqual(6);
    const dates: number[] = [];
    for (const { id } of answer.body.messages) {
      const minimal = await callApi<{ internalDate: string }>(webmail.origin, `/gmail/v1/users/me/messages/${id}?format=minimal`, ellieToken);
      dates.push(Number(minimal.body.internalDate));
    }
    expect([...dates].sort((first, second) => second - first)).toEqual(dates);
    expect(new Set(answer.body.messages.map((message) => message.id)).size).toBe(answer.body.messages.length);
    expect(Object.keys(answer.body.messages[0]).sort()).toEqual(['id', 'threadId']);
  });

  it('answers an empty list without a messages member, as Gmail does', async () => {
    const answer = await callApi(webmail.origin, '/gmail/v1/users/me/messages?q=rfc822msgid:nobody@nowhere', ellieToken);
    expect(answer).toEqual({ status: 200, body: { resultSizeEstimate: 0 } });
  });

  it('answers format=metadata, minimal and full', async () => {
    const id = await findIdByMessageId(webmail.origin, ellieToken, storyMessageId('jethro-order.eml'));
    const metadata = await callApi<{ payload: { mimeType: string; headers: { name: string; value: string }[] } }>(
      webmail.origin, `/gmail/v1/users/me/messages/${id}?format=metadata&metadataHeaders=Subject`, ellieToken);
    expect(metadata.body.payload.mimeType).toBe('multipart/signed');
    expect(metadata.body.payload.headers).toEqual([{ name: 'Subject', value: 'Order: 100 units' }]);
    const minimal = await callApi(webmail.origin, `/gmail/v1/users/me/messages/${id}?format=minimal`, ellieToken);
    expect(minimal.body).toMatchObject({ id, threadId: id, labelIds: expect.arrayContaining(['INBOX']) });
    expect(minimal.body).not.toHaveProperty('raw');
    const full = await callApi<{ payload: { parts: { mimeType: string; filename: string; body: { data: string } }[] } }>(
      webmail.origin, `/gmail/v1/users/me/messages/${id}?format=full`, ellieToken);
    expect(full.body.payload.parts.map((part) => part.mimeType)).toEqual(['text/plain', 'application/pkcs7-signature']);
    expect(full.body.payload.parts[1].filename).toBe('smime.p7s');
    expect(Buffer.from(full.body.payload.parts[0].body.data, 'base64url').toString('utf8')).toContain('please ship 100 units');
  });

  it('serves the raw message at Gmail’s download URL for the page’s account (query, Referer or cookie)', async () => {
    const id = await findIdByMessageId(webmail.origin, ellieToken, storyMessageId('tampered-order.eml'));
    const path = `/mail/u/0/?view=att&th=${id}&attid=0&disp=comp&safe=1&zw`;
    const expected = readStoryFile('tampered-order.eml');
    const byQuery = await fetch(`${webmail.origin}${path}&account=${encodeURIComponent(ellie)}`);
    expect(byQuery.headers.get('content-type')).toBe('message/rfc822');
    expect(Buffer.from(await byQuery.arrayBuffer()).equals(expected)).toBe(true);
    const byReferer = await fetch(`${webmail.origin}${path}`, {
      headers: { Referer: `${webmail.origin}/mail/u/0/?account=${encodeURIComponent(ellie)}` },
    });
    expect(Buffer.from(await byReferer.arrayBuffer()).equals(expected)).toBe(true);
    const page = await fetch(`${webmail.origin}/mail/u/0/?account=${encodeURIComponent(ellie)}`);
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^signet_demo_account=/);
    const byCookie = await fetch(`${webmail.origin}${path}`, { headers: { Cookie: cookie } });
    expect(Buffer.from(await byCookie.arrayBuffer()).equals(expected)).toBe(true);
    const wrongAccount = await fetch(`${webmail.origin}${path}&account=${encodeURIComponent(jethro)}`);
    expect(wrongAccount.status).toBe(404);
  });
});

describe('Gmail API errors', () => {
  it('refuses a missing or forged token with 401 and Google’s body', async () => {
    for (const token of [undefined, 'ya29.forged', `${ellieToken}x`]) {
      const answer = await callApi<{ error: { code: number; status: string; errors: { reason: string }[] } }>(
        webmail.origin, '/gmail/v1/users/me/messages', token);
      expect(answer.status).toBe(401);
      expect(answer.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] });
    }
  });

  it("answers 404 NOT_FOUND for an id that is not in the mailbox, even one in someone else's", async () => {
    const jethroMessage = await findIdByMessageId(webmail.origin, jethroToken, storyMessageId('encrypted-for-jethro.eml'));
    for (const id of ['00000000000000ff', jethroMessage]) {
      const answer = await callApi(webmail.origin, `/gmail/v1/users/me/messages/${id}?format=raw`, ellieToken);
      expect(answer).toEqual({
        status: 404,
        body: { error: { code: 404, message: 'Requested entity was not found.', errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }], status: 'NOT_FOUND' } },
      });
    }
  });

  it('answers 400 for a malformed id and 403 for another user id than the token’s', async () => {
    const malformed = await callApi<{ error: { message: string } }>(webmail.origin, '/gmail/v1/users/me/messages/not-an-id', ellieToken);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('Invalid id value');
    const delegated = await callApi<{ error: { status: string } }>(webmail.origin, `/gmail/v1/users/${jethro}/messages`, ellieToken);
    expect(delegated.status).toBe(403);
    expect(delegated.body.error.status).toBe('PERMISSION_DENIED');
    const own = await callApi(webmail.origin, `/gmail/v1/users/${ellie}/messages`, ellieToken);
    expect(own.status).toBe(200);
  });

  it('refuses a message over 35 MiB with 413', async () => {
    const header = 'From: jethro@jedco.example\r\nTo: ellie-may@clampett.example\r\nSubject: big\r\n\r\n';
    const big = Buffer.concat([Buffer.from(header), Buffer.alloc(36_700_161, 0x41)]);
    const upload = await callApi<{ error: { code: number; errors: { reason: string }[] } }>(
      webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=media', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: big });
    expect(upload.status).toBe(413);
    expect(upload.body.error.errors[0].reason).toBe('uploadTooLarge');
    const json = await callApi(webmail.origin, '/gmail/v1/users/me/messages/send', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw: encodeRaw(big) }) });
    expect(json.status).toBe(413);
  });

  it('refuses a send without raw, without recipients, or into an unknown thread', async () => {
    const send = (body: unknown) => callApi<{ error: { code: number; message: string } }>(webmail.origin, '/gmail/v1/users/me/messages/send', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await send({})).status).toBe(400);
    const noRecipient = await send({ raw: encodeRaw('From: jethro@jedco.example\r\nSubject: x\r\n\r\nhi\r\n') });
    expect(noRecipient.body.error).toMatchObject({ code: 400, message: 'Recipient address required' });
    const unknownThread = await send({ raw: encodeRaw('To: ellie-may@clampett.example\r\nSubject: x\r\n\r\nhi\r\n'), threadId: '00000000000000aa' });
    expect(unknownThread.status).toBe(404);
  });
});

describe('sending', () => {
  it("delivers a JSON send to the recipients' inboxes and the sender's Sent, Bcc only in Sent", async () => {
    const raw = [
      'From: "Jethro Bodine" <jethro@jedco.example>',
      'To: ellie-may@clampett.example',
      'Bcc: granny@clampett.example',
      'Subject: Truck schedule',
      'Date: Sat, 28 Nov 2026 10:00:00 +0000',
      'Message-ID: <truck-schedule@jedco.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The trucks leave at dawn.',
      '',
    ].join('\r\n');
    const sent = await callApi<{ id: string; threadId: string; labelIds: string[] }>(webmail.origin, '/gmail/v1/users/me/messages/send', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw: encodeRaw(raw) }) });
    expect(sent.status).toBe(200);
    expect(sent.body.labelIds).toEqual(['SENT']);
    expect((await fetchRaw(webmail.origin, jethroToken, sent.body.id)).toString('latin1')).toBe(raw);

    const ellieId = await findIdByMessageId(webmail.origin, ellieToken, '<truck-schedule@jedco.example>');
    const delivered = (await fetchRaw(webmail.origin, ellieToken, ellieId)).toString('latin1');
    expect(delivered).toBe(raw.replace('Bcc: granny@clampett.example\r\n', ''));
    const grannyToken = await fetchToken(webmail.origin, 'granny@clampett.example');
    const grannyId = await findIdByMessageId(webmail.origin, grannyToken, '<truck-schedule@jedco.example>');
    expect((await fetchRaw(webmail.origin, grannyToken, grannyId)).toString('latin1')).not.toContain('Bcc:');
  });

  it('takes a message uploaded as message/rfc822 and as multipart/related with base64, keeping bytes', async () => {
    const order = readStoryFile('jethro-order.eml');
    const media = await callApi<{ id: string }>(webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=media', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: new Uint8Array(order) });
    expect(media.status).toBe(200);
    expect((await fetchRaw(webmail.origin, jethroToken, media.body.id)).equals(order)).toBe(true);

    const boundary = 'signet-upload-boundary';
    const body = [
      `--${boundary}`, 'Content-Type: application/json; charset=UTF-8', '', JSON.stringify({ threadId: media.body.id }),
      `--${boundary}`, 'Content-Type: message/rfc822', 'Content-Transfer-Encoding: base64', '', order.toString('base64'),
      `--${boundary}--`, '',
    ].join('\r\n');
    const multipart = await callApi<{ id: string; threadId: string }>(webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=multipart', jethroToken,
      { method: 'POST', headers: { 'Content-Type': `multipart/related; boundary=${boundary}` }, body });
    expect(multipart.status).toBe(200);
    expect(multipart.body.threadId).toBe(media.body.id);
    expect((await fetchRaw(webmail.origin, jethroToken, multipart.body.id)).equals(order)).toBe(true);

    const wrongType = await callApi(webmail.origin, '/upload/gmail/v1/users/me/messages/send?uploadType=media', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: new Uint8Array(order) });
    expect(wrongType.status).toBe(400);
  });

  it('threads a reply by In-Reply-To in both mailboxes', async () => {
    const orderId = await findIdByMessageId(webmail.origin, ellieToken, storyMessageId('jethro-order.eml'));
    const reply = [
      'From: ellie-may@clampett.example', 'To: jethro@jedco.example', 'Subject: Re: Order: 100 units',
      'Message-ID: <reply-to-order@clampett.example>', `In-Reply-To: ${storyMessageId('jethro-order.eml')}`,
      `References: ${storyMessageId('jethro-order.eml')}`, '', 'Shipping tomorrow.', '',
    ].join('\r\n');
    const sent = await callApi<{ id: string; threadId: string }>(webmail.origin, '/gmail/v1/users/me/messages/send', ellieToken,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw: encodeRaw(reply), threadId: orderId }) });
    expect(sent.body.threadId).toBe(orderId);
    const answer = [
      'From: jethro@jedco.example', 'To: ellie-may@clampett.example', 'Subject: Re: Order: 100 units',
      'Message-ID: <answer-to-reply@jedco.example>', 'In-Reply-To: <reply-to-order@clampett.example>', '', 'Thanks.', '',
    ].join('\r\n');
    await callApi(webmail.origin, '/gmail/v1/users/me/messages/send', jethroToken,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ raw: encodeRaw(answer) }) });
    const answerInEllie = await findIdByMessageId(webmail.origin, ellieToken, '<answer-to-reply@jedco.example>');
    const minimal = await callApi<{ threadId: string }>(webmail.origin, `/gmail/v1/users/me/messages/${answerInEllie}?format=minimal`, ellieToken);
    expect(minimal.body.threadId).toBe(orderId);
  });
});

describe('persistence', () => {
  it('keeps accounts, messages, ids and tokens across a restart, and a second import adds nothing', async () => {
    const dataDir = createTemporaryDirectory('signet-webmail-restart-');
    const first = await startWebmail({ importDir: storyDirectory, dataDir });
    const token = await fetchToken(first.origin, ellie);
    const before = await callApi<{ messages: { id: string }[] }>(first.origin, '/gmail/v1/users/me/messages', token);
    const sent = await callApi<{ id: string }>(first.origin, '/gmail/v1/users/me/messages/send', token, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ raw: encodeRaw('To: jethro@jedco.example\r\nSubject: kept\r\n\r\nstill here\r\n') }),
    });
    await first.stop();

    const second = await startWebmail({ importDir: storyDirectory, dataDir });
    try {
      expect(second.imported.filed).toBe(0);
      const after = await callApi<{ messages: { id: string }[] }>(second.origin, '/gmail/v1/users/me/messages', token);
      expect(after.status).toBe(200);
      expect(after.body.messages.map((message) => message.id)).toEqual([sent.body.id, ...before.body.messages.map((message) => message.id)]);
      const kept = (await fetchRaw(second.origin, token, sent.body.id)).toString('latin1');
      expect(kept).toContain('still here');
      // Like Gmail, the server completed the missing Message-ID and Date.
      expect(kept).toMatch(/^Message-ID: <[0-9a-f]+@clampett\.example>\r\nDate: .+ \+0000\r\nTo: /);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
