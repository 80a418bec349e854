import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { GMAIL_SCOPES, GmailOAuth, type WebAuthFlowLauncher } from './gmail-oauth';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

/** A launcher standing in for chrome.identity: answers each flow with what `answer` makes of its URL. */
function launcher(answer: (url: URL) => string | undefined | Error): WebAuthFlowLauncher & { urls: URL[] } {
  const urls: URL[] = [];
  return {
    urls,
    getRedirectURL: () => REDIRECT,
    launchWebAuthFlow: async ({ url }) => {
      const parsed = new URL(url);
      urls.push(parsed);
      const result = answer(parsed);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const grant = (url: URL, token = 'token-1', expiresIn = '3599'): string =>
  `${REDIRECT}#access_token=${token}&token_type=Bearer&expires_in=${expiresIn}&state=${url.searchParams.get('state')}`;

describe('signing in to Gmail with launchWebAuthFlow', () => {
  it('asks Google for a token with the configured client id, the Gmail scopes and the account as login hint', async () => {
    const flow = launcher((url) => grant(url));
    const token = await new GmailOAuth(flow).getAccessToken('1234-web.apps.googleusercontent.com', 'jethro@jedco.example');
    expect(token).toBe('token-1');
    const url = flow.urls[0];
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(url.searchParams.get('client_id')).toBe('1234-web.apps.googleusercontent.com');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(GMAIL_SCOPES);
    expect(url.searchParams.get('login_hint')).toBe('jethro@jedco.example');
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the token until shortly before it expires, then asks again', async () => {
    let now = 1_000_000;
    let issued = 0;
    const flow = launcher((url) => grant(url, `token-${++issued}`, '3600'));
    const oauth = new GmailOAuth(flow, () => now);
    expect(await oauth.getAccessToken('client', 'jethro@jedco.example')).toBe('token-1');
    now += 3_000_000;
    expect(await oauth.getAccessToken('client', 'jethro@jedco.example')).toBe('token-1');
    now += 600_000;
    expect(await oauth.getAccessToken('client', 'jethro@jedco.example')).toBe('token-2');
    oauth.forgetToken('jethro@jedco.example');
    expect(await oauth.getAccessToken('client', 'jethro@jedco.example')).toBe('token-3');
    expect(flow.urls).toHaveLength(3);
  });

  it('refuses an answer for another request (state mismatch)', async () => {
    const flow = launcher(() => `${REDIRECT}#access_token=stolen&expires_in=3600&state=0123`);
    await expect(new GmailOAuth(flow).getAccessToken('client', 'jethro@jedco.example')).rejects.toSatisfy((error) => isSignetError(error, 'provider-error'));
  });

  it('says so when the person refuses or closes the sign-in window', async () => {
    const refused = launcher((url) => `${REDIRECT}#error=access_denied&state=${url.searchParams.get('state')}`);
    await expect(new GmailOAuth(refused).getAccessToken('client', 'a@b.example')).rejects.toThrow(/access_denied/);
    const closed = launcher(() => new Error('The user did not approve access.'));
    await expect(new GmailOAuth(closed).getAccessToken('client', 'a@b.example')).rejects.toSatisfy((error) => isSignetError(error, 'user-action-required'));
  });

  it('without a client id, says where to set it and opens no window', async () => {
    const flow = launcher((url) => grant(url));
    await expect(new GmailOAuth(flow).getAccessToken('', 'a@b.example')).rejects.toThrow(/client id.*management page/);
    expect(flow.urls).toHaveLength(0);
  });
});
