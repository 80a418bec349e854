/**
 * How the background sends through a webmail provider and reads a sent message back (issue 6
 * items 3 and 4). One implementation per provider API; Gmail's (and the demo webmail's, which
 * speaks the same API) is `gmail-api-transport.ts`.
 */
export interface SentMessageReference {
  /** The provider's id of the sent copy (Gmail: the hex API id). */
  id: string;
  threadId: string;
}

/** RFC 5322 threading fields of a message being answered (RFC 5322 §3.6.4). */
export interface ThreadingHeaders {
  messageId?: string;
  references: string[];
}

export interface MailTransport {
  /** Sends RFC 5322 bytes; `onProgress` gets the uploaded fraction (0..1) where the platform reports it. */
  sendMessage(raw: Uint8Array, options: { threadId?: string; onProgress?: (fraction: number) => void }): Promise<SentMessageReference>;
  /** The stored bytes of a message of this account (for the self-check: what the provider kept). */
  fetchRawMessage(id: string): Promise<Uint8Array>;
  /** Message-ID and References of a message of this account (for In-Reply-To/References of a reply). */
  fetchThreadingHeaders(id: string): Promise<ThreadingHeaders>;
}
