import { describe, expect, test } from 'vitest';
import { MAXIMUM_STAGED_MESSAGES, STAGED_LIFETIME_MILLISECONDS, StagedMessages, type SessionArea } from './staged-messages';

/** A stand-in for chrome.storage.session: a plain map behind the same promise API. */
function memorySession(): SessionArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}

const ciphertext = new Uint8Array([0x30, 0x80, 1, 2, 3]);

describe('staging encrypted messages for the decrypt frame', () => {
  test('a staged message is found again by its token, with the tab that staged it', async () => {
    const staged = new StagedMessages(memorySession());
    const token = await staged.stage({ raw: ciphertext, tabId: 7, messageId: 'msg-f:1' });
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await staged.find(token)).toMatchObject({ raw: ciphertext, tabId: 7, messageId: 'msg-f:1' });
  });

  test('a service worker restart loses memory, but the token still works through storage.session', async () => {
    const session = memorySession();
    const token = await new StagedMessages(session).stage({ raw: ciphertext, tabId: 7 });
    const afterRestart = new StagedMessages(session);
    expect((await afterRestart.find(token))?.raw).toEqual(ciphertext);
  });

  test('a made-up or malformed token finds nothing', async () => {
    const staged = new StagedMessages(memorySession());
    await staged.stage({ raw: ciphertext });
    expect(await staged.find('0'.repeat(32))).toBeUndefined();
    expect(await staged.find('../../etc')).toBeUndefined();
  });

  test('a staged message expires after its lifetime', async () => {
    let now = 1_000_000;
    const session = memorySession();
    const staged = new StagedMessages(session, () => now);
    const token = await staged.stage({ raw: ciphertext });
    now += STAGED_LIFETIME_MILLISECONDS + 1;
    expect(await staged.find(token)).toBeUndefined();
    expect(session.items.size).toBe(0);
  });

  test('no more than the maximum are kept: the oldest goes first', async () => {
    const staged = new StagedMessages(memorySession());
    const first = await staged.stage({ raw: ciphertext });
    for (let index = 0; index < MAXIMUM_STAGED_MESSAGES; index += 1) await staged.stage({ raw: ciphertext });
    expect(await staged.find(first)).toBeUndefined();
  });
});
