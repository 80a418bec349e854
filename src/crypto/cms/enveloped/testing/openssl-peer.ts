/**
 * Test-only helpers (Node): the `openssl` CLI as the interop peer, and the fixture people's keys
 * and certificates from test/fixtures/generated (made by make-fixtures.sh). Never imported by
 * engine code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePemBlocks } from '../../../encoding/pem';

export const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/generated', import.meta.url));
const FIXTURE_SCRIPT = fileURLToPath(new URL('../../../../../test/fixtures/make-fixtures.sh', import.meta.url));

let fixturesMade = false;

/** Runs the (idempotent, fast) fixture script once per test process. */
export function ensureFixtures(): void {
  if (fixturesMade) return;
  execFileSync('bash', [FIXTURE_SCRIPT], { stdio: 'ignore' });
  fixturesMade = true;
}

export function fixturePath(name: string): string {
  ensureFixtures();
  return join(FIXTURES, name);
}

/** DER of the first certificate in NAME.pem. */
export function readCertificate(person: string): Uint8Array {
  return decodePemBlocks(readFileSync(fixturePath(`${person}.pem`), 'latin1'), 'CERTIFICATE')[0].der;
}

/** DER PKCS#8 of NAME.key. */
export function readPkcs8(person: string): Uint8Array {
  return decodePemBlocks(readFileSync(fixturePath(`${person}.key`), 'latin1'), 'PRIVATE KEY')[0].der;
}

/** Runs openssl; returns stdout as bytes; throws with stderr on failure. */
export function runOpenssl(args: string[], input?: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(execFileSync('openssl', args, { input, maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] }));
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`openssl ${args.join(' ')} failed: ${stderr}`);
  }
}

/** A temporary directory with write/read helpers, removed by `dispose`. */
export function makeScratchDirectory(): {
  path: (name: string) => string;
  write: (name: string, data: Uint8Array | string) => string;
  read: (name: string) => Uint8Array;
  dispose: () => void;
} {
  const directory = mkdtempSync(join(tmpdir(), 'signet-envelope-'));
  return {
    path: (name) => join(directory, name),
    write: (name, data) => {
      const path = join(directory, name);
      writeFileSync(path, data);
      return path;
    },
    read: (name) => new Uint8Array(readFileSync(join(directory, name))),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
