import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageId } from './message-ids';

/**
 * The demo webmail's mailboxes on disk: one file per message (its exact bytes, named by SHA-256,
 * shared by every mailbox that holds it) and one `index.json` with the accounts, their messages'
 * ids, threads and labels. Every write goes to a temporary file renamed over the old one, so a
 * crash never leaves half a file.
 */

export interface StoredMessage {
  /** Gmail API id, 16 hex digits. */
  id: string;
  threadId: string;
  sha256: string;
  labelIds: string[];
  /** Milliseconds since the epoch: the Date header for imports, the send time for sent mail. */
  internalDate: number;
  sizeEstimate: number;
  /** The Message-ID header with its angle brackets, if any (for threading and `rfc822msgid:`). */
  rfc822MessageId?: string;
  /** Message-IDs named in References and In-Reply-To (RFC 5322 section 3.6.4). */
  referencedMessageIds: string[];
}

export interface AccountRecord {
  address: string;
  messages: StoredMessage[];
}

interface IndexFile {
  version: 1;
  sequence: number;
  tokenSecret: string;
  accounts: Record<string, AccountRecord>;
}

export interface NewMessage {
  bytes: Uint8Array;
  labelIds: string[];
  internalDate: number;
  threadId?: string;
  rfc822MessageId?: string;
  referencedMessageIds: string[];
}

const TOKEN_PREFIX = 'ya29.demo.';

export class MailStore {
  private readonly indexPath: string;
  private readonly messagesDirectory: string;
  private index: IndexFile;

  constructor(readonly dataDirectory: string) {
    this.indexPath = join(dataDirectory, 'index.json');
    this.messagesDirectory = join(dataDirectory, 'messages');
    mkdirSync(this.messagesDirectory, { recursive: true });
    this.index = existsSync(this.indexPath) ? readIndex(this.indexPath) : createIndex();
    this.save();
  }

  listAccounts(): string[] {
    return Object.keys(this.index.accounts).sort();
  }

  hasAccount(address: string): boolean {
    return normalizeAddress(address) in this.index.accounts;
  }

  ensureAccount(address: string): AccountRecord {
    const key = normalizeAddress(address);
    let account = this.index.accounts[key];
    if (!account) {
      account = { address: key, messages: [] };
      this.index.accounts[key] = account;
      this.save();
    }
    return account;
  }

  /** A bearer token for the account: stateless (HMAC under this data directory's secret). */
  createToken(address: string): string {
    const key = normalizeAddress(address);
    return `${TOKEN_PREFIX}${Buffer.from(key).toString('base64url')}.${this.signToken(key)}`;
  }

  /** The account a token was issued for, or undefined if the token is not one of ours. */
  findAccountForToken(token: string): string | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) {
      return undefined;
    }
    const [encodedAddress, signature] = token.slice(TOKEN_PREFIX.length).split('.');
    if (!encodedAddress || !signature) {
      return undefined;
    }
    const address = Buffer.from(encodedAddress, 'base64url').toString('utf8');
    const expected = Buffer.from(this.signToken(address));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return undefined;
    }
    return this.hasAccount(address) ? address : undefined;
  }

  /** Messages of an account, newest first (as messages.list orders them). */
  listMessages(address: string): StoredMessage[] {
    const account = this.index.accounts[normalizeAddress(address)];
    if (!account) {
      return [];
    }
    return [...account.messages].sort(
      (first, second) => second.internalDate - first.internalDate || (second.id > first.id ? 1 : -1),
    );
  }

  findMessage(address: string, id: string): StoredMessage | undefined {
    const account = this.index.accounts[normalizeAddress(address)];
    const wanted = id.toLowerCase().padStart(16, '0');
    return account?.messages.find((message) => message.id === wanted);
  }

  hasContent(address: string, bytes: Uint8Array): boolean {
    const sha256 = hashBytes(bytes);
    return this.listMessages(address).some((message) => message.sha256 === sha256);
  }

  readMessageBytes(message: StoredMessage): Buffer {
    return readFileSync(join(this.messagesDirectory, `${message.sha256}.eml`));
  }

  /** Files a message into an account; a message without a thread starts its own. */
  addMessage(address: string, message: NewMessage): StoredMessage {
    const account = this.ensureAccount(address);
    const sha256 = hashBytes(message.bytes);
    const file = join(this.messagesDirectory, `${sha256}.eml`);
    if (!existsSync(file)) {
      writeAtomically(file, message.bytes);
    }
    const id = this.createUniqueId();
    const stored: StoredMessage = {
      id,
      threadId: message.threadId ?? id,
      sha256,
      labelIds: [...message.labelIds],
      internalDate: message.internalDate,
      sizeEstimate: message.bytes.byteLength,
      rfc822MessageId: message.rfc822MessageId,
      referencedMessageIds: message.referencedMessageIds,
    };
    account.messages.push(stored);
    this.save();
    return stored;
  }

  removeLabel(address: string, id: string, label: string): void {
    const message = this.findMessage(address, id);
    if (message && message.labelIds.includes(label)) {
      message.labelIds = message.labelIds.filter((existing) => existing !== label);
      this.save();
    }
  }

  /** A growing counter, also served as Gmail's historyId. */
  get historyId(): number {
    return this.index.sequence;
  }

  private createUniqueId(): string {
    const taken = new Set(Object.values(this.index.accounts).flatMap((account) => account.messages.map((m) => m.id)));
    let id: string;
    do {
      this.index.sequence += 1;
      id = createMessageId(Date.now(), this.index.sequence);
    } while (taken.has(id));
    return id;
  }

  private signToken(address: string): string {
    return createHmac('sha256', this.index.tokenSecret).update(address).digest('base64url');
  }

  private save(): void {
    writeAtomically(this.indexPath, Buffer.from(`${JSON.stringify(this.index, null, 1)}\n`));
  }
}

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function createIndex(): IndexFile {
  return { version: 1, sequence: 0, tokenSecret: randomBytes(32).toString('hex'), accounts: {} };
}

function readIndex(path: string): IndexFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as IndexFile;
  if (parsed.version !== 1 || typeof parsed.accounts !== 'object') {
    throw new Error(`${path} is not a demo webmail index (version 1)`);
  }
  return parsed;
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}
