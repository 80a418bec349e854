/**
 * The fixture PKI the benchmark signs and encrypts with (test/fixtures/make-fixtures.sh): Jethro
 * (RSA 2048) signs and receives RSA mail, Ellie-May (EC P-256) receives EC mail, both under the
 * Jed Co Mail CA and Root.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePemBlocks } from '../src/crypto/encoding/index';

export const REPOSITORY = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const FIXTURES = join(REPOSITORY, 'test/fixtures/generated');

/** Runs the (idempotent, usually instant) fixture script. */
export function makeFixtures(): void {
  execFileSync('bash', [join(REPOSITORY, 'test/fixtures/make-fixtures.sh')], { stdio: 'inherit' });
}

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readCertificateDer(name: string): Uint8Array {
  const [block] = decodePemBlocks(readFileSync(fixturePath(`${name}.pem`), 'utf8'), 'CERTIFICATE');
  if (!block) throw new Error(`No certificate in ${name}.pem`);
  return block.der;
}

export function readPkcs8Der(name: string): Uint8Array {
  const [block] = decodePemBlocks(readFileSync(fixturePath(`${name}.key`), 'utf8'), 'PRIVATE KEY');
  if (!block) throw new Error(`No PKCS#8 private key in ${name}.key`);
  return block.der;
}
