/**
 * `npm start`: the demo. Makes the story's people and mail (the fixture scripts), starts the
 * Gmail-style demo webmail on 127.0.0.1 with that mail filed, builds the demo extension
 * (DESIGN.md "Demo build") and opens Debian's Chromium with it loaded: a visible window when there
 * is a display, headless otherwise. The fresh browser profile gets what Ellie May and Jethro would
 * have set up themselves on the management page (their digital IDs and the Jed Co root), so the
 * inbox shows Signet's badges at once. Runs until the browser is closed or Ctrl+C.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowserWithExtension } from '../test/e2e/harness/launch-browser';
import { REPOSITORY_ROOT, demoBuildDirectory } from '../test/e2e/harness/paths';
import { ManagementPage } from '../test/e2e/pages/management-page';
import { startWebmail, type RunningWebmail } from '../test/webmail/start-webmail';
import { makeStoryMail, peopleDirectory, storyDirectory } from '../test/webmail/story-mail';

const PASSWORD = 'correct horse';
const PREFERRED_PORT = Number(process.env.SIGNET_DEMO_PORT ?? 8025);

function buildDemoExtension(): void {
  console.log('Signet: building the demo extension (npm run build:demo) ...');
  const build = spawnSync('npm', ['run', '--silent', 'build:demo'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('Signet: the build failed (see above).');
    process.exit(1);
  }
}

/**
 * The demo's mail lives in a folder named after the fixture root: when the fixture PKI is made
 * anew, old mail signed under the previous root would only show `untrusted`, so it starts clean.
 */
function demoDataDirectory(): string {
  const root = readFileSync(join(peopleDirectory, 'jedco-root.pem'));
  const rootId = createHash('sha256').update(root).digest('hex').slice(0, 12);
  return join(REPOSITORY_ROOT, '.webmail-data', `demo-${rootId}`);
}

async function startDemoWebmail(): Promise<RunningWebmail> {
  const options = { importDir: storyDirectory, dataDir: demoDataDirectory() };
  try {
    return await startWebmail({ ...options, port: PREFERRED_PORT });
  } catch {
    console.log(`Signet: port ${PREFERRED_PORT} is taken; the demo webmail takes a free one.`);
    return startWebmail({ ...options, port: 0 });
  }
}

async function main(): Promise<void> {
  makeStoryMail();
  const webmail = await startDemoWebmail();
  buildDemoExtension();
  const distDirectory = demoBuildDirectory();
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const extension = await launchBrowserWithExtension(distDirectory, { headless });

  const management = await ManagementPage.open(extension);
  for (const person of ['ellie-may', 'jethro']) {
    await management.importDigitalId(join(peopleDirectory, `${person}.p12`), PASSWORD);
  }
  await management.importTrustAnchor(join(peopleDirectory, 'jedco-root.pem'));

  const inbox = await extension.browser.newPage();
  const ellieInbox = `${webmail.origin}/mail/u/0/?account=ellie-may@clampett.example#inbox`;
  await inbox.goto(ellieInbox);

  console.log(`Signet: Chromium (${headless ? 'headless: no DISPLAY is set' : 'visible'}) runs the extension from ${distDirectory}`);
  console.log(`Signet: demo webmail ${webmail.origin} (mail kept in ${webmail.dataDir})`);
  console.log(`Signet: Ellie May's inbox    ${ellieInbox}`);
  console.log(`Signet: Jethro's inbox       ${webmail.origin}/mail/u/0/?account=jethro@jedco.example#inbox`);
  console.log('Signet: imported: the digital IDs of Ellie May and Jethro, and the Jed Co root as trust anchor.');
  console.log('Signet: open the orders in Ellie May\'s inbox to see valid, mismatch, invalid and unsigned;');
  console.log('Signet: as Jethro, open the encrypted message and press Decrypt, or compose with Sign/Encrypt.');
  console.log(`Signet: management page ${management.page.url()}  (Ctrl+C to stop)`);

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await extension.close().catch(() => undefined);
    await webmail.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  extension.browser.on('disconnected', () => {
    if (!closing) {
      console.log('Signet: the browser was closed.');
      void webmail.stop().finally(() => process.exit(0));
    }
  });
}

main().catch((error: unknown) => {
  console.error(`Signet: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
