/**
 * Whether the background checks revocation online, and which origins it wanted to reach but was
 * not allowed to (settings key `revocationAccess`). The management page shows those origins and
 * asks for them with `chrome.permissions.request` after a click (the request needs a user gesture).
 */
import { SignetError } from '../../shared/errors';
import type { SignetDatabase } from '../store/schema';

export interface RevocationAccessSetting {
  /** On by default: DESIGN.md security model 5 has the background fetch CRLs and OCSP answers. */
  online: boolean;
  /** Match patterns (`http://host/*`) a verification needed and had no permission for, newest last. */
  wantedOrigins: string[];
}

/** Each CA names one or two servers; a list longer than this is trimmed, oldest first. */
export const MAXIMUM_WANTED_ORIGINS = 50;
const ORIGIN_PATTERN = /^https?:\/\/[^/*\s]+\/\*$/;

export const DEFAULT_REVOCATION_ACCESS: RevocationAccessSetting = { online: true, wantedOrigins: [] };

export async function readRevocationAccess(database: SignetDatabase): Promise<RevocationAccessSetting> {
  const stored = await database.get('settings', 'revocationAccess');
  if (typeof stored !== 'string') return { ...DEFAULT_REVOCATION_ACCESS };
  try {
    return checkRevocationAccess(JSON.parse(stored));
  } catch {
    return { ...DEFAULT_REVOCATION_ACCESS };
  }
}

export async function writeRevocationAccess(database: SignetDatabase, setting: RevocationAccessSetting): Promise<RevocationAccessSetting> {
  const checked = checkRevocationAccess(setting);
  await database.put('settings', JSON.stringify(checked), 'revocationAccess');
  return checked;
}

/** Adds origins a verification was refused, keeping the list bounded and without repeats. */
export async function rememberWantedOrigins(database: SignetDatabase, origins: Iterable<string>): Promise<void> {
  const setting = await readRevocationAccess(database);
  const added = [...origins].filter((origin) => ORIGIN_PATTERN.test(origin) && !setting.wantedOrigins.includes(origin));
  if (added.length === 0) return;
  await writeRevocationAccess(database, { ...setting, wantedOrigins: [...setting.wantedOrigins, ...added].slice(-MAXIMUM_WANTED_ORIGINS) });
}

export function checkRevocationAccess(value: unknown): RevocationAccessSetting {
  if (typeof value !== 'object' || value === null) throw invalid('it must be an object');
  const { online, wantedOrigins } = value as Record<string, unknown>;
  if (typeof online !== 'boolean') throw invalid('"online" must be true or false');
  if (!Array.isArray(wantedOrigins) || wantedOrigins.length > MAXIMUM_WANTED_ORIGINS) throw invalid(`"wantedOrigins" must be a list of at most ${MAXIMUM_WANTED_ORIGINS}`);
  for (const origin of wantedOrigins) {
    if (typeof origin !== 'string' || !ORIGIN_PATTERN.test(origin)) throw invalid(`${String(origin)} is not an origin pattern like http://crl.example/*`);
  }
  return { online, wantedOrigins: [...new Set(wantedOrigins as string[])] };
}

function invalid(reason: string): SignetError {
  return new SignetError('bad-request', `Signet cannot store this revocation setting: ${reason}.`);
}
