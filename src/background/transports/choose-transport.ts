/**
 * Which provider a compose window belongs to, from the URL of the page whose content script
 * staged the draft (Chrome fills `sender.url`; a page can't choose it):
 * - `https://mail.google.com/...`: the Gmail API at gmail.googleapis.com, token by OAuth;
 * - a loopback origin (`http://127.0.0.1:PORT`, `http://localhost:PORT`): the demo webmail, whose
 *   Gmail-shaped API is on the same origin with the token from `/demo/token`. Only the demo build's
 *   manifest runs Signet there (DESIGN.md security model 6).
 */
import { SignetError } from '../../shared/errors';
import { createDemoTokenSource } from './demo-token';
import { GmailApiTransport, type AccessTokenSource } from './gmail-api-transport';
import type { GmailOAuth } from './gmail-oauth';
import type { MailTransport } from './mail-transport';

export const GMAIL_API_ORIGIN = 'https://gmail.googleapis.com';

export interface TransportChoiceInputs {
  pageUrl: string | undefined;
  account: string;
  gmailOAuthClientId: string;
  oauth: GmailOAuth;
  fetchFunction?: typeof fetch;
}

export function chooseTransport(inputs: TransportChoiceInputs): MailTransport {
  const page = parseUrl(inputs.pageUrl);
  if (page?.protocol === 'https:' && page.hostname === 'mail.google.com') {
    const tokens: AccessTokenSource = {
      getAccessToken: async (renew) => {
        if (renew) inputs.oauth.forgetToken(inputs.account);
        return inputs.oauth.getAccessToken(inputs.gmailOAuthClientId, inputs.account);
      },
    };
    return new GmailApiTransport({ apiOrigin: GMAIL_API_ORIGIN, tokens, fetchFunction: inputs.fetchFunction, providerName: 'Gmail' });
  }
  if (page && page.protocol === 'http:' && (page.hostname === '127.0.0.1' || page.hostname === 'localhost')) {
    return new GmailApiTransport({
      apiOrigin: page.origin,
      tokens: createDemoTokenSource(page.origin, inputs.account, inputs.fetchFunction),
      fetchFunction: inputs.fetchFunction,
      providerName: 'the demo webmail',
    });
  }
  throw new SignetError('provider-error', 'Signet does not know how to send mail for this webmail.');
}

function parseUrl(url: string | undefined): URL | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
