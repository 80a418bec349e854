import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The story's mail (test/fixtures/make-story-mail.sh), made on demand; both scripts skip when done. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const peopleDirectory = join(repositoryRoot, 'test/fixtures/generated');
export const storyDirectory = join(peopleDirectory, 'story');

export function makeStoryMail(): void {
  execFileSync('bash', [join(repositoryRoot, 'test/fixtures/make-fixtures.sh')], { stdio: 'inherit' });
  execFileSync('bash', [join(repositoryRoot, 'test/fixtures/make-story-mail.sh')], { stdio: 'inherit' });
}
