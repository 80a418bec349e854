/**
 * `npm start`: builds the demo extension (DESIGN.md "Demo build") and opens Signet's management
 * page in Debian's Chromium with it loaded: a visible window when there is a display, headless
 * otherwise. Runs until the browser is closed or Ctrl+C. (The demo webmail joins it here later.)
 */
import { spawnSync } from 'node:child_process';
import { launchBrowserWithExtension } from '../test/e2e/harness/launch-browser';
import { REPOSITORY_ROOT, demoBuildDirectory } from '../test/e2e/harness/paths';

function buildDemoExtension(): void {
  console.log('Signet: building the demo extension (npm run build:demo) ...');
  const build = spawnSync('npm', ['run', '--silent', 'build:demo'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('Signet: the build failed (see above).');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  buildDemoExtension();
  const distDirectory = demoBuildDirectory();
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const extension = await launchBrowserWithExtension(distDirectory, { headless });
  const page = await extension.openExtensionPage('src/popup/manage/index.html');
  await page.waitForSelector('[data-signet-page="manage"][data-signet-loaded="true"]');
  console.log(`Signet: Chromium (${headless ? 'headless: no DISPLAY is set' : 'visible'}) runs with the extension from ${distDirectory}`);
  console.log(`Signet: extension id ${extension.extensionId}`);
  console.log(`Signet: management page ${page.url()}`);
  console.log('Signet: import a digital ID from test/fixtures/generated/ (password "correct horse"). Ctrl+C to stop.');

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await extension.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  extension.browser.on('disconnected', () => {
    if (!closing) {
      console.log('Signet: the browser was closed.');
      process.exit(0);
    }
  });
}

main().catch((error: unknown) => {
  console.error(`Signet: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
