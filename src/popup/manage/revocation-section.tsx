/** @jsxImportSource preact */
/**
 * "Check revocation online" (issue 4, DESIGN.md security models 5 and 6): whether verifications
 * fetch CRLs, OCSP answers and missing intermediates, which servers they needed, and the button
 * that asks the browser for permission to reach them (only a click on an extension page may).
 * Hooks: `[data-signet-section="revocation"]` with `data-signet-revocation-state`, each server
 * `[data-signet-revocation-origin]` with `data-signet-permission`.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendRequest, type RevocationAccess } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { describeAccessOutcome, EVERY_REVOCATION_SERVER, originsToRequest, requestRevocationAccess, type AccessOutcome } from './request-revocation-access';
import { useFailure } from './use-failure';

/** `allowed`: every server a verification needed so far may be reached (none refused yet counts). */
type SectionState = 'off' | 'allowed' | 'needs-permission' | 'declined';

function stateOf(access: RevocationAccess, outcome: AccessOutcome | undefined): SectionState {
  if (!access.online) return 'off';
  if (outcome?.kind === 'declined') return 'declined';
  return access.origins.some((entry) => !entry.granted) ? 'needs-permission' : 'allowed';
}

export function RevocationSection() {
  const [access, setAccess] = useState<RevocationAccess | undefined>(undefined);
  const [outcome, setOutcome] = useState<AccessOutcome | undefined>(undefined);
  const action = useFailure();
  const reload = useCallback(async () => {
    await action.attempt(async () => setAccess(await sendRequest('getRevocationAccess', {})));
  }, []);
  useEffect(() => void reload(), [reload]);

  if (!access) {
    return (
      <section data-signet-section="revocation" aria-labelledby="signet-revocation-heading">
        <h2 id="signet-revocation-heading">Check revocation online</h2>
        <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
      </section>
    );
  }

  const state = stateOf(access, outcome);
  const askBrowser = (event: Event) => {
    if (!event.isTrusted) return;
    // The request starts here, synchronously inside the click: the gesture does not survive an await.
    void requestRevocationAccess(chrome.permissions, originsToRequest(access.origins)).then(async (answer) => {
      setOutcome(answer);
      await reload();
    });
  };
  const setOnline = (online: boolean) => action.attempt(async () => setAccess(await sendRequest('setRevocationChecking', { online })));
  const forgetCache = () => action.attempt(async () => setAccess(await sendRequest('forgetRevocationCache', {})));

  return (
    <section data-signet-section="revocation" data-signet-revocation-state={state} aria-labelledby="signet-revocation-heading">
      <h2 id="signet-revocation-heading">Check revocation online</h2>
      <p class="signet-hint">
        A certificate can be revoked before it expires, for example when its key was stolen. Signet asks the servers named in each
        certificate (revocation lists, OCSP responders, and the issuer's certificate when a message lacks it) and keeps their answers
        until they go stale. Without an answer the badge says so in its details: the revocation was not checked.
      </p>
      <label>
        <input
          type="checkbox"
          checked={access.online}
          disabled={action.busy}
          onChange={(event) => void setOnline(event.currentTarget.checked)}
          data-signet-input="revocation-online"
        />{' '}
        Check revocation online
      </label>
      {state === 'off' && <p data-signet-notice="revocation">Revocation is checked only with what Signet already has: messages say it was not checked.</p>}
      {access.online && (
        <>
          {access.origins.length > 0 && (
            <ul data-signet-list="revocation-origins">
              {access.origins.map((entry) => (
                <li key={entry.origin} data-signet-revocation-origin={entry.origin} data-signet-permission={entry.granted ? 'granted' : 'not-granted'}>
                  <code>{entry.origin.replace(/\/\*$/, '')}</code> {entry.granted ? 'allowed' : 'not allowed yet'}
                </li>
              ))}
            </ul>
          )}
          {state === 'needs-permission' && (
            <p class="signet-notice">Signet needs your permission to reach the servers above; until then their certificates' revocation is not checked.</p>
          )}
          {outcome && (
            <p class={outcome.kind === 'granted' ? 'signet-notice' : 'signet-error'} data-signet-permission-outcome={outcome.kind}>
              {describeAccessOutcome(outcome)}
            </p>
          )}
          <div class="signet-actions">
            <button type="button" onClick={askBrowser} data-signet-action="allow-revocation-servers">
              {originsToRequest(access.origins)[0] === EVERY_REVOCATION_SERVER ? 'Allow Signet to reach revocation servers…' : 'Allow these servers…'}
            </button>
            <button type="button" disabled={action.busy} onClick={() => void forgetCache()} data-signet-action="forget-revocation-cache">
              Forget fetched answers ({access.cachedEntries})
            </button>
          </div>
        </>
      )}
      <ErrorBanner message={action.failure?.message} code={action.failure?.code} />
    </section>
  );
}
