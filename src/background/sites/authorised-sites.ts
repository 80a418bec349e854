/**
 * The webmail sites the person authorised (settings key `authorisedSites`; DESIGN.md security
 * model 6): what Signet should run on besides the manifest's webmails. Whether it may is the
 * browser's host permission; `site-registrations.ts` keeps the two in step.
 */
import { SignetError } from '../../shared/errors';
import { isSitePattern, MAXIMUM_AUTHORISED_SITES } from '../../shared/site-origin';
import type { SignetDatabase } from '../store/schema';

export interface AuthorisedSite {
  /** Match pattern of the whole origin, `https://mail.example.org/*`. */
  origin: string;
  /** ISO 8601. */
  addedAt: string;
}

/** Where the list lives; the handlers and the start-up reconciliation share it. */
export interface SiteStore {
  read(): Promise<AuthorisedSite[]>;
  write(sites: AuthorisedSite[]): Promise<void>;
}

export function createSiteStore(database: () => Promise<SignetDatabase>): SiteStore {
  return {
    async read() {
      const stored = await (await database()).get('settings', 'authorisedSites');
      if (typeof stored !== 'string') return [];
      try {
        return checkAuthorisedSites(JSON.parse(stored));
      } catch {
        // A record Signet can't read runs Signet nowhere extra: the safe side.
        return [];
      }
    },
    async write(sites) {
      await (await database()).put('settings', JSON.stringify(checkAuthorisedSites(sites)), 'authorisedSites');
    },
  };
}

export function checkAuthorisedSites(value: unknown): AuthorisedSite[] {
  if (!Array.isArray(value) || value.length > MAXIMUM_AUTHORISED_SITES) {
    throw new SignetError('bad-request', `Signet keeps at most ${MAXIMUM_AUTHORISED_SITES} webmail sites.`);
  }
  const sites = new Map<string, AuthorisedSite>();
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) throw new SignetError('bad-request', 'Each webmail site must be an object.');
    const { origin, addedAt } = entry as Record<string, unknown>;
    if (!isSitePattern(origin)) throw new SignetError('bad-request', `${String(origin).slice(0, 100)} is not a webmail site pattern.`);
    if (typeof addedAt !== 'string' || Number.isNaN(Date.parse(addedAt))) throw new SignetError('bad-request', 'A webmail site lacks its date.');
    if (!sites.has(origin)) sites.set(origin, { origin, addedAt });
  }
  return [...sites.values()];
}
