import { describe, expect, test } from 'vitest';
import { describeAccessOutcome, EVERY_REVOCATION_SERVER, originsToRequest, requestRevocationAccess, type PermissionRequests } from './request-revocation-access';

function browserThatAnswers(answer: boolean | Error): PermissionRequests & { asked: string[][] } {
  const fake = {
    asked: [] as string[][],
    request({ origins }: { origins: string[] }) {
      fake.asked.push(origins);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  return fake;
}

describe('asking for the revocation servers', () => {
  test('the servers a verification needed and may not reach are asked for, not those already allowed', () => {
    expect(
      originsToRequest([
        { origin: 'http://crl.jedco.example/*', granted: false },
        { origin: 'http://ocsp.jedco.example/*', granted: true },
      ]),
    ).toEqual(['http://crl.jedco.example/*']);
  });

  test('before any message needed one, the person may allow every revocation server', () => {
    expect(originsToRequest([])).toEqual([EVERY_REVOCATION_SERVER]);
    expect(originsToRequest([{ origin: 'http://crl.jedco.example/*', granted: true }])).toEqual([EVERY_REVOCATION_SERVER]);
  });

  test('the browser is asked at once, inside the click (no await first), and a yes is reported granted', async () => {
    const browser = browserThatAnswers(true);
    const outcome = requestRevocationAccess(browser, ['http://crl.jedco.example/*']);
    expect(browser.asked).toEqual([['http://crl.jedco.example/*']]);
    expect(await outcome).toEqual({ kind: 'granted', origins: ['http://crl.jedco.example/*'] });
  });

  test('a person who declines gets a clear state naming what that means for the badge', async () => {
    const outcome = await requestRevocationAccess(browserThatAnswers(false), ['http://crl.jedco.example/*']);
    expect(outcome.kind).toBe('declined');
    expect(describeAccessOutcome(outcome)).toMatch(/Revocation not checked: permission not granted/);
  });

  test('a browser that refuses to ask (no user gesture) is reported, not thrown', async () => {
    const outcome = await requestRevocationAccess(browserThatAnswers(new Error('This function must be called during a user gesture')), ['http://*/*']);
    expect(outcome).toMatchObject({ kind: 'failed', message: /user gesture/ });
    const throwing: PermissionRequests = {
      request() {
        throw new Error('permissions API unavailable');
      },
    };
    expect(await requestRevocationAccess(throwing, ['http://*/*'])).toMatchObject({ kind: 'failed', message: /unavailable/ });
  });
});
