import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
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

/** Every secure frame shown inside webmail pages is its own page (TEAM.md, extension wiring). */
const framesDirectory = fileURLToPath(new URL('./src/popup/frames', import.meta.url));
const framePages = (existsSync(framesDirectory) ? readdirSync(framesDirectory) : [])
  .map((name) => `src/popup/frames/${name}/index.html`)
  .filter((page) => existsSync(fileURLToPath(new URL(`./${page}`, import.meta.url))));

export default defineConfig(({ mode }) => ({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [crx({ manifest: manifestFor(mode), browser: mode === 'firefox' ? 'firefox' : 'chrome' })],
  build: {
    outDir: { demo: 'dist-demo', firefox: 'dist-firefox' }[mode] ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The service worker carries the whole engine (pkijs, asn1js): one big chunk is expected there.
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: Object.fromEntries(framePages.map((page) => [page.split('/')[3], page])) },
  },
}));
