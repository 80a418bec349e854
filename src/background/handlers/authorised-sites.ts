/**
 * `listSites`, `addSite`, `removeSite` (DESIGN.md security model 6): the management page's
 * "Webmail sites". Privileged: a webmail page must not widen where Signet runs. The page asks
 * the browser for the host permission first (only a click on an extension page can); these
 * handlers check it is granted and register or unregister the content script.
 */
import { SignetError } from '../../shared/errors';
import type { RequestOf, SiteSummary } from '../../shared/protocol';
import { siteRegistrations } from '../sites/site-platform';

export function handleListSites(_request: RequestOf<'listSites'>): Promise<SiteSummary[]> {
  return siteRegistrations().list();
}

export function handleAddSite(request: RequestOf<'addSite'>): Promise<SiteSummary[]> {
  return siteRegistrations().authorise(originOf(request));
}

export function handleRemoveSite(request: RequestOf<'removeSite'>): Promise<SiteSummary[]> {
  return siteRegistrations().withdraw(originOf(request));
}

function originOf(request: { origin: unknown }): string {
  if (typeof request.origin !== 'string') throw new SignetError('bad-request', '"origin" must be a web address.');
  return request.origin;
}
