/**
 * `chrome.identity` as the OAuth launcher (needs the manifest's "identity" permission). Looked up
 * when used, so a build or a test without it gets a clear error instead of a crash at start-up.
 */
import { SignetError } from '../../shared/errors';
import { GmailOAuth, type WebAuthFlowLauncher } from './gmail-oauth';

const chromeIdentityLauncher: WebAuthFlowLauncher = {
  launchWebAuthFlow: (details) => identityApi().launchWebAuthFlow(details),
  getRedirectURL: () => identityApi().getRedirectURL(),
};

function identityApi(): typeof chrome.identity {
  const identity = globalThis.chrome?.identity;
  if (!identity) throw new SignetError('provider-error', 'This browser gives Signet no way to sign in to Google (chrome.identity is missing).');
  return identity;
}

/** The worker's one token cache. */
export const gmailOAuth = new GmailOAuth(chromeIdentityLauncher);
