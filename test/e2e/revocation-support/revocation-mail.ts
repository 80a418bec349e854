import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peopleDirectory } from '../../webmail/story-mail';

/**
 * Signed orders for the revocation tests, written with the `openssl` CLI at test time (the pattern
 * of test/fixtures/make-story-mail.sh): Date taken right before openssl signs, so it agrees with
 * the signingTime; Message-ID `<revocation-NAME@signet.example>`.
 */
const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

export interface SignedOrder {
  name: string;
  signer: string;
  from: string;
  to: string;
  subject: string;
  /** Include the Jed Co Mail CA certificate in the signature (true), or only the signer's (false). */
  withIntermediate: boolean;
}

export function writeSignedOrder(directory: string, order: SignedOrder): void {
  const entity = join(directory, `${order.name}.entity`);
  writeFileSync(
    entity,
    crlf(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${order.subject}: please ship as agreed.\n`),
  );
  const headers = crlf(
    `From: ${order.from}\nTo: ${order.to}\nSubject: ${order.subject}\nDate: ${new Date().toUTCString()}\nMessage-ID: <revocation-${order.name}@signet.example>\n`,
  );
  const chain = order.withIntermediate ? ['-certfile', join(peopleDirectory, 'jedco-mail-ca.pem')] : [];
  const signed = execFileSync(
    'openssl',
    ['cms', '-sign', '-binary', '-crlfeol', '-md', 'sha256', '-in', entity, '-signer', join(peopleDirectory, `${order.signer}.pem`), '-inkey', join(peopleDirectory, `${order.signer}.key`), ...chain],
    { encoding: 'latin1' },
  );
  writeFileSync(join(directory, `${order.name}.eml`), headers + crlf(signed.replace(/\r\n/g, '\n')), 'latin1');
}
