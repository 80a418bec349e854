/**
 * An access token for the Gmail API through `chrome.identity.launchWebAuthFlow` (GMAIL-NOTES.md §4:
 * Mailvelope and FlowCrypt do the same), with the OAuth client id the person configured on the
 * management page (a Google Cloud client whose redirect URI is `identity.getRedirectURL()`).
 *
 * The implicit grant (RFC 6749 §4.2: `response_type=token`) needs no client secret, which an
 * extension can't keep. Scopes: `gmail.send` to send, `gmail.readonly` to read the sent copy back
 * for the self-check. Tokens live in the worker's memory only, until shortly before they expire.
 */
import { SignetError } from '../../shared/errors';

export const GMAIL_SCOPES = ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.readonly'];
const AUTHORIZATION_ENDPOINT = 'https://accounts.google.com/o/oauth2/v2/auth';
/** Renew a minute early, so a token never expires in the middle of an upload. */
const EXPIRY_MARGIN_MILLISECONDS = 60_000;

/** The two `chrome.identity` calls used, injected so the flow is tested without a browser. */
export interface WebAuthFlowLauncher {
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
  getRedirectURL(): string;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

export class GmailOAuth {
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    private readonly launcher: WebAuthFlowLauncher,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token for `account`, asking Google (and, the first time, the person) when none is cached. */
  async getAccessToken(clientId: string, account: string): Promise<string> {
    if (clientId.trim() === '') {
      throw new SignetError(
        'provider-error',
        'Sending through Gmail needs a Google OAuth client id: set it under Settings on the Signet management page.',
      );
    }
    const cached = this.tokens.get(account);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MILLISECONDS > this.now()) return cached.accessToken;
    const state = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const url = buildAuthorizationUrl(clientId, this.launcher.getRedirectURL(), account, state);
    let redirected: string | undefined;
    try {
      redirected = await this.launcher.launchWebAuthFlow({ url, interactive: true });
    } catch (error) {
      throw new SignetError('user-action-required', `Google sign-in did not finish: ${describe(error)}`, { cause: error });
    }
    const token = readTokenFromRedirect(redirected, state, this.now());
    this.tokens.set(account, token);
    return token.accessToken;
  }

  /** Forgets a token the API refused (401), so the next attempt asks again. */
  forgetToken(account: string): void {
    this.tokens.delete(account);
  }
}

export function buildAuthorizationUrl(clientId: string, redirectUri: string, account: string, state: string): string {
  const url = new URL(AUTHORIZATION_ENDPOINT);
  url.searchParams.set('client_id', clientId.trim());
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', GMAIL_SCOPES.join(' '));
  url.searchParams.set('login_hint', account);
  url.searchParams.set('state', state);
  url.searchParams.set('include_granted_scopes', 'true');
  return url.href;
}

/** RFC 6749 §4.2.2: the token arrives in the redirect's fragment; §4.2.2.1: errors there too. */
export function readTokenFromRedirect(redirected: string | undefined, expectedState: string, now: number): CachedToken {
  if (!redirected) throw new SignetError('user-action-required', 'Google sign-in was closed before it finished.');
  let fragment: URLSearchParams;
  try {
    fragment = new URLSearchParams(new URL(redirected).hash.replace(/^#/, ''));
  } catch (error) {
    throw new SignetError('provider-error', 'Google sign-in answered with an address Signet cannot read.', { cause: error });
  }
  const error = fragment.get('error');
  if (error) throw new SignetError('user-action-required', `Google sign-in refused: ${error}.`);
  if (fragment.get('state') !== expectedState) {
    throw new SignetError('provider-error', 'Google sign-in answered for another request (state mismatch); try again.');
  }
  const accessToken = fragment.get('access_token');
  if (!accessToken) throw new SignetError('provider-error', 'Google sign-in gave no access token.');
  const seconds = Number(fragment.get('expires_in') ?? '3600');
  return { accessToken, expiresAt: now + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000 };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
