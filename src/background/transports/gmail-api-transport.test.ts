import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebmail, type RunningWebmail } from '../../../test/webmail/start-webmail';
import { createTemporaryDirectory, fetchToken } from '../../../test/unit/webmail/webmail-test-support';
import { isSignetError } from '../../shared/errors';
import { createDemoTokenSource } from './demo-token';
import { GMAIL_MAXIMUM_MESSAGE_BYTES, GMAIL_SIMPLE_SEND_BYTES, GmailApiTransport, type AccessTokenSource } from './gmail-api-transport';

/** The transport against the demo webmail, which answers the Gmail API's paths, bodies and errors. */
const jethro = 'jethro@jedco.example';
let webmail: RunningWebmail;

beforeAll(async () => {
  webmail = await startWebmail({ dataDir: createTemporaryDirectory('signet-transport-') });
});
afterAll(async () => {
  await webmail?.stop();
});

const message = (subject: string, body: string, extraHeaders = ''): Uint8Array =>
  new TextEncoder().encode(
    `From: ${jethro}\r\nTo: ellie-may@clampett.example\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@jedco.example>\r\n${extraHeaders}` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`,
  );

const demoTransport = (): GmailApiTransport =>
  new GmailApiTransport({ apiOrigin: webmail.origin, tokens: createDemoTokenSource(webmail.origin, jethro), providerName: 'the demo webmail' });

describe('sending through the Gmail API', () => {
  it('sends a small message as JSON raw and reads back exactly those bytes', async () => {
    const transport = demoTransport();
    const raw = message('Small order', 'ship 3 units');
    const sent = await transport.sendMessage(raw, {});
    expect(sent.id).toMatch(/^[0-9a-f]{16}$/);
    expect(new TextDecoder().decode(await transport.fetchRawMessage(sent.id))).toContain('ship 3 units');
  });

  it('sends a message over 5 MB through the multipart upload, reporting progress, unchanged', async () => {
    const transport = demoTransport();
    const line = 'A'.repeat(76);
    const body = Array.from({ length: Math.ceil((GMAIL_SIMPLE_SEND_BYTES + 100_000) / 78) }, () => line).join('\r\n');
    const raw = message('Big order', body);
    const fractions: number[] = [];
    const sent = await transport.sendMessage(raw, { onProgress: (fraction) => fractions.push(fraction) });
    expect(raw.byteLength).toBeGreaterThan(GMAIL_SIMPLE_SEND_BYTES);
    // Compared as Buffers: a deep equality over 5 million array items takes minutes.
    expect(Buffer.from(await transport.fetchRawMessage(sent.id)).equals(Buffer.from(raw))).toBe(true);
    expect(fractions).toEqual([0, 1]);
  });

  it('keeps a reply in its thread and reads Message-ID and References for the next reply', async () => {
    const transport = demoTransport();
    const first = await transport.sendMessage(message('Thread start', 'first'), {});
    const headers = await transport.fetchThreadingHeaders(first.id);
    expect(headers).toEqual({ messageId: '<Threadstart@jedco.example>', references: [] });
    const reply = await transport.sendMessage(
      message('Re Thread start', 'second', `In-Reply-To: <Threadstart@jedco.example>\r\nReferences: <Threadstart@jedco.example>\r\n`),
      { threadId: first.threadId },
    );
    expect(reply.threadId).toBe(first.threadId);
    expect((await transport.fetchThreadingHeaders(reply.id)).references).toEqual(['<Threadstart@jedco.example>']);
  });

  it('an expired token gets one renewal, then the send goes through', async () => {
    const good = await fetchToken(webmail.origin, jethro);
    const asked: boolean[] = [];
    const tokens: AccessTokenSource = {
      getAccessToken: async (renew) => {
        asked.push(renew);
        return renew ? good : 'expired-token';
      },
    };
    const transport = new GmailApiTransport({ apiOrigin: webmail.origin, tokens });
    await transport.sendMessage(message('After renewal', 'ok'), {});
    expect(asked).toEqual([false, true]);
  });

  it('a token refused twice, an unknown thread, and an unreachable server each give a clear error', async () => {
    const refused = new GmailApiTransport({ apiOrigin: webmail.origin, tokens: { getAccessToken: async () => 'bad' } });
    await expect(refused.sendMessage(message('Refused', 'x'), {})).rejects.toSatisfy(
      (error) => isSignetError(error, 'user-action-required') && /401/.test(error.message),
    );
    await expect(demoTransport().sendMessage(message('Lost thread', 'x'), { threadId: 'ffffffffffffffff' })).rejects.toSatisfy(
      (error) => isSignetError(error, 'provider-error') && /404.*Requested entity was not found/.test(error.message),
    );
    const unreachable = new GmailApiTransport({ apiOrigin: 'http://127.0.0.1:9', tokens: { getAccessToken: async () => 'x' } });
    await expect(unreachable.sendMessage(message('Nowhere', 'x'), {})).rejects.toSatisfy(
      (error) => isSignetError(error, 'network-failed') && /Nothing was sent/.test(error.message),
    );
  });

  it('refuses a message over the API’s 35 MiB before sending anything', async () => {
    let calls = 0;
    const transport = new GmailApiTransport({
      apiOrigin: webmail.origin,
      tokens: { getAccessToken: async () => 'x' },
      fetchFunction: async () => {
        calls += 1;
        return new Response('{}');
      },
    });
    await expect(transport.sendMessage(new Uint8Array(GMAIL_MAXIMUM_MESSAGE_BYTES + 1), {})).rejects.toThrow(/more than Gmail accepts/);
    expect(calls).toBe(0);
  });
});
