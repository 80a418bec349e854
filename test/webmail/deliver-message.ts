import { randomBytes } from 'node:crypto';
import type { MailStore, StoredMessage } from './mail-store';
import { readMessageFacts } from './message-facts';
import { binaryStringToBytes, bytesToBinaryString, splitEntity } from './raw-message';
import { rewriteLikeProvider } from './rewrite-sent';
import { findThreadInMailbox } from './threading';

/**
 * What messages.send does with a raw message: completes the headers Gmail completes (Message-ID
 * and Date when missing), optionally rewrites the body as some providers do (`--rewrite-sent`),
 * keeps the result in the sender's Sent and delivers it, without its Bcc header, to the inbox of
 * every To, Cc and Bcc address (each gets an account).
 */
export interface SendRequest {
  sender: string;
  raw: Uint8Array;
  threadId?: string;
  rewriteSent: boolean;
}

export class NoRecipientsError extends Error {}

export function sendMessage(store: MailStore, request: SendRequest): StoredMessage {
  const completed = completeHeaders(request.raw, request.sender);
  const sentBytes = request.rewriteSent ? rewriteLikeProvider(completed) : completed;
  const facts = readMessageFacts(sentBytes);
  const recipients = [...new Set([...facts.toAddresses, ...facts.ccAddresses, ...facts.bccAddresses])];
  if (recipients.length === 0) {
    throw new NoRecipientsError('Recipient address required');
  }
  const now = Date.now();
  const sender = request.sender.toLowerCase();
  const toSelf = recipients.includes(sender);
  const sentCopy = store.addMessage(sender, {
    bytes: sentBytes,
    labelIds: toSelf ? ['SENT', 'INBOX', 'UNREAD'] : ['SENT'],
    internalDate: now,
    threadId: findThreadInMailbox(store, sender, facts.referencedMessageIds, request.threadId),
    rfc822MessageId: facts.rfc822MessageId,
    referencedMessageIds: facts.referencedMessageIds,
  });
  const deliveredBytes = facts.bccAddresses.length > 0 ? removeHeader(sentBytes, 'Bcc') : sentBytes;
  for (const recipient of recipients.filter((address) => address !== sender)) {
    store.addMessage(recipient, {
      bytes: deliveredBytes,
      labelIds: ['INBOX', 'UNREAD'],
      internalDate: now,
      threadId: findThreadInMailbox(store, recipient, facts.referencedMessageIds),
      rfc822MessageId: facts.rfc822MessageId,
      referencedMessageIds: facts.referencedMessageIds,
    });
  }
  return sentCopy;
}

/** Adds Message-ID and Date in front when missing (RFC 5322 section 3.6), as Gmail does. */
function completeHeaders(raw: Uint8Array, sender: string): Uint8Array {
  const text = bytesToBinaryString(raw);
  const { fields } = splitEntity(text);
  const has = (name: string): boolean => fields.some((field) => field.name.toLowerCase() === name);
  // Match the message's own line ending, so a bare-LF message doesn't become a mixed one.
  const lineEnding = /^[^\n]*\r\n/.test(text) || !text.includes('\n') ? '\r\n' : '\n';
  let added = '';
  if (!has('message-id')) {
    const domain = sender.split('@')[1] ?? 'demo.example';
    added += `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>${lineEnding}`;
  }
  if (!has('date')) {
    added += `Date: ${new Date().toUTCString().replace('GMT', '+0000')}${lineEnding}`;
  }
  return added ? binaryStringToBytes(added + text) : raw;
}

/** Removes every instance of a header field, folded lines included; the rest keeps its bytes. */
function removeHeader(raw: Uint8Array, name: string): Uint8Array {
  const text = bytesToBinaryString(raw);
  const { headerSection, fields } = splitEntity(text);
  let kept = headerSection;
  for (const field of fields.filter((candidate) => candidate.name.toLowerCase() === name.toLowerCase())) {
    kept = kept.replace(field.source, '');
  }
  return binaryStringToBytes(kept + text.slice(headerSection.length));
}
