/**
 * Test-only (Node): the real peers Signet's signatures are tested against — the `openssl` CLI and
 * gpgsm — and the fixture PKI of test/fixtures/make-fixtures.sh. Nothing in the engine imports it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePemBlocks } from '../encoding/index';

const repository = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const FIXTURES = join(repository, 'test/fixtures/generated');

let fixturesMade = false;
export function ensureFixtures(): void {
  if (fixturesMade) return;
  execFileSync('bash', [join(repository, 'test/fixtures/make-fixtures.sh')], { stdio: 'ignore' });
  fixturesMade = true;
}

export function fixturePath(name: string): string {
  ensureFixtures();
  return join(FIXTURES, name);
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

/** Every certificate in a PEM fixture, as DER. */
export function certificatesOf(name: string): Uint8Array[] {
  return decodePemBlocks(readFileSync(fixturePath(name), 'utf8'), 'CERTIFICATE').map((block) => block.der);
}

export function certificateOf(name: string): Uint8Array {
  return certificatesOf(name)[0];
}

export interface TemporaryDirectory {
  path: string;
  file(name: string, content?: Uint8Array | string): string;
  read(name: string): Uint8Array;
  remove(): void;
}

export function makeTemporaryDirectory(): TemporaryDirectory {
  const path = mkdtempSync(join(tmpdir(), 'signet-sign-verify-'));
  return {
    path,
    file(name, content) {
      const filePath = join(path, name);
      if (content !== undefined) writeFileSync(filePath, content);
      return filePath;
    },
    read: (name) => new Uint8Array(readFileSync(join(path, name))),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Runs openssl; throws with its stderr when it fails. */
export function runOpenssl(args: string[], input?: Uint8Array): Uint8Array {
  const result = spawnSync('openssl', args, { input, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return new Uint8Array(result.stdout);
}

export interface OpensslSignRequest {
  /** Fixture name of the signer: `NAME.pem` and `NAME.key`. */
  signer: string;
  /** The content entity (its MIME header, a blank line, the body). */
  content: string;
  from?: string;
  to?: string;
  subject?: string;
  /** Extra header lines put before openssl's output, e.g. 'Date: ...'. */
  extraHeaders?: string[];
  /** Additional `openssl cms -sign` arguments: -md, -keyopt, -nodetach, -stream, -nocerts... */
  arguments?: string[];
  /** The chain file put beside the signer (`-certfile`): the mail CA unless said otherwise; null for none. */
  chain?: string | null;
  /** More signers, each `NAME.pem` with `NAME.key` (several SignerInfos). */
  moreSigners?: string[];
  command?: 'cms' | 'smime';
}

/** An S/MIME message signed by `openssl cms -sign` (or `openssl smime -sign`) at test time. */
export function signWithOpenssl(request: OpensslSignRequest): Uint8Array {
  const directory = makeTemporaryDirectory();
  try {
    const contentFile = directory.file('content.txt', request.content.replace(/\r?\n/g, '\r\n'));
    const args = [
      request.command ?? 'cms',
      '-sign',
      '-in',
      contentFile,
      '-signer',
      fixturePath(`${request.signer}.pem`),
      '-inkey',
      fixturePath(`${request.signer}.key`),
      ...(request.moreSigners ?? []).flatMap((name) => ['-signer', fixturePath(`${name}.pem`), '-inkey', fixturePath(`${name}.key`)]),
      ...(request.chain === null ? [] : ['-certfile', fixturePath(request.chain ?? 'jedco-mail-ca.pem')]),
      ...(request.from ? ['-from', request.from] : []),
      ...(request.to ? ['-to', request.to] : []),
      ...(request.subject ? ['-subject', request.subject] : []),
      ...(request.arguments ?? []),
    ];
    const signed = runOpenssl(args);
    const extra = (request.extraHeaders ?? []).map((line) => `${line}\r\n`).join('');
    return concatenate(new TextEncoder().encode(extra), signed);
  } finally {
    directory.remove();
  }
}

export function concatenate(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

export function bytes(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** An RFC 5322 date, as mail carries it. */
export function mailDate(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
