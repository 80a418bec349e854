import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one named by CHROMIUM_PATH (scripts/ensure-setup.mjs installs it). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium is not at ${path}: run "node scripts/ensure-setup.mjs" (as root it installs it) or set CHROMIUM_PATH.`);
  }
  return path;
}
