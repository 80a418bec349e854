import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peopleDirectory } from '../../webmail/story-mail';
import { callApi } from '../../unit/webmail/webmail-test-support';

/**
 * Mail and checks the writing tests need, with the `openssl` CLI as the independent peer (TEAM.md:
 * messages for tests are made at test time).
 */
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Ellie May's signed note to Jethro (openssl, detached, her chain): opening it saves her certificate in Jethro's contacts. */
export function writeEllieSignedNote(directory: string): void {
  const entity = join(directory, 'ellie-note-entity.txt');
  writeFileSync(entity, crlf('Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nJethro, here is my certificate. Ellie May\n'));
  const signed = execFileSync(
    'openssl',
    [
      'cms', '-sign', '-in', entity, '-signer', join(peopleDirectory, 'ellie-may.pem'), '-inkey', join(peopleDirectory, 'ellie-may.key'),
      '-certfile', join(peopleDirectory, 'jedco-chain.pem'), '-crlfeol',
    ],
    { encoding: 'latin1' },
  );
  const headers = crlf(
    `From: "Ellie May Clampett" <ellie-may@clampett.example>\nTo: "Jethro Bodine" <jethro@jedco.example>\nSubject: My certificate\nDate: ${new Date().toUTCString()}\nMessage-ID: <writing-ellie-note@signet.example>\n`,
  );
  writeFileSync(join(directory, 'ellie-signed-note.eml'), headers + crlf(signed));
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The ids in a mailbox label, newest first. */
export async function listIds(origin: string, token: string, label: 'SENT' | 'INBOX'): Promise<{ id: string; threadId: string }[]> {
  const answer = await callApi<{ messages?: { id: string; threadId: string }[] }>(origin, `/gmail/v1/users/me/messages?labelIds=${label}`, token);
  return answer.body.messages ?? [];
}

/** `openssl cms -verify` against the Jed Co root: the signed content on success, undefined on failure. */
export function opensslVerify(message: Uint8Array, directory: string): string | undefined {
  const file = join(directory, `verify-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, message);
  try {
    return execFileSync('openssl', ['cms', '-verify', '-in', file, '-CAfile', join(peopleDirectory, 'jedco-root.pem')], { encoding: 'latin1', stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** `openssl cms -decrypt` with a person's key: the decrypted MIME entity. */
export function opensslDecrypt(message: Uint8Array, person: string, directory: string): string {
  const file = join(directory, `decrypt-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, message);
  return execFileSync(
    'openssl',
    ['cms', '-decrypt', '-in', file, '-recip', join(peopleDirectory, `${person}.pem`), '-inkey', join(peopleDirectory, `${person}.key`)],
    { encoding: 'latin1', stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 },
  );
}
