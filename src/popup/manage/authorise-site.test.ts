import { describe, expect, test } from 'vitest';
import { isSignetError } from '../../shared/errors';
import type { SiteSummary } from '../../shared/protocol';
import { authoriseSite, withdrawSite, type SiteDependencies } from './authorise-site';

const ROUNDCUBE = 'https://mail.example.org/*';

/** A browser whose prompt the test answers, and a background that records what it was asked. */
function fakes(options: { answer?: boolean | Error; removeAnswer?: boolean | Error } = {}) {
  const log: string[] = [];
  let sites: SiteSummary[] = [];
  const dependencies: SiteDependencies = {
    manifestMatches: ['https://mail.google.com/*'],
    permissions: {
      request: ({ origins }) => {
        log.push(`request ${origins.join(' ')}`);
        const answer = options.answer ?? true;
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      remove: async ({ origins }) => {
        log.push(`remove ${origins.join(' ')}`);
        const answer = options.removeAnswer ?? true;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    ask: async (name, { origin }) => {
      log.push(`${name} ${origin}`);
      sites = name === 'addSite' ? [{ origin, addedAt: '2026-11-28T20:00:00.000Z', active: true }] : sites.filter((site) => site.origin !== origin);
      return sites;
    },
  };
  return { log, dependencies };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isSignetError(error) ? error.code : `not a SignetError: ${String(error)}`;
  }
  return 'no error';
}

describe('Jethro adds his self-hosted webmail on the management page', () => {
  test('the browser is asked within the click itself, before anything is awaited, then the background registers it', async () => {
    const { log, dependencies } = fakes();
    const adding = authoriseSite('https://mail.example.org/roundcube/', dependencies);
    expect(log).toEqual([`request ${ROUNDCUBE}`]); // synchronously: the user gesture still holds
    expect(await adding).toEqual([{ origin: ROUNDCUBE, addedAt: '2026-11-28T20:00:00.000Z', active: true }]);
    expect(log).toEqual([`request ${ROUNDCUBE}`, `addSite ${ROUNDCUBE}`]);
  });

  test('declining the prompt registers nothing and clears what the background may still hold', async () => {
    const { log, dependencies } = fakes({ answer: false });
    expect(await codeOf(authoriseSite('mail.example.org', dependencies))).toBe('host-permission-missing');
    expect(log).toEqual([`request ${ROUNDCUBE}`, `removeSite ${ROUNDCUBE}`]);
  });

  test('a browser that refuses to ask (no gesture) is reported, and the background is not asked', async () => {
    const { log, dependencies } = fakes({ answer: new Error('This function must be called during a user gesture') });
    expect(await codeOf(authoriseSite('mail.example.org', dependencies))).toBe('user-action-required');
    expect(log).toEqual([`request ${ROUNDCUBE}`]);
  });

  test('a bad address or Gmail itself is refused before the browser shows any prompt', async () => {
    const { log, dependencies } = fakes();
    expect(await codeOf(authoriseSite('http://mail.example.org', dependencies))).toBe('bad-request');
    expect(await codeOf(authoriseSite('https://mail.google.com/mail/u/0/', dependencies))).toBe('bad-request');
    expect(await codeOf(authoriseSite('', dependencies))).toBe('bad-request');
    expect(log).toEqual([]);
  });
});

describe('Jethro removes the site', () => {
  test('Signet stops running there first, then the permission is given back', async () => {
    const { log, dependencies } = fakes();
    await authoriseSite(ROUNDCUBE, dependencies);
    expect(await withdrawSite(ROUNDCUBE, dependencies)).toEqual({ sites: [] });
    expect(log.slice(2)).toEqual([`removeSite ${ROUNDCUBE}`, `remove ${ROUNDCUBE}`]);
  });

  test('a permission the browser keeps (one the build requires) is said, and the site is gone anyway', async () => {
    const { dependencies } = fakes({ removeAnswer: new Error('You cannot remove required permissions.') });
    const outcome = await withdrawSite(ROUNDCUBE, dependencies);
    expect(outcome.sites).toEqual([]);
    expect(outcome.permissionKept).toMatch(/kept its permission for https:\/\/mail\.example\.org .*required permissions/);
  });
});
