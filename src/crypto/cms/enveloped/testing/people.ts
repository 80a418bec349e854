/**
 * Test-only: the fixture people as recipients (private-key handle + certificate), built with the
 * KEYS helper's `createPrivateKeyHandleFromPkcs8` from their PKCS#8 PEM files.
 */
import { createPrivateKeyHandleFromPkcs8 } from '../../../keys/identity-keys';
import type { PrivateKeyHandle } from '../../../keys/private-key-handle';
import { readCertificate, readPkcs8 } from './openssl-peer';

export interface TestRecipient {
  key: PrivateKeyHandle;
  certificate: Uint8Array;
}

const cache = new Map<string, Promise<TestRecipient>>();

export function recipientFor(person: string): Promise<TestRecipient> {
  let recipient = cache.get(person);
  if (recipient === undefined) {
    recipient = createPrivateKeyHandleFromPkcs8(readPkcs8(person)).then((key) => ({ key, certificate: readCertificate(person) }));
    cache.set(person, recipient);
  }
  return recipient;
}

/** A plain order from Jethro, in LF line endings as a text editor would save it. */
export const ORDER_MESSAGE =
  'From: Jethro Bodine <jethro@jedco.example>\n' +
  'To: Ellie-May Clampett <ellie-may@clampett.example>\n' +
  'Subject: Order for tanker trucks\n' +
  'Date: Sat, 28 Nov 2026 10:00:00 +0000\n' +
  'Content-Type: text/plain; charset=us-ascii\n' +
  '\n' +
  'Please ship 30 tanker trucks to the Clampett place.\n';

export function toCrlfText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
