/** @jsxImportSource preact */
/**
 * "Webmail sites" (DESIGN.md security model 6): where Signet runs besides the webmails it ships
 * for. Adding a site asks the browser for that one origin (in the click: see authorise-site.ts),
 * then the background registers Signet's content script there. Hooks:
 * `[data-signet-input="site-origin"]`, `[data-signet-action="add-site"]` (its form carries
 * `data-signet-attempts`), each site `[data-signet-site]` with `data-signet-origin` and its
 * `[data-signet-action="remove-site"]`, errors in `[data-signet-error]`.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendRequest, type SiteSummary } from '../../shared/protocol';
import { describeSite } from '../../shared/site-origin';
import { ErrorBanner } from '../shared/error-banner';
import { formatDay } from '../shared/format';
import { authoriseSite, withdrawSite, type SiteDependencies } from './authorise-site';
import { useFailure } from './use-failure';

function siteDependencies(): SiteDependencies {
  const contentScripts = chrome.runtime.getManifest().content_scripts ?? [];
  return {
    permissions: chrome.permissions,
    ask: (name, request) => sendRequest(name, request),
    manifestMatches: contentScripts.flatMap((script) => script.matches ?? []),
  };
}

export function SiteSection() {
  const [sites, setSites] = useState<SiteSummary[] | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [attempts, setAttempts] = useState(0);
  const action = useFailure();

  const reload = useCallback(async () => {
    await action.attempt(async () => setSites(await sendRequest('listSites', {})));
  }, []);
  useEffect(() => void reload(), [reload]);

  const addSite = (event: Event) => {
    event.preventDefault();
    setNotice(undefined);
    // Started here, synchronously inside the submit: the browser's prompt needs the gesture.
    const adding = authoriseSite(typed, siteDependencies());
    void action
      .attempt(async () => {
        setSites(await adding);
        setTyped('');
      })
      .finally(() => setAttempts((count) => count + 1));
  };

  const removeSite = (origin: string) => {
    setNotice(undefined);
    void action.attempt(async () => {
      const outcome = await withdrawSite(origin, siteDependencies());
      setSites(outcome.sites);
      setNotice(outcome.permissionKept);
    });
  };

  const builtIn = (chrome.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []).map(describeSite);

  return (
    <section data-signet-section="sites" aria-labelledby="signet-sites-heading">
      <h2 id="signet-sites-heading">Webmail sites</h2>
      <p class="signet-hint">
        Signet runs on {builtIn.join(', ')}. To use it with your own webmail (for example a company Roundcube), add its address: the
        browser asks you to allow Signet there. Signet runs on no other site.
      </p>
      <form class="signet-import" onSubmit={addSite} data-signet-form="add-site" data-signet-attempts={String(attempts)}>
        <label>
          Webmail address{' '}
          <input
            type="text"
            size={40}
            placeholder="https://mail.example.org"
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
            data-signet-input="site-origin"
          />
        </label>
        <div class="signet-actions">
          <button type="submit" disabled={action.busy} data-signet-action="add-site">
            Allow Signet there
          </button>
        </div>
      </form>
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
      {notice && <p data-signet-notice="sites">{notice}</p>}
      {sites && sites.length > 0 && (
        <ul class="signet-cards" data-signet-list="sites">
          {sites.map((site) => (
            <li key={site.origin} data-signet-site="" data-signet-origin={site.origin} data-signet-active={String(site.active)}>
              <strong>{describeSite(site.origin)}</strong> <span>added {formatDay(site.addedAt)}</span>
              {!site.active && <span> (not running)</span>}
              <div class="signet-actions">
                <button type="button" class="signet-danger" disabled={action.busy} onClick={() => removeSite(site.origin)} data-signet-action="remove-site">
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {sites && sites.length === 0 && <p data-signet-empty="sites">No other webmail site yet.</p>}
    </section>
  );
}
