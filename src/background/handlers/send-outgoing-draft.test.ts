import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peopleDirectory } from '../../../test/webmail/story-mail';
import { isSignetError } from '../../shared/errors';
import type { OutgoingDraft } from '../../shared/protocol';
import { PRIVILEGED_REQUESTS } from '../../shared/protocol';
import { OutgoingDrafts } from '../outgoing/outgoing-drafts';
import { createRouter } from '../router';
import { handlers } from './index';
import type { MailTransport } from '../transports/mail-transport';
import { handleGetOutgoingDraft } from './get-outgoing-draft';
import { handleLookUpRecipientCertificates } from './look-up-recipient-certificates';
import { contextFor, storeWith } from './reading-handlers.test-support';
import { handleSendOutgoingDraft } from './send-outgoing-draft';
import { handleStageOutgoingDraft } from './stage-outgoing-draft';

/**
 * Jethro's drafts through the background (issue 6 items 3-5), with a transport that records what
 * it is given and plays the provider: the messages are checked with the `openssl` CLI.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';
const jed = 'jed@clampett.example';
const work = mkdtempSync(join(tmpdir(), 'signet-send-handler-'));

function draft(fields: Partial<OutgoingDraft> = {}): OutgoingDraft {
  return { from: jethro, to: [ellie], cc: [], bcc: [], subject: 'Order: 30 tanker trucks', text: 'Please ship 30 tanker trucks.', attachments: [], ...fields };
}

/** A provider that keeps what it was sent; `alter` stands for what it does to the stored copy. */
function recordingTransport(options: { fail?: () => Error; alter?: (raw: Uint8Array) => Uint8Array } = {}) {
  const sent: { raw: Uint8Array; threadId?: string }[] = [];
  const transport: MailTransport = {
    async sendMessage(raw, { threadId }) {
      const failure = options.fail?.();
      if (failure) throw failure;
      sent.push({ raw, threadId });
      return { id: `id-${sent.length}`, threadId: threadId ?? `thread-${sent.length}` };
    },
    async fetchRawMessage(id) {
      const raw = sent[Number(id.slice(3)) - 1].raw;
      return options.alter ? options.alter(raw) : raw;
    },
    async fetchThreadingHeaders() {
      return { messageId: '<story-jethro-order@signet.example>', references: ['<first@signet.example>'] };
    },
  };
  return { transport, sent };
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = join(work, `${name}-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, bytes);
  return file;
}

function opensslVerifies(raw: Uint8Array): string {
  return execFileSync('openssl', ['cms', '-verify', '-in', write('verify', raw), '-CAfile', join(peopleDirectory, 'jedco-root.pem')], { encoding: 'latin1', stdio: 'pipe' });
}

function opensslDecrypts(raw: Uint8Array, person: string): string {
  return execFileSync(
    'openssl',
    ['cms', '-decrypt', '-in', write('decrypt', raw), '-recip', join(peopleDirectory, `${person}.pem`), '-inkey', join(peopleDirectory, `${person}.key`)],
    { encoding: 'latin1', stdio: 'pipe' },
  );
}

async function setUp(digitalIds = ['jethro.p12', 'ellie-may.p12', 'jed.p12']) {
  const database = await storeWith({ digitalIds });
  const drafts = new OutgoingDrafts(undefined);
  const content = contextFor(database, { tabId: 7, url: 'http://127.0.0.1:8025/mail/u/0/?account=jethro@jedco.example' });
  const frame = contextFor(database, { tabId: 7, isExtensionPage: true, url: 'chrome-extension://signet/src/popup/frames/send-confirmation/index.html' });
  return { database, drafts, content, frame };
}

describe('sending a draft Jethro confirmed', () => {
  it('a signed draft is built, signed detached, sent with Bcc outside the signature, and self-checked; OpenSSL verifies it', async () => {
    const { drafts, content, frame } = await setUp();
    const { transport, sent } = recordingTransport();
    const { token } = await handleStageOutgoingDraft({ draft: draft({ bcc: [jed] }), sign: true, encrypt: false }, content, drafts);
    const summary = await handleGetOutgoingDraft({ token }, frame, drafts);
    expect(summary).toMatchObject({ from: jethro, to: [ellie], bcc: [jed], sign: true, encrypt: false, progress: { step: 'waiting' } });
    expect(sent).toHaveLength(0);

    const result = await handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport });
    expect(result).toMatchObject({ form: 'detached', selfCheck: { outcome: 'intact', status: 'valid' }, separateCopies: 0 });
    const raw = new TextDecoder().decode(sent[0].raw);
    expect(raw).toMatch(/^Bcc: jed@clampett\.example\r$/m);
    expect(raw).toContain('multipart/signed');
    expect(opensslVerifies(sent[0].raw)).toContain('Please ship 30 tanker trucks.');
    expect((await handleGetOutgoingDraft({ token }, frame, drafts)).progress.step).toBe('done');
  });

  it('encrypting: To, Cc and Jethro read the message; a Bcc recipient gets a separate copy only they (and Jethro) read', async () => {
    const { drafts, content, frame } = await setUp();
    const { transport, sent } = recordingTransport();
    const { token, missingCertificates } = await handleStageOutgoingDraft({ draft: draft({ bcc: [jed] }), sign: true, encrypt: true }, content, drafts);
    expect(missingCertificates).toEqual([]);
    const result = await handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport });
    expect(result).toMatchObject({ selfCheck: { outcome: 'intact' }, separateCopies: 1 });
    const [main, copy] = sent.map((message) => message.raw);
    expect(opensslDecrypts(main, 'ellie-may')).toContain('multipart/signed');
    expect(opensslDecrypts(main, 'jethro')).toContain('multipart/signed');
    expect(() => opensslDecrypts(main, 'jed')).toThrow();
    expect(new TextDecoder().decode(main)).not.toMatch(/^Bcc:/m);
    expect(opensslDecrypts(copy, 'jed')).toContain('multipart/signed');
    expect(() => opensslDecrypts(copy, 'ellie-may')).toThrow();
    expect(new TextDecoder().decode(copy)).toMatch(/^Bcc: jed@clampett\.example\r$/m);
    expect(new TextDecoder().decode(copy)).not.toMatch(/^To:/m);
  });

  it('a reply gets In-Reply-To and References from the answered message and goes to its thread', async () => {
    const { drafts, content, frame } = await setUp();
    const { transport, sent } = recordingTransport();
    const { token } = await handleStageOutgoingDraft(
      { draft: draft({ subject: 'Re: Order', repliedMessageId: '18c0ffee00000001', threadId: '18c0ffee00000000' }), sign: true, encrypt: false },
      content,
      drafts,
    );
    await handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport });
    const raw = new TextDecoder().decode(sent[0].raw);
    expect(sent[0].threadId).toBe('18c0ffee00000000');
    expect(raw).toMatch(/^In-Reply-To: <story-jethro-order@signet\.example>\r$/m);
    expect(raw).toMatch(/^References: <first@signet\.example> <story-jethro-order@signet\.example>\r$/m);
  });

  it('a recipient without a usable certificate stops an encrypted send before anything is built or sent', async () => {
    const { drafts, content, frame } = await setUp(['jethro.p12', 'stranger.p12']);
    const { transport, sent } = recordingTransport();
    const { token, missingCertificates } = await handleStageOutgoingDraft(
      { draft: draft({ to: [ellie, 'stranger@elsewhere.example'] }), sign: false, encrypt: true },
      content,
      drafts,
    );
    expect(missingCertificates.map((answer) => [answer.address, answer.state])).toEqual([
      [ellie, 'missing'],
      ['stranger@elsewhere.example', 'untrusted'],
    ]);
    await expect(handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport })).rejects.toSatisfy(
      (error) => isSignetError(error, 'recipient-certificate-unusable') && /ellie-may@clampett\.example: Signet has no certificate/.test(error.message),
    );
    expect(sent).toHaveLength(0);
  });

  it('a provider failure leaves the draft staged and says so; trying again sends it once', async () => {
    const { drafts, content, frame } = await setUp();
    let down = true;
    const { transport, sent } = recordingTransport({ fail: () => (down ? new Error('connection refused') : undefined) as Error });
    const { token } = await handleStageOutgoingDraft({ draft: draft(), sign: true, encrypt: false }, content, drafts);
    await expect(handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport })).rejects.toThrow('connection refused');
    const afterFailure = await handleGetOutgoingDraft({ token }, frame, drafts);
    expect(afterFailure.progress).toMatchObject({ step: 'failed' });
    expect(afterFailure.progress.description).toContain('Your draft is unchanged.');
    expect(afterFailure.sent).toBeUndefined();
    down = false;
    await handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport });
    expect(sent).toHaveLength(1);
    await expect(handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport })).rejects.toThrow(/sent already/);
    // An intact signature is no reason to send the message again, opaque or not.
    await expect(handleSendOutgoingDraft({ token, form: 'opaque' }, frame, { drafts, transportFor: () => transport })).rejects.toThrow(/sent already/);
    expect(sent).toHaveLength(1);
  });

  it('a detached signature the provider altered is reported, and only then may it be resent opaque', async () => {
    const { drafts, content, frame } = await setUp();
    // The provider turns quoted-printable into 8bit in the signed part, as test/webmail/rewrite-sent.ts does.
    const alter = (raw: Uint8Array): Uint8Array =>
      new TextEncoder().encode(new TextDecoder().decode(raw).replace('Content-Transfer-Encoding: quoted-printable', 'Content-Transfer-Encoding: 8bit'));
    const { transport, sent } = recordingTransport({ alter });
    const { token } = await handleStageOutgoingDraft({ draft: draft(), sign: true, encrypt: false }, content, drafts);
    await expect(handleSendOutgoingDraft({ token, form: 'opaque' }, frame, { drafts, transportFor: () => transport })).resolves.toMatchObject({ form: 'opaque' });
    const other = await handleStageOutgoingDraft({ draft: draft(), sign: true, encrypt: false }, content, drafts);
    const first = await handleSendOutgoingDraft({ token: other.token }, frame, { drafts, transportFor: () => transport });
    expect(first.selfCheck).toMatchObject({ outcome: 'altered', status: 'invalid' });
    const again = await handleSendOutgoingDraft({ token: other.token, form: 'opaque' }, frame, { drafts, transportFor: () => transport });
    expect(again).toMatchObject({ form: 'opaque', selfCheck: { outcome: 'intact' } });
    expect(new TextDecoder().decode(sent[sent.length - 1].raw)).toContain('smime-type=signed-data');
    expect(opensslVerifies(sent[sent.length - 1].raw)).toContain('Please ship 30 tanker trucks.');
    await expect(handleSendOutgoingDraft({ token: other.token, form: 'opaque' }, frame, { drafts, transportFor: () => transport })).rejects.toThrow(/sent already/);
  });

  it('a frame in another tab can neither read nor send the draft', async () => {
    const { database, drafts, content } = await setUp();
    const { transport, sent } = recordingTransport();
    const { token } = await handleStageOutgoingDraft({ draft: draft(), sign: true, encrypt: false }, content, drafts);
    const otherTab = contextFor(database, { tabId: 8, isExtensionPage: true });
    await expect(handleGetOutgoingDraft({ token }, otherTab, drafts)).rejects.toSatisfy((error) => isSignetError(error, 'forbidden-sender'));
    await expect(handleSendOutgoingDraft({ token }, otherTab, { drafts, transportFor: () => transport })).rejects.toSatisfy((error) =>
      isSignetError(error, 'forbidden-sender'),
    );
    expect(sent).toHaveLength(0);
  });

  it('bad drafts are refused with a clear error', async () => {
    const { drafts, content } = await setUp();
    const stage = (value: unknown) => handleStageOutgoingDraft({ draft: value as OutgoingDraft, sign: true, encrypt: false }, content, drafts);
    await expect(stage(draft({ to: [], cc: [], bcc: [] }))).rejects.toThrow(/at least one recipient/);
    await expect(stage(draft({ to: ['not an address'] }))).rejects.toThrow(/not an e-mail address/);
    await expect(stage(draft({ from: 'jethro@jedco.example\r\nBcc: bob@hacker.example' }))).rejects.toSatisfy((error) => isSignetError(error, 'bad-request'));
    await expect(stage({ ...draft(), to: 'ellie' })).rejects.toSatisfy((error) => isSignetError(error, 'bad-request'));
    await expect(stage(draft({ repliedMessageId: '../../etc' }))).rejects.toThrow(/not a message id/);
  });
});

describe('looking up recipients’ certificates as addresses are typed', () => {
  it('says for each address whether Signet can encrypt to it', async () => {
    const { content } = await setUp(['jethro.p12', 'ellie-may.p12', 'stranger.p12']);
    const answers = await handleLookUpRecipientCertificates(
      { addresses: ['Ellie-May@Clampett.example', 'stranger@elsewhere.example', 'bob@hacker.example'] },
      content,
    );
    expect(answers.map((answer) => [answer.address, answer.state])).toEqual([
      [ellie, 'usable'],
      ['stranger@elsewhere.example', 'untrusted'],
      ['bob@hacker.example', 'missing'],
    ]);
  });
});

describe('who may send', () => {
  it('the webmail page’s content script can stage a draft but never read it back or send it', async () => {
    const { database } = await setUp();
    const route = createRouter({
      extensionId: 'signet-id',
      extensionBaseUrl: 'chrome-extension://signet-id/',
      handlers,
      database: async () => database,
    });
    const contentScript = { id: 'signet-id', url: 'http://127.0.0.1:8025/mail/u/0/', origin: 'http://127.0.0.1:8025', tab: { id: 7 }, frameId: 0 };
    const staged = await route({ signet: 1, name: 'stageOutgoingDraft', request: { draft: draft(), sign: true, encrypt: false } }, contentScript);
    expect(staged).toMatchObject({ ok: true });
    const token = staged?.ok ? (staged.value as { token: string }).token : '';
    for (const name of ['getOutgoingDraft', 'sendOutgoingDraft', 'setComposeSettings'] as const) {
      expect(PRIVILEGED_REQUESTS.has(name)).toBe(true);
      expect(await route({ signet: 1, name, request: { token, settings: {} } }, contentScript)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });
});
