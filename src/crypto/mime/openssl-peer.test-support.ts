/**
 * Test support: running the `openssl` CLI on files in a temporary directory (the interop peer,
 * TEAM.md "Tests use real peers"). Test-only; the engine itself never touches the file system.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const fixturesDirectory = resolve(__dirname, '../../../test/fixtures/generated');

export function ensureFixtures(): void {
  const result = spawnSync('bash', [resolve(__dirname, '../../../test/fixtures/make-fixtures.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`make-fixtures.sh failed: ${result.stderr}`);
}

export function fixture(name: string): string {
  return join(fixturesDirectory, name);
}

export interface OpensslRun {
  status: number;
  stdout: Uint8Array;
  stderr: string;
}

export class TemporaryDirectory {
  readonly path = mkdtempSync(join(tmpdir(), 'signet-mime-'));

  write(name: string, data: Uint8Array | string): string {
    const file = join(this.path, name);
    writeFileSync(file, data);
    return file;
  }

  read(name: string): Uint8Array {
    return new Uint8Array(readFileSync(join(this.path, name)));
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function runOpenssl(args: string[], input?: Uint8Array): OpensslRun {
  const result = spawnSync('openssl', args, { input, maxBuffer: 512 * 1024 * 1024 });
  if (result.error !== undefined) throw result.error;
  return {
    status: result.status ?? -1,
    stdout: new Uint8Array(result.stdout),
    stderr: result.stderr.toString('utf8'),
  };
}
