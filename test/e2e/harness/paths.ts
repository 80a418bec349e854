import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The demo build (DESIGN.md "Demo build"): what `npm start` and the end-to-end tests load. */
export function demoBuildDirectory(): string {
  const directory = `${REPOSITORY_ROOT}dist-demo`;
  if (!existsSync(`${directory}/manifest.json`)) {
    throw new Error(`No demo build in ${directory}: run "npm run build:demo" first (npm test does).`);
  }
  return directory;
}

/** A file made by test/fixtures/make-fixtures.sh. */
export function fixturePath(name: string): string {
  const path = `${REPOSITORY_ROOT}test/fixtures/generated/${name}`;
  if (!existsSync(path)) throw new Error(`Missing fixture ${path}: run "npm run fixtures" first (npm test does).`);
  return path;
}
