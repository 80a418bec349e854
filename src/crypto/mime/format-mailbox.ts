/** Writing mailboxes into header fields (RFC 5322 §3.4), RFC 2047 for non-ASCII display names. */
import { SignetError } from '../../shared/errors';
import type { Mailbox } from './address-list';
import { encodeHeaderText } from './encoded-words';

/** RFC 5322 §3.2.3 atext: a display name of such words separated by spaces needs no quotes. */
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?: [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

function checkAddress(address: string): void {
  // The address is written as is, so it must not smuggle structure or a line break into the field.
  if (!/^[^\s<>(),;:\\"@]+@[^\s<>(),;:\\"@]+$/.test(address) && !/^"(?:[^"\\\r\n]|\\.)*"@[^\s<>(),;:\\"@]+$/.test(address)) {
    throw new SignetError('bad-request', `"${address.slice(0, 80)}" is not an e-mail address Signet can write.`);
  }
}

/**
 * `Display Name <local@domain>`, or the bare address when there is no name. A name with specials
 * is quoted (RFC 5322 §3.2.4); a non-ASCII one becomes UTF-8 encoded-words (RFC 2047 §5 (3)).
 */
export function formatMailbox(mailbox: Pick<Mailbox, 'displayName' | 'address'>): string {
  const address = mailbox.address.trim();
  checkAddress(address);
  const name = mailbox.displayName.replace(/[\r\n\t]+/g, ' ').trim();
  if (name === '') return address;
  // Text that a reader would take for an encoded-word must itself be encoded (RFC 2047 §5).
  if (name.includes('=?')) return `${encodeHeaderText(name)} <${address}>`;
  if (PLAIN_PHRASE.test(name)) return `${name} <${address}>`;
  if (/^[\x20-\x7e]*$/.test(name)) {
    return `"${name.replace(/[\\"]/g, (character) => `\\${character}`)}" <${address}>`;
  }
  return `${encodeHeaderText(name)} <${address}>`;
}
