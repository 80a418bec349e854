import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peopleDirectory } from '../../../test/webmail/story-mail';
import { isSignetError } from '../../shared/errors';
import { PRIVILEGED_REQUESTS, type OutgoingDraft } from '../../shared/protocol';
import { OutgoingDrafts } from '../outgoing/outgoing-drafts';
import { SecureComposeBodies } from '../outgoing/secure-compose-bodies';
import type { MailTransport } from '../transports/mail-transport';
import { contextFor, storeWith } from './reading-handlers.test-support';
import { handleCloseSecureCompose, handleOpenSecureCompose, handleReadSecureComposeBody, handleSaveSecureComposeBody } from './secure-compose';
import { handleSendOutgoingDraft } from './send-outgoing-draft';
import { handleStageOutgoingDraft } from './stage-outgoing-draft';

/**
 * Jethro composes an encrypted order in Signet's secure editor (DESIGN.md security model 3): the
 * text goes from the frame to the background only, and the send uses it instead of the page's body.
 */
const jethro = 'jethro@jedco.example';
const ellie = 'ellie-may@clampett.example';
const work = mkdtempSync(join(tmpdir(), 'signet-secure-compose-'));

function draft(fields: Partial<OutgoingDraft> = {}): OutgoingDraft {
  return { from: jethro, to: [ellie], cc: [], bcc: [], subject: 'Order', text: '', html: undefined, attachments: [], ...fields };
}

async function setUp() {
  const database = await storeWith({ digitalIds: ['jethro.p12', 'ellie-may.p12'] });
  const bodies = new SecureComposeBodies(undefined);
  const drafts = new OutgoingDrafts(undefined);
  const content = contextFor(database, { tabId: 7, url: 'http://127.0.0.1:8025/mail/u/0/?account=jethro@jedco.example' });
  const frame = contextFor(database, { tabId: 7, isExtensionPage: true, url: 'chrome-extension://signet/src/popup/frames/secure-compose/index.html' });
  const otherTabFrame = contextFor(database, { tabId: 8, isExtensionPage: true, url: 'chrome-extension://signet/src/popup/frames/secure-compose/index.html' });
  return { database, bodies, drafts, content, frame, otherTabFrame };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isSignetError(error) ? error.code : String(error);
  }
  return 'no error';
}

function opensslDecrypts(raw: Uint8Array, person: string): string {
  const file = join(work, `decrypt-${Math.random().toString(16).slice(2)}.eml`);
  writeFileSync(file, raw);
  return execFileSync('openssl', ['cms', '-decrypt', '-in', file, '-recip', join(peopleDirectory, `${person}.pem`), '-inkey', join(peopleDirectory, `${person}.key`)], {
    encoding: 'latin1',
    stdio: 'pipe',
  });
}

