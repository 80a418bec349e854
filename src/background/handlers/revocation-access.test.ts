import { afterEach, describe, expect, test } from 'vitest';
import { encodeBase64 } from '../../crypto/encoding/base64';
import type { PlatformFetch } from '../../crypto/x509/revocation/fetch-bytes';
import { provideRevocationNetwork } from '../revocation/revocation-network';
import { contextFor, storeWith, storyMessage } from './reading-handlers.test-support';
import { handleForgetRevocationCache, handleGetRevocationAccess, handleSetRevocationChecking } from './revocation-access';
import { handleVerifyMessage } from './verify-message';

/** The platform as a test sets it: which origins are allowed, and every URL the background tried to fetch. */
function providePlatform(allowedOrigins: string[]): { fetched: string[] } {
  const fetched: string[] = [];
  const unreachable: PlatformFetch = async (url) => {
    fetched.push(url);
    throw new TypeError('Failed to fetch');
  };
  provideRevocationNetwork({ fetch: unreachable, permissions: { contains: async ({ origins }) => origins.every((origin) => allowedOrigins.includes(origin)) } });
  return { fetched };
}

afterEach(() => provideRevocationNetwork(undefined));

describe('revocation checking as the background does it for the badge', () => {
  test("without the permission for the Jed Co CA's servers, Jethro's order stays valid and says revocation was not checked for want of permission", async () => {
    const platform = providePlatform([]);
    const database = await storeWith();
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('jethro-order.eml')) }, contextFor(database));
    expect(verdict.status).toBe('valid');
    expect(verdict.problems).toEqual(expect.arrayContaining(['revocation-unknown', 'revocation-not-permitted']));
    expect(platform.fetched).toEqual([]);
    const access = await handleGetRevocationAccess({}, contextFor(database, { isExtensionPage: true }));
    expect(access).toMatchObject({ online: true, origins: [{ origin: 'http://127.0.0.1/*', granted: false }] });
  });

  test('with the permission, the servers are asked; when they are down, revocation is unknown, never good', async () => {
    const platform = providePlatform(['http://127.0.0.1/*']);
    const database = await storeWith();
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('jethro-order.eml')) }, contextFor(database));
    expect(verdict.status).toBe('valid');
    expect(verdict.problems).toContain('revocation-unknown');
    expect(verdict.problems).not.toContain('revocation-not-permitted');
    expect(platform.fetched).toEqual(expect.arrayContaining(['http://127.0.0.1:18081', 'http://127.0.0.1:18080/jedco-mail-ca.crl']));
    expect(verdict.revocation.every((answer) => answer.status === 'unknown')).toBe(true);
  });

  test('turned off on the management page, nothing is fetched and revocation is reported unknown', async () => {
    const platform = providePlatform(['http://127.0.0.1/*']);
    const database = await storeWith();
    const page = contextFor(database, { isExtensionPage: true });
    expect(await handleSetRevocationChecking({ online: false }, page)).toMatchObject({ online: false });
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('jethro-order.eml')) }, contextFor(database));
    expect(platform.fetched).toEqual([]);
    expect(verdict.problems).toContain('revocation-unknown');
    await expect(handleSetRevocationChecking({ online: 'no' } as unknown as { online: boolean }, page)).rejects.toMatchObject({ code: 'bad-request' });
  });

  test('forgetting the fetched answers empties the cache', async () => {
    providePlatform([]);
    const database = await storeWith();
    await database.put('revocationCache', { url: 'crl http://127.0.0.1:18080/jedco-mail-ca.crl', kind: 'crl', body: new Uint8Array([1]), fetchedAt: new Date().toISOString() });
    const page = contextFor(database, { isExtensionPage: true });
    expect((await handleGetRevocationAccess({}, page)).cachedEntries).toBe(1);
    expect((await handleForgetRevocationCache({}, page)).cachedEntries).toBe(0);
  });
});
