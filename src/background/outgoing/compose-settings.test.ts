import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { openSignetDatabase } from '../store/open-database';
import { checkComposeSettings, DEFAULT_COMPOSE_SETTINGS, defaultsFor, readComposeSettings, writeComposeSettings } from './compose-settings';

const jethroId = 'a'.repeat(64);

describe('compose settings', () => {
  it('a fresh install signs nothing by itself and encrypts only when every recipient has a certificate', async () => {
    const database = await openSignetDatabase(`compose-settings-${crypto.randomUUID()}`);
    expect(await readComposeSettings(database)).toEqual(DEFAULT_COMPOSE_SETTINGS);
    expect(defaultsFor(await readComposeSettings(database), jethroId)).toEqual({ alwaysSign: false, encryptWhenPossible: true });
  });

  it('Jethro’s “always sign” is kept for his identity only', async () => {
    const database = await openSignetDatabase(`compose-settings-${crypto.randomUUID()}`);
    await writeComposeSettings(database, { ...DEFAULT_COMPOSE_SETTINGS, identities: { [jethroId]: { alwaysSign: true, encryptWhenPossible: false } } });
    const settings = await readComposeSettings(database);
    expect(defaultsFor(settings, jethroId)).toEqual({ alwaysSign: true, encryptWhenPossible: false });
    expect(defaultsFor(settings, 'b'.repeat(64))).toEqual(DEFAULT_COMPOSE_SETTINGS.fallback);
  });

  it('refuses settings a page could use to redirect sign-in or smuggle data', () => {
    const refused = (value: unknown) => {
      try {
        checkComposeSettings(value);
        return false;
      } catch (error) {
        return isSignetError(error, 'bad-request');
      }
    };
    expect(refused({ ...DEFAULT_COMPOSE_SETTINGS, gmailOAuthClientId: 'x&redirect_uri=https://evil.example' })).toBe(true);
    expect(refused({ ...DEFAULT_COMPOSE_SETTINGS, identities: { 'not-an-id': { alwaysSign: true, encryptWhenPossible: true } } })).toBe(true);
    expect(refused({ ...DEFAULT_COMPOSE_SETTINGS, identities: { [jethroId]: { alwaysSign: 'yes', encryptWhenPossible: true } } })).toBe(true);
    expect(refused(null)).toBe(true);
    expect(refused({ ...DEFAULT_COMPOSE_SETTINGS, gmailOAuthClientId: '1234-abc.apps.googleusercontent.com' })).toBe(false);
  });
});
