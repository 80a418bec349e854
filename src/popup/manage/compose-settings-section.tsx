/** @jsxImportSource preact */
/**
 * "Writing mail" settings (issue 6 item 1): per digital ID, whether Signet signs every message by
 * default and whether it turns encryption on by itself once every recipient has a usable
 * certificate; and the Google OAuth client id Signet signs in to Gmail with (GMAIL-NOTES.md §4).
 * Privileged: only this page may change them (`setComposeSettings`).
 * Hooks: each identity's row `[data-signet-compose-defaults][data-signet-email]` with
 * `[data-signet-input="always-sign"]` and `[data-signet-input="encrypt-when-possible"]`;
 * `[data-signet-input="gmail-oauth-client-id"]`; `[data-signet-action="save-compose-settings"]`.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendRequest, type ComposeDefaults, type ComposeSettings, type IdentitySummary } from '../../shared/protocol';
import { ErrorBanner } from '../shared/error-banner';
import { useFailure } from './use-failure';

export function ComposeSettingsSection({ identities }: { identities: IdentitySummary[] }) {
  const [settings, setSettings] = useState<ComposeSettings | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const failure = useFailure();

  useEffect(() => {
    void failure.attempt(async () => setSettings(await sendRequest('getComposeSettings', {})));
  }, []);

  if (!settings) return <ErrorBanner message={failure.failure?.message} code={failure.failure?.code} />;

  const defaultsOf = (identityId: string): ComposeDefaults => settings.identities[identityId] ?? settings.fallback;
  const change = (identityId: string, field: keyof ComposeDefaults, value: boolean): void => {
    setSaved(false);
    setSettings({ ...settings, identities: { ...settings.identities, [identityId]: { ...defaultsOf(identityId), [field]: value } } });
  };
  const save = (): void => {
    void failure.attempt(async () => {
      setSettings(await sendRequest('setComposeSettings', { settings }));
      setSaved(true);
    });
  };

  return (
    <section data-signet-section="compose-settings" aria-labelledby="signet-compose-heading">
      <h2 id="signet-compose-heading">Writing mail</h2>
      <p class="signet-hint">
        In the webmail's compose window, Signet adds Sign and Encrypt beside Send. Here you choose how they start for each digital ID.
      </p>
      <ErrorBanner message={failure.failure?.message} code={failure.failure?.code} />
      <ul class="signet-cards">
        {identities.map((identity) => {
          const defaults = defaultsOf(identity.id);
          const email = identity.certificate.emailAddresses[0] ?? '';
          return (
            <li key={identity.id} data-signet-compose-defaults="" data-signet-email={email}>
              <strong>{email || identity.certificate.subject}</strong>
              <label>
                <input
                  type="checkbox"
                  data-signet-input="always-sign"
                  checked={defaults.alwaysSign}
                  onChange={(event) => change(identity.id, 'alwaysSign', event.currentTarget.checked)}
                />{' '}
                Always sign
              </label>{' '}
              <label>
                <input
                  type="checkbox"
                  data-signet-input="encrypt-when-possible"
                  checked={defaults.encryptWhenPossible}
                  onChange={(event) => change(identity.id, 'encryptWhenPossible', event.currentTarget.checked)}
                />{' '}
                Encrypt when every recipient has a certificate
              </label>
            </li>
          );
        })}
      </ul>
      <label>
        Google OAuth client id (for sending through Gmail; redirect URI {redirectUrl()}){' '}
        <input
          type="text"
          size={60}
          data-signet-input="gmail-oauth-client-id"
          value={settings.gmailOAuthClientId}
          onInput={(event) => {
            setSaved(false);
            setSettings({ ...settings, gmailOAuthClientId: event.currentTarget.value.trim() });
          }}
        />
      </label>
      <div class="actions">
        <button type="button" disabled={failure.busy} onClick={save} data-signet-action="save-compose-settings">
          Save
        </button>
        {saved && <span data-signet-notice="compose-settings"> Saved.</span>}
      </div>
    </section>
  );
}

function redirectUrl(): string {
  try {
    return globalThis.chrome?.identity?.getRedirectURL() ?? '(unavailable in this browser)';
  } catch {
    return '(unavailable in this browser)';
  }
}
