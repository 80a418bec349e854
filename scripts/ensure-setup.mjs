#!/usr/bin/env node
// Makes a fresh checkout ready for `npm start` and `npm test` (README "Set-up"): installs the npm
// dependencies when node_modules is missing or out of date with package-lock.json, and the
// interop peers the tests drive (Debian's Chromium, openssl, gpgsm) when they are missing and we
// may install them (root, apt-get). Node built-ins only: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (message) => console.log(`ensure-setup: ${message}`);

function run(command, args, options = {}) {
  say(`running ${[command, ...args].join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', cwd: root, ...options });
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Why node_modules can't be used as it is, or undefined when it can. npm keeps what it installed
 * in node_modules/.package-lock.json; every package of package-lock.json must be there in the
 * same version (optional platform packages may be absent).
 */
function staleDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return 'node_modules is missing';
  const wanted = readJson(join(root, 'package-lock.json')).packages ?? {};
  const have = readJson(installed).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === '' || entry.link) continue;
    const present = have[path];
    if (!present && entry.optional) continue;
    if (!present || present.version !== entry.version) return `${path} ${entry.version} is not installed`;
    if (!existsSync(join(root, path, 'package.json'))) return `${path} is missing from disk`;
  }
  return undefined;
}

function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;

/** Installs Debian packages when we are root; otherwise says exactly what to run. */
function aptInstall(packages, why) {
  if (!isRoot || !commandExists('apt-get')) {
    console.error(`ensure-setup: ${why}. Install it with: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update'], { env: environment });
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env: environment });
}

const staleReason = staleDependencies();
if (staleReason) {
  say(`${staleReason}: installing the locked npm dependencies`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CHROMIUM_PATH) {
    console.error(`ensure-setup: CHROMIUM_PATH=${chromium} does not exist.`);
    process.exit(1);
  }
  aptInstall(['chromium'], `Chromium (for the end-to-end tests and npm start) is not at ${chromium}`);
}

for (const [command, debianPackage] of [
  ['openssl', 'openssl'],
  ['gpgsm', 'gpgsm'],
]) {
  if (!commandExists(command)) aptInstall([debianPackage], `${command} (an interop peer of the tests) is missing`);
}

// `npm run bench` reads OpenSSL's and Node's peak memory through GNU time's getrusage report.
if (!existsSync('/usr/bin/time')) aptInstall(['time'], '/usr/bin/time (the benchmark measures peak memory with it) is missing');
