/**
 * Adding and removing a webmail site on the management page (DESIGN.md security model 6). Chrome
 * grants an optional host permission only to `permissions.request` called from an extension page
 * inside the handler of the person's click (the gesture does not survive an `await`; the
 * background never has one), so the request starts synchronously here; only then is the
 * background asked to register the content script. Under puppeteer's headless Chromium the
 * prompt is never answered, so these decisions are unit-tested against injected APIs.
 */
import { SignetError } from '../../shared/errors';
import type { SiteSummary } from '../../shared/protocol';
import { describeSite, isCoveredByManifest, parseSiteOrigin } from '../../shared/site-origin';

export interface SitePermissionRequests {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/** The background's `addSite` / `removeSite` (privileged requests). */
export type AskForSites = (name: 'addSite' | 'removeSite', request: { origin: string }) => Promise<SiteSummary[]>;

export interface SiteDependencies {
  permissions: SitePermissionRequests;
  ask: AskForSites;
  /** The manifest's own content-script patterns: sites Signet runs on anyway. */
  manifestMatches: readonly string[];
}

/**
 * Checks what was typed, asks the browser (synchronously, in the click), then the background.
 * A declined prompt leaves nothing behind: the background forgets the site if it had it.
 */
export function authoriseSite(input: string, dependencies: SiteDependencies): Promise<SiteSummary[]> {
  let origin: string;
  let answer: Promise<boolean>;
  try {
    origin = parseSiteOrigin(input);
    if (isCoveredByManifest(origin, dependencies.manifestMatches)) {
      throw new SignetError('bad-request', `Signet already runs on ${describeSite(origin)}: nothing to add.`);
    }
    answer = dependencies.permissions.request({ origins: [origin] });
  } catch (error) {
    return Promise.reject(error);
  }
  return answer.then(
    async (granted) => {
      if (granted) return dependencies.ask('addSite', { origin });
      await dependencies.ask('removeSite', { origin });
      throw new SignetError('host-permission-missing', `You declined, so Signet does not run on ${describeSite(origin)}.`);
    },
    (error: unknown) => {
      throw new SignetError('user-action-required', `The browser did not ask for ${describeSite(origin)}: ${describe(error)}`);
    },
  );
}

export interface WithdrawnSite {
  sites: SiteSummary[];
  /** Set when the browser kept its permission (e.g. one the manifest requires): Signet still no longer runs there. */
  permissionKept?: string;
}

/** Unregisters first (so Signet stops running there whatever the browser says), then gives the permission back. */
export async function withdrawSite(origin: string, dependencies: SiteDependencies): Promise<WithdrawnSite> {
  const sites = await dependencies.ask('removeSite', { origin });
  try {
    if (await dependencies.permissions.remove({ origins: [origin] })) return { sites };
    return { sites, permissionKept: `The browser kept its permission for ${describeSite(origin)}; Signet no longer runs there.` };
  } catch (error) {
    return { sites, permissionKept: `The browser kept its permission for ${describeSite(origin)} (${describe(error)}); Signet no longer runs there.` };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
