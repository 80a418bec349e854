/**
 * Compose defaults per identity (issue 6 item 1: "always sign"; "encrypt when every recipient has a
 * certificate") and the Gmail OAuth client id, in the `settings` store. Read with defaults, so a
 * fresh install signs nothing by itself and encrypts nothing by surprise.
 */
import { SignetError } from '../../shared/errors';
import type { ComposeDefaults, ComposeSettings } from '../../shared/protocol';
import type { SignetDatabase } from '../store/schema';

export const DEFAULT_COMPOSE_SETTINGS: ComposeSettings = {
  identities: {},
  fallback: { alwaysSign: false, encryptWhenPossible: true },
  gmailOAuthClientId: '',
};

const MAXIMUM_IDENTITY_ENTRIES = 256;

export async function readComposeSettings(database: SignetDatabase): Promise<ComposeSettings> {
  const stored = await database.get('settings', 'composeSettings');
  if (typeof stored !== 'string') return structuredClone(DEFAULT_COMPOSE_SETTINGS);
  try {
    return checkComposeSettings(JSON.parse(stored));
  } catch {
    // A record Signet can't read (an older or damaged one) falls back to the safe defaults.
    return structuredClone(DEFAULT_COMPOSE_SETTINGS);
  }
}

export async function writeComposeSettings(database: SignetDatabase, settings: ComposeSettings): Promise<ComposeSettings> {
  const checked = checkComposeSettings(settings);
  await database.put('settings', JSON.stringify(checked), 'composeSettings');
  return checked;
}

export function defaultsFor(settings: ComposeSettings, identityId: string | undefined): ComposeDefaults {
  return (identityId !== undefined ? settings.identities[identityId] : undefined) ?? settings.fallback;
}

/** Requests are data from another context: every field is checked (security model 7). */
export function checkComposeSettings(value: unknown): ComposeSettings {
  if (typeof value !== 'object' || value === null) throw badSettings('settings must be an object');
  const record = value as Record<string, unknown>;
  const clientId = record.gmailOAuthClientId ?? '';
  if (typeof clientId !== 'string' || clientId.length > 256 || !/^[\w.-]*$/.test(clientId)) {
    throw badSettings('the Gmail OAuth client id looks wrong (letters, digits, dots and dashes only)');
  }
  const identities: Record<string, ComposeDefaults> = {};
  const given = record.identities ?? {};
  if (typeof given !== 'object' || given === null) throw badSettings('identities must be an object');
  const entries = Object.entries(given);
  if (entries.length > MAXIMUM_IDENTITY_ENTRIES) throw badSettings('too many identities');
  for (const [identityId, defaults] of entries) {
    if (!/^[0-9a-f]{64}$/.test(identityId)) throw badSettings(`"${identityId.slice(0, 70)}" is not an identity id`);
    identities[identityId] = checkDefaults(defaults);
  }
  return { identities, fallback: checkDefaults(record.fallback ?? DEFAULT_COMPOSE_SETTINGS.fallback), gmailOAuthClientId: clientId };
}

function checkDefaults(value: unknown): ComposeDefaults {
  if (typeof value !== 'object' || value === null) throw badSettings('each identity needs its defaults');
  const { alwaysSign, encryptWhenPossible } = value as Record<string, unknown>;
  if (typeof alwaysSign !== 'boolean' || typeof encryptWhenPossible !== 'boolean') {
    throw badSettings('alwaysSign and encryptWhenPossible must be true or false');
  }
  return { alwaysSign, encryptWhenPossible };
}

function badSettings(reason: string): SignetError {
  return new SignetError('bad-request', `Signet cannot store these compose settings: ${reason}.`);
}
