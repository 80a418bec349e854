import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { isSignetError, type ErrorCode } from '../../shared/errors';
import { siteScriptId } from '../../shared/site-origin';
import { openSignetDatabase } from '../store/open-database';
import { createSiteStore } from './authorised-sites';
import { createSiteRegistrations, type SiteContentScript, type SitePlatform, type SiteScripting } from './site-registrations';

const LOADER = ['assets/main.ts-loader-8JBz-_N8.js'];
const ROUNDCUBE = 'https://mail.example.org/*';
const SOGO = 'https://webmail.jedco.example/*';

/** `chrome.scripting` as Chrome behaves: a duplicate or unknown id is an error, and nothing changes. */
function fakeScripting(initial: SiteContentScript[] = []): SiteScripting & { scripts: Map<string, SiteContentScript>; calls: string[] } {
  const scripts = new Map(initial.map((script) => [script.id, structuredClone(script)]));
  const calls: string[] = [];
  return {
    scripts,
    calls,
    async getRegisteredContentScripts() {
      return [...scripts.values()].map((script) => structuredClone(script));
    },
    async registerContentScripts(added) {
      calls.push(`register ${added.map((script) => script.id).join(' ')}`);
      for (const script of added) if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      for (const script of added) scripts.set(script.id, structuredClone(script));
    },
    async unregisterContentScripts(filter) {
      calls.push(`unregister ${(filter?.ids ?? []).join(' ')}`);
      for (const id of filter?.ids ?? []) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of filter?.ids ?? []) scripts.delete(id);
    },
  };
}

function fakePermissions(granted: string[]) {
  const origins = new Set(granted);
  return { origins, contains: async ({ origins: asked }: { origins: string[] }) => asked.every((origin) => origins.has(origin)) };
}

async function setUp(options: { granted?: string[]; registered?: SiteContentScript[]; manifestMatches?: string[] } = {}) {
  const database = await openSignetDatabase(`sites-test-${crypto.randomUUID()}`);
  const store = createSiteStore(async () => database);
  const scripting = fakeScripting(options.registered);
  const permissions = fakePermissions(options.granted ?? []);
  const platform: SitePlatform = {
    scripting,
    permissions,
    contentScriptFiles: LOADER,
    manifestMatches: options.manifestMatches ?? ['https://mail.google.com/*'],
  };
  const registrations = createSiteRegistrations(store, platform, () => new Date('2026-11-28T20:00:00Z'));
  return { database, store, scripting, permissions, registrations };
}

async function failure(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSignetError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('it succeeded');
}

describe('running Signet on a self-hosted webmail the person authorised', () => {
  test('Jethro adds his Roundcube: the manifest content script is registered there, persistently, under a stable id', async () => {
    const { registrations, scripting, store } = await setUp({ granted: [ROUNDCUBE] });
    const sites = await registrations.authorise('https://mail.example.org/roundcube/?_task=mail');
    expect(sites).toEqual([{ origin: ROUNDCUBE, addedAt: '2026-11-28T20:00:00.000Z', active: true }]);
    expect([...scripting.scripts.values()]).toEqual([
      { id: siteScriptId(ROUNDCUBE), matches: [ROUNDCUBE], js: LOADER, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
    ]);
    expect(await store.read()).toEqual([{ origin: ROUNDCUBE, addedAt: '2026-11-28T20:00:00.000Z' }]);
  });

  test('adding the same site twice registers it once', async () => {
    const { registrations, scripting } = await setUp({ granted: [ROUNDCUBE] });
    await registrations.authorise('mail.example.org');
    expect(await registrations.authorise('https://mail.example.org/*')).toHaveLength(1);
    expect(scripting.calls).toEqual([`register ${siteScriptId(ROUNDCUBE)}`]);
  });

  test('a site the browser has not allowed (he declined the prompt) is neither stored nor registered', async () => {
    const { registrations, scripting, store } = await setUp({ granted: [] });
    expect(await failure(registrations.authorise('mail.example.org'))).toMatchObject({ code: 'host-permission-missing' });
    expect(scripting.scripts.size).toBe(0);
    expect(await store.read()).toEqual([]);
  });

  test('Gmail, already in the manifest, is not registered a second time', async () => {
    const { registrations, scripting } = await setUp({ granted: ['https://mail.google.com/*'] });
    expect(await failure(registrations.authorise('https://mail.google.com/mail/u/0/'))).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/already runs on https:\/\/mail\.google\.com/),
    });
    expect(scripting.calls).toEqual([]);
  });

  test('a request with plain http to another machine is refused before anything is asked', async () => {
    const { registrations, scripting } = await setUp({ granted: ['http://mail.example.org/*'] });
    expect(await failure(registrations.authorise('http://mail.example.org'))).toMatchObject({ code: 'bad-request' });
    expect(scripting.calls).toEqual([]);
  });

  test('when Chrome refuses the registration, the site is not left in the list', async () => {
    const { registrations, scripting, store } = await setUp({ granted: [ROUNDCUBE] });
    scripting.registerContentScripts = async () => {
      throw new Error('Invalid url pattern');
    };
    await expect(registrations.authorise(ROUNDCUBE)).rejects.toThrow('Invalid url pattern');
    expect(await store.read()).toEqual([]);
  });

  test('removing a site unregisters it and keeps the others', async () => {
    const { registrations, scripting, store } = await setUp({ granted: [ROUNDCUBE, SOGO] });
    await registrations.authorise(ROUNDCUBE);
    await registrations.authorise(SOGO);
    expect((await registrations.withdraw('https://mail.example.org')).map((site) => site.origin)).toEqual([SOGO]);
    expect([...scripting.scripts.keys()]).toEqual([siteScriptId(SOGO)]);
    expect((await store.read()).map((site) => site.origin)).toEqual([SOGO]);
    // Removing what is not there changes nothing and fails nothing.
    expect((await registrations.withdraw(ROUNDCUBE)).map((site) => site.origin)).toEqual([SOGO]);
  });
});

