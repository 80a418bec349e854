import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAXIMUM_MESSAGE_BYTES } from './google-errors';
import type { MailStore } from './mail-store';
import { readMessageFacts } from './message-facts';
import { findThreadInMailbox } from './threading';

export interface ImportResult {
  filed: number;
  skipped: string[];
}

/**
 * Files every `.eml` of a directory into the inbox of each To and Cc address, as delivered mail;
 * every address seen (From included) gets an account. A message a mailbox already holds (same
 * bytes) is not filed twice, so importing again is harmless.
 */
export function importDirectory(store: MailStore, directory: string): ImportResult {
  const result: ImportResult = { filed: 0, skipped: [] };
  const names = readdirSync(directory).filter((name) => name.toLowerCase().endsWith('.eml')).sort();
  for (const name of names) {
    const path = join(directory, name);
    if (statSync(path).size > MAXIMUM_MESSAGE_BYTES) {
      result.skipped.push(`${name}: larger than ${MAXIMUM_MESSAGE_BYTES} bytes`);
      continue;
    }
    const bytes = readFileSync(path);
    const facts = readMessageFacts(bytes);
    const recipients = [...new Set([...facts.toAddresses, ...facts.ccAddresses])];
    if (recipients.length === 0) {
      result.skipped.push(`${name}: no To or Cc address`);
      continue;
    }
    for (const address of facts.fromAddresses) {
      store.ensureAccount(address);
    }
    for (const recipient of recipients) {
      if (store.hasContent(recipient, bytes)) {
        continue;
      }
      store.addMessage(recipient, {
        bytes,
        labelIds: ['INBOX', 'UNREAD'],
        internalDate: facts.date ?? Date.now(),
        threadId: findThreadInMailbox(store, recipient, facts.referencedMessageIds),
        rfc822MessageId: facts.rfc822MessageId,
        referencedMessageIds: facts.referencedMessageIds,
      });
      result.filed += 1;
    }
  }
  return result;
}
