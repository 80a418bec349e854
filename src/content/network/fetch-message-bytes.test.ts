import { describe, expect, test } from 'vitest';
import { fetchMessageBytes, looksLikeMessage, MAXIMUM_MESSAGE_BYTES } from './fetch-message-bytes';

const url = new URL('https://mail.google.com/mail/u/0/?view=att&th=16be0868ae18c6a7&attid=0&disp=comp&safe=1&zw');
const never = new AbortController().signal;

describe('downloading a raw message', () => {
  test('a declared size over the limit is refused before reading', async () => {
    const response = new Response('From: a@b.example\r\n\r\n', { headers: { 'content-length': String(MAXIMUM_MESSAGE_BYTES + 1) } });
    await expect(fetchMessageBytes(url, never, async () => response)).rejects.toMatchObject({ code: 'response-too-large' });
  });

  test('an endless stream is cut off at the limit', async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    chunk.set(new TextEncoder().encode('From: a@b.example\r\n'));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    await expect(fetchMessageBytes(url, never, async () => new Response(endless))).rejects.toMatchObject({ code: 'response-too-large' });
    expect(sent).toBeLessThanOrEqual(MAXIMUM_MESSAGE_BYTES + 2 * chunk.byteLength);
  });

  test('an error status is a provider error; a network failure is network-failed', async () => {
    await expect(fetchMessageBytes(url, never, async () => new Response('', { status: 500 }))).rejects.toMatchObject({ code: 'provider-error' });
    await expect(
      fetchMessageBytes(url, never, async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).rejects.toMatchObject({ code: 'network-failed' });
  });

  test('a message starts with a header field; a sign-in page does not', () => {
    expect(looksLikeMessage(new TextEncoder().encode('Received: from mx\r\nFrom: a@b.example\r\n'))).toBe(true);
    expect(looksLikeMessage(new TextEncoder().encode('<!DOCTYPE html><html>'))).toBe(false);
  });
});