describe('after a restart of the service worker', () => {
  test('a permission taken back in the browser settings unregisters the site and drops it', async () => {
    const { registrations, scripting, permissions, store } = await setUp({ granted: [ROUNDCUBE, SOGO] });
    await registrations.authorise(ROUNDCUBE);
    await registrations.authorise(SOGO);
    permissions.origins.delete(ROUNDCUBE);
    expect((await registrations.reconcile()).map((site) => site.origin)).toEqual([SOGO]);
    expect([...scripting.scripts.keys()]).toEqual([siteScriptId(SOGO)]);
    expect((await store.read()).map((site) => site.origin)).toEqual([SOGO]);
  });

  test('registrations Chrome lost (or never made) are made again; ones already right are left alone', async () => {
    const { registrations, scripting } = await setUp({ granted: [ROUNDCUBE, SOGO] });
    await registrations.authorise(ROUNDCUBE);
    await registrations.authorise(SOGO);
    scripting.scripts.delete(siteScriptId(SOGO));
    scripting.calls.length = 0;
    expect((await registrations.reconcile()).every((site) => site.active)).toBe(true);
    expect(scripting.calls).toEqual([`register ${siteScriptId(SOGO)}`]);
  });

  test('a registration from an older build (other file names) is replaced; strangers and unwanted sites go', async () => {
    const { registrations, scripting, store } = await setUp({
      granted: [ROUNDCUBE],
      registered: [
        { id: siteScriptId(ROUNDCUBE), matches: [ROUNDCUBE], js: ['assets/main.ts-loader-OLDHASH.js'], persistAcrossSessions: true },
        { id: siteScriptId(SOGO), matches: [SOGO], js: LOADER, persistAcrossSessions: true },
        { id: 'someone-else', matches: ['https://example.com/*'], js: ['other.js'] },
      ],
    });
    await store.write([{ origin: ROUNDCUBE, addedAt: '2026-11-01T00:00:00.000Z' }]);
    await registrations.reconcile();
    expect(scripting.calls).toEqual([`unregister ${siteScriptId(ROUNDCUBE)} ${siteScriptId(SOGO)}`, `register ${siteScriptId(ROUNDCUBE)}`]);
    expect(scripting.scripts.get(siteScriptId(ROUNDCUBE))?.js).toEqual(LOADER);
    expect(scripting.scripts.has('someone-else')).toBe(true);
  });

  test('a reconciliation and a click at the same moment do not register the same id twice', async () => {
    const { registrations, scripting } = await setUp({ granted: [ROUNDCUBE] });
    const results = await Promise.allSettled([registrations.reconcile(), registrations.authorise(ROUNDCUBE), registrations.reconcile()]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(scripting.calls).toEqual([`register ${siteScriptId(ROUNDCUBE)}`]);
  });

  test('a damaged stored list runs Signet nowhere extra', async () => {
    const { registrations, scripting, database } = await setUp({ granted: [ROUNDCUBE] });
    await database.put('settings', JSON.stringify([{ origin: 'https://*/*', addedAt: '2026-11-01T00:00:00Z' }]), 'authorisedSites');
    expect(await registrations.reconcile()).toEqual([]);
    await database.put('settings', '{not json', 'authorisedSites');
    expect(await registrations.list()).toEqual([]);
    expect(scripting.calls).toEqual([]);
  });
});