describe('Jethro writes an encrypted order in Signet’s secure editor', () => {
  it('only the frame reads and saves the text: content scripts may open and close a session, nothing more', () => {
    expect(PRIVILEGED_REQUESTS.has('readSecureComposeBody')).toBe(true);
    expect(PRIVILEGED_REQUESTS.has('saveSecureComposeBody')).toBe(true);
    expect(PRIVILEGED_REQUESTS.has('openSecureCompose')).toBe(false);
    expect(PRIVILEGED_REQUESTS.has('closeSecureCompose')).toBe(false);
  });

  it('what was typed in the page before Encrypt moves into the frame once, with the warning flag', async () => {
    const { bodies, content, frame } = await setUp();
    const { token } = await handleOpenSecureCompose({ initialText: 'Dear Ellie May,' }, content, bodies);
    expect(await handleReadSecureComposeBody({ token }, frame, bodies)).toEqual({ text: 'Dear Ellie May,', typedInPageBefore: true });
    const empty = await handleOpenSecureCompose({ initialText: '  \n' }, content, bodies);
    expect((await handleReadSecureComposeBody({ token: empty.token }, frame, bodies)).typedInPageBefore).toBe(false);
  });

  it('the frame saves what Jethro types; a frame in another tab can neither read nor save it', async () => {
    const { bodies, content, frame, otherTabFrame } = await setUp();
    const { token } = await handleOpenSecureCompose({ initialText: '' }, content, bodies);
    expect(await handleSaveSecureComposeBody({ token, text: 'Ship 30 tanker trucks.' }, frame, bodies)).toEqual({ saved: true });
    expect((await handleReadSecureComposeBody({ token }, frame, bodies)).text).toBe('Ship 30 tanker trucks.');
    expect(await codeOf(handleReadSecureComposeBody({ token }, otherTabFrame, bodies))).toBe('forbidden-sender');
    expect(await codeOf(handleSaveSecureComposeBody({ token, text: 'Ship 1 truck.' }, otherTabFrame, bodies))).toBe('forbidden-sender');
    expect((await handleReadSecureComposeBody({ token }, frame, bodies)).text).toBe('Ship 30 tanker trucks.');
  });

  it('bad input gets a clear error: unknown token, a text that is not text or too long', async () => {
    const { bodies, content, frame } = await setUp();
    expect(await codeOf(handleReadSecureComposeBody({ token: 'f'.repeat(32) }, frame, bodies))).toBe('bad-request');
    expect(await codeOf(handleOpenSecureCompose({ initialText: 42 as unknown as string }, content, bodies))).toBe('bad-request');
    const { token } = await handleOpenSecureCompose({ initialText: '' }, content, bodies);
    expect(await codeOf(handleSaveSecureComposeBody({ token, text: 'x'.repeat(36 * 1024 * 1024) }, frame, bodies))).toBe('bad-request');
  });

  it('closing the session forgets the text', async () => {
    const { bodies, content, frame } = await setUp();
    const { token } = await handleOpenSecureCompose({ initialText: 'secret' }, content, bodies);
    expect(await handleCloseSecureCompose({ token }, content, bodies)).toEqual({ closed: true });
    expect(await codeOf(handleReadSecureComposeBody({ token }, frame, bodies))).toBe('bad-request');
  });

  it('staging with the session sends the frame’s text, not the page’s body; OpenSSL decrypts it for Ellie May', async () => {
    const { bodies, drafts, content, frame } = await setUp();
    const { token: session } = await handleOpenSecureCompose({ initialText: '' }, content, bodies);
    await handleSaveSecureComposeBody({ token: session, text: 'Ellie May, ship 30 tanker trucks to Bugtussle.' }, frame, bodies);
    const pageBody = draft({ text: 'whatever the page put there', html: '<b>page</b>' });
    const { token } = await handleStageOutgoingDraft({ draft: pageBody, sign: true, encrypt: true, secureComposeToken: session }, content, drafts, bodies);
    const sent: Uint8Array[] = [];
    const transport: MailTransport = {
      async sendMessage(raw) {
        sent.push(raw);
        return { id: `id-${sent.length}`, threadId: 'thread-1' };
      },
      async fetchRawMessage(id) {
        return sent[Number(id.slice(3)) - 1];
      },
      async fetchThreadingHeaders() {
        return { references: [] };
      },
    };
    await handleSendOutgoingDraft({ token }, frame, { drafts, transportFor: () => transport });
    const inner = opensslDecrypts(sent[0], 'ellie-may');
    expect(inner).toContain('ship 30 tanker trucks to Bugtussle');
    expect(inner).not.toContain('whatever the page put there');
    expect(new TextDecoder().decode(sent[0])).not.toContain('Bugtussle');
  });

  it('the secure editor’s text is never sent unencrypted, and a session from another tab is refused', async () => {
    const { bodies, drafts, content, database } = await setUp();
    const { token: session } = await handleOpenSecureCompose({ initialText: 'secret' }, content, bodies);
    expect(await codeOf(handleStageOutgoingDraft({ draft: draft(), sign: true, encrypt: false, secureComposeToken: session }, content, drafts, bodies))).toBe('bad-request');
    const otherTab = contextFor(database, { tabId: 8, url: 'http://127.0.0.1:8025/mail/u/0/' });
    expect(await codeOf(handleStageOutgoingDraft({ draft: draft(), sign: false, encrypt: true, secureComposeToken: session }, otherTab, drafts, bodies))).toBe(
      'forbidden-sender',
    );
  });
});
