import { addressParser } from 'postal-mime';
import { bytesToBinaryString, findHeaderValue, findHeaderValues, splitEntity, type RawHeaderField } from './raw-message';

/**
 * What the server needs to know about a message to file it: who it goes to, its Message-ID and
 * the messages it answers. Read from the header section only; the body is never touched.
 */
export interface MessageFacts {
  fields: RawHeaderField[];
  fromAddresses: string[];
  toAddresses: string[];
  ccAddresses: string[];
  bccAddresses: string[];
  rfc822MessageId?: string;
  referencedMessageIds: string[];
  /** The Date header in milliseconds, if it parses. */
  date?: number;
}

export function readMessageFacts(bytes: Uint8Array): MessageFacts {
  const { fields } = splitEntity(bytesToBinaryString(bytes));
  const header = (name: string): string => utf8(findHeaderValues(fields, name).join(', '));
  const dateValue = findHeaderValue(fields, 'Date');
  const date = dateValue ? Date.parse(dateValue) : Number.NaN;
  const messageId = findHeaderValue(fields, 'Message-ID')?.match(/<[^>]+>/)?.[0];
  const referenced = [...findHeaderValues(fields, 'References'), ...findHeaderValues(fields, 'In-Reply-To')]
    .flatMap((value) => value.match(/<[^>]+>/g) ?? []);
  return {
    fields,
    fromAddresses: parseAddresses(header('From')),
    toAddresses: parseAddresses(header('To')),
    ccAddresses: parseAddresses(header('Cc')),
    bccAddresses: parseAddresses(header('Bcc')),
    rfc822MessageId: messageId,
    referencedMessageIds: [...new Set(referenced)],
    date: Number.isNaN(date) ? undefined : date,
  };
}

/** Addresses of an address-list header (RFC 5322 section 3.4), lower-cased, groups flattened. */
export function parseAddresses(value: string): string[] {
  if (!value.trim()) {
    return [];
  }
  let mailboxes: ReturnType<typeof addressParser>;
  try {
    mailboxes = addressParser(value, { flatten: true });
  } catch {
    return [];
  }
  return mailboxes
    .map((mailbox) => ('address' in mailbox ? mailbox.address : ''))
    .filter((address): address is string => typeof address === 'string')
    .map((address) => address.trim().toLowerCase())
    .filter(isPlainAddress);
}

/** Header bytes as UTF-8 where they are UTF-8 (RFC 6532), else as they came. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** An addr-spec without display name, comments or quoting (RFC 5322 section 3.4.1), as accounts are. */
export function isPlainAddress(address: string): boolean {
  return /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+$/.test(address);
}
