/**
 * Runs Signet's content script on the webmail sites the person authorised (DESIGN.md security
 * model 6): one `chrome.scripting` registration per site, with a stable id, the same built file
 * the manifest's content script uses, kept across browser restarts. What runs is always the
 * stored list narrowed to the origins the browser still grants: a permission taken back in the
 * browser's own settings ends the registration and drops the site, and a registration left over
 * from an older build (other file names) is replaced. The browser APIs come injected, so every
 * decision here is unit-tested in Node.
 */
import { SignetError } from '../../shared/errors';
import type { SiteSummary } from '../../shared/protocol';
import { isCoveredByManifest, isSiteScriptId, MAXIMUM_AUTHORISED_SITES, parseSiteOrigin, siteScriptId } from '../../shared/site-origin';
import type { AuthorisedSite, SiteStore } from './authorised-sites';

/** The fields of `chrome.scripting.RegisteredContentScript` Signet sets and reads. */
export interface SiteContentScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The part of `chrome.scripting` used here. */
export interface SiteScripting {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<SiteContentScript[]>;
  registerContentScripts(scripts: SiteContentScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

/** The part of `chrome.permissions` used here (asking is the management page's job: it needs a click). */
export interface SitePermissions {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SitePlatform {
  scripting: SiteScripting;
  permissions: SitePermissions;
  /** The built content script, `chrome.runtime.getManifest().content_scripts[0].js` (crxjs names it at build time). */
  contentScriptFiles: string[];
  /** Every `matches` pattern of the manifest's own content scripts. */
  manifestMatches: string[];
}

export interface SiteRegistrations {
  list(): Promise<SiteSummary[]>;
  /** Brings registrations in line with the stored list and the granted permissions (start-up, permission removed). */
  reconcile(): Promise<SiteSummary[]>;
  /** Adds a site whose host permission the page has just obtained. */
  authorise(input: string): Promise<SiteSummary[]>;
  withdraw(input: string): Promise<SiteSummary[]>;
}

export function createSiteRegistrations(store: SiteStore, platform: SitePlatform, now: () => Date = () => new Date()): SiteRegistrations {
  // One change at a time: a reconciliation at start-up and a click on the page must not both
  // register the same id (Chrome refuses a duplicate id).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusively = <Result>(work: () => Promise<Result>): Promise<Result> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const reconcile = async (): Promise<SiteSummary[]> => {
    const stored = await store.read();
    const granted: AuthorisedSite[] = [];
    for (const site of stored) {
      if (await platform.permissions.contains({ origins: [site.origin] })) granted.push(site);
    }
    if (granted.length !== stored.length) await store.write(granted);
    await bringRegistrationsInLine(platform, granted);
    return summarize(platform, granted);
  };

  return {
    list: () => exclusively(async () => summarize(platform, await store.read())),
    reconcile: () => exclusively(reconcile),
    authorise: (input) =>
      exclusively(async () => {
        const origin = parseSiteOrigin(input);
        if (isCoveredByManifest(origin, platform.manifestMatches)) {
          throw new SignetError('bad-request', `Signet already runs on ${origin.slice(0, -2)}: nothing to add.`);
        }
        if (!(await platform.permissions.contains({ origins: [origin] }))) {
          throw new SignetError('host-permission-missing', `The browser has not allowed Signet on ${origin.slice(0, -2)}, so it was not added.`);
        }
        const stored = await store.read();
        const isNew = !stored.some((site) => site.origin === origin);
        if (isNew) {
          if (stored.length >= MAXIMUM_AUTHORISED_SITES) {
            throw new SignetError('bad-request', `Signet keeps at most ${MAXIMUM_AUTHORISED_SITES} webmail sites: remove one first.`);
          }
          await store.write([...stored, { origin, addedAt: now().toISOString() }]);
        }
        try {
          return await reconcile();
        } catch (error) {
          // Not running there: not listed either, so the page never shows a site Signet skips.
          if (isNew) await store.write((await store.read()).filter((site) => site.origin !== origin));
          throw error;
        }
      }),
    withdraw: (input) =>
      exclusively(async () => {
        const origin = parseSiteOrigin(input);
        const stored = await store.read();
        await store.write(stored.filter((site) => site.origin !== origin));
        return reconcile();
      }),
  };
}

/** Unregisters Signet's site scripts nobody wants (or built from other files), registers the missing ones. */
async function bringRegistrationsInLine(platform: SitePlatform, sites: AuthorisedSite[]): Promise<void> {
  if (platform.contentScriptFiles.length === 0) {
    throw new SignetError('internal-error', 'This build of Signet has no content script to run on webmail sites.');
  }
  const wanted = new Map(sites.map((site) => [siteScriptId(site.origin), site.origin]));
  const ours = (await platform.scripting.getRegisteredContentScripts()).filter((script) => isSiteScriptId(script.id));
  const current = ours.filter((script) => {
    const origin = wanted.get(script.id);
    return origin !== undefined && sameList(script.matches, [origin]) && sameList(script.js, platform.contentScriptFiles);
  });
  const stale = ours.filter((script) => !current.includes(script)).map((script) => script.id);
  if (stale.length > 0) await platform.scripting.unregisterContentScripts({ ids: stale });
  const currentIds = new Set(current.map((script) => script.id));
  const missing = [...wanted].filter(([id]) => !currentIds.has(id));
  if (missing.length === 0) return;
  await platform.scripting.registerContentScripts(
    missing.map(([id, origin]) => ({
      id,
      matches: [origin],
      js: [...platform.contentScriptFiles],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    })),
  );
}

async function summarize(platform: SitePlatform, sites: AuthorisedSite[]): Promise<SiteSummary[]> {
  if (sites.length === 0) return [];
  const registered = new Set((await platform.scripting.getRegisteredContentScripts()).map((script) => script.id));
  return sites.map((site) => ({ origin: site.origin, addedAt: site.addedAt, active: registered.has(siteScriptId(site.origin)) }));
}

function sameList(actual: readonly string[] | undefined, expected: readonly string[]): boolean {
  return actual !== undefined && actual.length === expected.length && actual.every((value, index) => value === expected[index]);
}
