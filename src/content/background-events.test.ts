import { describe, expect, test } from 'vitest';
import { isBackgroundEventMessage } from './background-events';

describe('events from the background', () => {
  test('a trust change and a decryption verdict are recognised', () => {
    expect(isBackgroundEventMessage({ signetEvent: 1, event: { kind: 'trust-changed', fingerprint: 'ab' } })).toBe(true);
    expect(
      isBackgroundEventMessage({ signetEvent: 1, event: { kind: 'decrypted', token: 'cd', verdict: { status: 'unsigned', signers: [], problems: [], layers: [], revocation: [] } } }),
    ).toBe(true);
  });

  test('anything else is not ours: protocol requests, unknown kinds, other extensions’ messages', () => {
    for (const message of [null, 'trust-changed', { signet: 1, name: 'verifyMessage' }, { signetEvent: 1, event: { kind: 'sign-now' } }, { signetEvent: 2, event: { kind: 'trust-changed' } }]) {
      expect(isBackgroundEventMessage(message), JSON.stringify(message)).toBe(false);
    }
  });
});
