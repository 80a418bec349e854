import type { MailStore } from './mail-store';

/**
 * Finds the thread a new message joins in one mailbox, as Gmail does: the thread the sender named
 * (messages.send `threadId`, checked by the caller), else the thread of a message it answers
 * (References and In-Reply-To, RFC 5322 section 3.6.4), else none (it starts its own).
 */
export function findThreadInMailbox(
  store: MailStore,
  address: string,
  referencedMessageIds: string[],
  requestedThreadId?: string,
): string | undefined {
  const messages = store.listMessages(address);
  if (requestedThreadId && messages.some((message) => message.threadId === requestedThreadId)) {
    return requestedThreadId;
  }
  const wanted = new Set(referencedMessageIds);
  const answered = messages.find((message) => message.rfc822MessageId && wanted.has(message.rfc822MessageId));
  return answered?.threadId;
}

export function threadExists(store: MailStore, address: string, threadId: string): boolean {
  const wanted = threadId.toLowerCase().padStart(16, '0');
  return store.listMessages(address).some((message) => message.threadId === wanted);
}
