/**
 * Start-up of the webmail-site registrations (DESIGN.md security model 6), called by
 * `background/index.ts`: gives the handlers the browser's APIs, and brings the registrations in
 * line with the stored sites and the granted permissions now and whenever the person takes a
 * permission back in the browser's own settings.
 */
import type { SignetDatabase } from '../store/schema';
import { createSiteStore } from './authorised-sites';
import { provideSiteRegistrations } from './site-platform';
import { createSiteRegistrations } from './site-registrations';

export function startSiteRegistrations(database: () => Promise<SignetDatabase>, reportFailure: (error: unknown) => void): void {
  if (typeof chrome === 'undefined' || !chrome.scripting?.registerContentScripts || !chrome.permissions) return;
  const contentScripts = chrome.runtime.getManifest().content_scripts ?? [];
  const registrations = createSiteRegistrations(createSiteStore(database), {
    scripting: chrome.scripting,
    permissions: chrome.permissions,
    // crxjs writes a loader file with a hashed name into the built manifest: use exactly that one.
    contentScriptFiles: contentScripts[0]?.js ?? [],
    manifestMatches: contentScripts.flatMap((script) => script.matches ?? []),
  });
  provideSiteRegistrations(registrations);
  const reconcile = (): void => void registrations.reconcile().catch(reportFailure);
  // Registered synchronously, so a removal that wakes the worker is seen.
  chrome.permissions.onRemoved.addListener(reconcile);
  reconcile();
}
