/**
 * The page's calls to its server: the demo's own JSON (`/demo/...`) for showing mail, and the
 * Gmail API with a bearer token for sending, as a Gmail client would.
 */
export interface Mailbox {
  name: string;
  address: string;
}

export interface MessageSummary {
  id: string;
  decimalId: string;
  threadId: string;
  threadDecimalId: string;
  labelIds: string[];
  unread: boolean;
  subject: string;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  date: number;
  snippet: string;
}

export interface AttachmentSummary {
  index: number;
  filename: string;
  mimeType: string;
  size: number;
}

export interface MessageViewModel extends MessageSummary {
  bcc: Mailbox[];
  rfc822MessageId?: string;
  references: string[];
  html?: string;
  text?: string;
  attachments: AttachmentSummary[];
}

export interface ThreadViewModel {
  threadId: string;
  openedId: string;
  messages: MessageViewModel[];
}

export class DemoClient {
  private token: string | undefined;

  constructor(readonly account: string) {}

  async listMailbox(label: 'INBOX' | 'SENT'): Promise<MessageSummary[]> {
    const answer = await this.getJson<{ messages: MessageSummary[] }>(`/demo/mailbox?account=${encodeURIComponent(this.account)}&label=${label}`);
    return answer.messages;
  }

  getThread(id: string): Promise<ThreadViewModel> {
    return this.getJson<ThreadViewModel>(`/demo/thread?account=${encodeURIComponent(this.account)}&id=${encodeURIComponent(id)}`);
  }

  async markThreadRead(threadId: string): Promise<void> {
    await fetch(`/demo/mark-read?account=${encodeURIComponent(this.account)}&thread=${encodeURIComponent(threadId)}`, { method: 'POST' });
  }

  /** users.messages.send with `{raw, threadId}`; throws Google's error message on failure. */
  async sendRawMessage(raw: Uint8Array, threadId?: string): Promise<{ id: string; threadId: string }> {
    const token = await this.getToken();
    const response = await fetch('/gmail/v1/users/me/messages/send', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(threadId ? { raw: encodeBase64Url(raw), threadId } : { raw: encodeBase64Url(raw) }),
    });
    const body = (await response.json()) as { id: string; threadId: string; error?: { message: string } };
    if (!response.ok) {
      throw new Error(body.error?.message ?? `send failed (${response.status})`);
    }
    return body;
  }

  private async getToken(): Promise<string> {
    if (!this.token) {
      const answer = await this.getJson<{ access_token: string }>(`/demo/token?account=${encodeURIComponent(this.account)}`);
      this.token = answer.access_token;
    }
    return this.token;
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`${path}: ${response.status}`);
    }
    return (await response.json()) as T;
  }
}

function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}
