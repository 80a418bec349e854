/**
 * The site registrations the handlers use, set up by `background/index.ts` with the browser's
 * `chrome.scripting` and `chrome.permissions` (as `revocation-network.ts` does for fetching).
 * Until then (and in Node tests of other handlers) the site requests answer that the browser
 * offers no such thing.
 */
import { SignetError } from '../../shared/errors';
import type { SiteRegistrations } from './site-registrations';

let configured: SiteRegistrations | undefined;

export function provideSiteRegistrations(registrations: SiteRegistrations | undefined): void {
  configured = registrations;
}

export function siteRegistrations(): SiteRegistrations {
  if (!configured) throw new SignetError('internal-error', 'This browser does not let Signet run on other webmail sites.');
  return configured;
}
