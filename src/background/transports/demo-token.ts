/**
 * Access tokens in the demo webmail (test/webmail/README.md): `GET /demo/token?account=ADDRESS`
 * on the demo's own origin stands in for Google's OAuth, so `npm start` and the end-to-end tests
 * send through the same Gmail-API code path as real Gmail.
 */
import { SignetError } from '../../shared/errors';
import type { AccessTokenSource } from './gmail-api-transport';

export function createDemoTokenSource(origin: string, account: string, fetchFunction: typeof fetch = (input, init) => fetch(input, init)): AccessTokenSource {
  let cached: string | undefined;
  return {
    async getAccessToken(renew) {
      if (cached && !renew) return cached;
      let answer: unknown;
      try {
        const response = await fetchFunction(`${origin}/demo/token?account=${encodeURIComponent(account)}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        answer = await response.json();
      } catch (error) {
        throw new SignetError('network-failed', `Signet could not get a token from the demo webmail (${error instanceof Error ? error.message : String(error)}).`, {
          cause: error,
        });
      }
      const token = typeof answer === 'object' && answer !== null && 'access_token' in answer ? answer.access_token : undefined;
      if (typeof token !== 'string' || token === '') throw new SignetError('provider-error', 'The demo webmail gave no access token.');
      cached = token;
      return token;
    },
  };
}
