import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The demo build (DESIGN.md "Demo build"): what `npm start` and the end-to-end tests load. */
export function demoBuildDirectory(): string {
  return builtExtension('dist-demo', 'build:demo');
}

/** The production Chrome build (`npm run build`). */
export function productionBuildDirectory(): string {
  return builtExtension('dist', 'build');
}

function builtExtension(folder: string, script: string): string {
  const directory = `${REPOSITORY_ROOT}${folder}`;
  if (!existsSync(`${directory}/manifest.json`)) {
    throw new Error(`No build in ${directory}: run "npm run ${script}" first (npm test does).`);
  }
  return directory;
}

/** A file made by test/fixtures/make-fixtures.sh. */
export function fixturePath(name: string): string {
  const path = `${REPOSITORY_ROOT}test/fixtures/generated/${name}`;
  if (!existsSync(path)) throw new Error(`Missing fixture ${path}: run "npm run fixtures" first (npm test does).`);
  return path;
}
