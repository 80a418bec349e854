/**
 * Test support: makes sure test/fixtures/generated/ exists and is current before a test file
 * reads it. The script is idempotent, but test files run in parallel: should the script have
 * changed, two of them regenerating at once would delete each other's files. `flock` lets the
 * first regenerate while the others wait, then find the stamp current and return at once.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repositoryRoot = new URL('../../../', import.meta.url).pathname;
export const generatedFixtures = join(repositoryRoot, 'test/fixtures/generated');

export function ensureFixtures(): void {
  const script = join(repositoryRoot, 'test/fixtures/make-fixtures.sh');
  execFileSync('flock', [join(tmpdir(), 'signet-make-fixtures.lock'), 'bash', script], { stdio: ['ignore', 'ignore', 'inherit'] });
}
