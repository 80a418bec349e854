import { crx, type CrxPlugin, type ManifestV3Export } from '@crxjs/vite-plugin';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };

/**
 * One config, three builds (DESIGN.md "Demo build", "Where Signet runs"):
 * - default: the Chrome extension in dist/, content script on mail.google.com only;
 * - demo: dist-demo/, whose manifest also matches the demo webmail (http://127.0.0.1/*), because
 *   headless Chromium never answers chrome.permissions.request;
 * - firefox: dist-firefox/, background as event-page scripts and a gecko id.
 */
const DEMO_ORIGIN = 'http://127.0.0.1/*';
const GECKO_ID = 'signet@signet.example';

function manifestFor(mode: string): ManifestV3Export {
  const manifest = structuredClone(baseManifest);
  if (mode === 'demo') {
    for (const script of manifest.content_scripts) script.matches.push(DEMO_ORIGIN);
    for (const resource of manifest.web_accessible_resources) resource.matches.push(DEMO_ORIGIN);
  }
  // The revocation e2e tests fetch CRLs/OCSP from loopback servers: grant that origin up front,
  // since headless Chromium never answers chrome.permissions.request (DESIGN.md security model 6).
  if (mode === 'demo') return { ...manifest, host_permissions: [DEMO_ORIGIN] };
  if (mode !== 'firefox') return manifest;
  const { background, options_page: optionsPage, minimum_chrome_version: _chromeOnly, ...rest } = manifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker] },
    options_ui: { page: optionsPage, open_in_tab: true },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    },
  };
}

/**
 * Webmail sites the person authorises at run time (DESIGN.md security model 6; background/sites/)
 * get Signet's content script, whose crxjs loader imports its chunks by URL, and show Signet's
 * frames: both must be web-accessible there, and `web_accessible_resources` can't change at run
 * time. So every resource Gmail may load is also listed for any https origin (and http only on
 * this machine, as site-origin.ts allows). Consequence, accepted: any such page can tell Signet is
 * installed by loading one of these fixed URLs (as it could on Gmail); no page can do more, since
 * the frames act only on tokens a content script obtained. `use_dynamic_url: true` would hide the
 * fixed URLs, but the loader's import from the content script then fails (crbug.com/363027634;
 * measured with Chromium 156 and test/e2e/sites.test.ts: no badge, frames blocked).
 * The demo build also holds the permission for http://localhost, so the end-to-end test can
 * authorise a site there without the prompt headless Chromium never shows.
 */
const AUTHORISED_SITE_MATCHES = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

function shareResourcesWithAuthorisedSites(mode: string): CrxPlugin {
  return {
    name: 'signet:authorised-site-resources',
    enforce: 'post',
    renderCrxManifest(manifest) {
      const entries = manifest.web_accessible_resources ?? [];
      const resources = [...new Set(entries.flatMap((entry) => ('matches' in entry ? entry.resources : [])))];
      const authorisedSites = { matches: AUTHORISED_SITE_MATCHES, resources, use_dynamic_url: false };
      if (mode === 'firefox') Reflect.deleteProperty(authorisedSites, 'use_dynamic_url');
      const hostPermissions = mode === 'demo' ? [...(manifest.host_permissions ?? []), 'http://localhost/*'] : manifest.host_permissions;
      return { ...manifest, host_permissions: hostPermissions, web_accessible_resources: [...entries, authorisedSites] };
    },
  };
}

/** Every secure frame shown inside webmail pages is its own page (TEAM.md, extension wiring). */
const framesDirectory = fileURLToPath(new URL('./src/popup/frames', import.meta.url));
const framePages = (existsSync(framesDirectory) ? readdirSync(framesDirectory) : [])
  .map((name) => `src/popup/frames/${name}/index.html`)
  .filter((page) => existsSync(fileURLToPath(new URL(`./${page}`, import.meta.url))));

export default defineConfig(({ mode }) => ({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [crx({ manifest: manifestFor(mode), browser: mode === 'firefox' ? 'firefox' : 'chrome' }), shareResourcesWithAuthorisedSites(mode)],
  build: {
    outDir: { demo: 'dist-demo', firefox: 'dist-firefox' }[mode] ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The service worker carries the whole engine (pkijs, asn1js): one big chunk is expected there.
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: Object.fromEntries(framePages.map((page) => [page.split('/')[3], page])) },
  },
}));
