// @vitest-environment happy-dom
/**
 * The content script's wiring on the saved Gmail page, with the background and the network
 * replaced by stand-ins: each opened message is downloaded once and shared by the features, a
 * signed one gets its verdict beside the sender, an encrypted one gets Signet's decrypt frame and
 * the verdict of what's inside once decrypted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { decodeBase64 } from '../crypto/encoding/base64';
import type { Verdict } from '../crypto/verdict';
import { SignetError } from '../shared/errors';
import type { RequestName, RequestOf, ResponseOf } from '../shared/protocol';
import { GmailAdapter } from './adapters/gmail/gmail-adapter';
import { CONTENT_FEATURES } from './features';
import type { BackgroundEvent } from './background-events';
import { BACKGROUND_EVENT_TYPE, type FeatureContext } from './features/feature';
import { startContentFeatures } from './start-content';

const PAGE = readFileSync(join(process.cwd(), 'test/fixtures/gmail-pages/gmail-message-view.reconstructed.html'), 'utf8');
const settle = (milliseconds = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

const SIGNED = 'From: jethro@jedco.example\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b\r\n\r\n--b--\r\n';
const ENCRYPTED = 'From: ellie-may@clampett.example\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQA=\r\n';

const verdict = (status: Verdict['status'], email?: string): Verdict => ({
  status,
  signers: email
    ? [
        {
          status: status === 'unsigned' ? 'valid' : status,
          certificate: {
            subject: `CN=${email}`,
            issuer: 'CN=Jed Co Mail CA',
            serialNumber: '01',
            fingerprintSha256: 'ab'.repeat(32),
            emailAddresses: [email],
            notBefore: '2026-01-01T00:00:00Z',
            notAfter: '2028-01-01T00:00:00Z',
            keyAlgorithm: 'RSA',
            keySizeBits: 2048,
          },
          chain: [],
          digestAlgorithm: 'SHA-256',
          signatureAlgorithm: 'RSA',
          problems: [],
          capabilities: [],
        },
      ]
    : [],
  problems: [],
  layers: [],
  revocation: [],
});

let stop: AbortController;
let downloads: string[];
let requests: { name: RequestName; request: unknown }[];
let backgroundEvents: EventTarget;

function start(raw: string, answers: Partial<{ [Name in RequestName]: (request: RequestOf<Name>) => ResponseOf<Name> }>): void {
  const adapter = new GmailAdapter(window, async (input) => {
    downloads.push(String(input));
    return new Response(raw);
  });
  const context: FeatureContext = {
    adapter,
    sendRequest: async (name, request) => {
      requests.push({ name, request });
      const answer = answers[name] as ((request: unknown) => unknown) | undefined;
      if (!answer) throw new SignetError('unknown-request', name);
      return answer(request) as never;
    },
    extensionUrl: (path) => `chrome-extension://abcdefghijklmnop/${path}`,
    backgroundEvents,
  };
  startContentFeatures(adapter, CONTENT_FEATURES, context, stop.signal, (id, error) => {
    throw new Error(`${id}: ${String(error)}`);
  });
}

const badge = (): HTMLElement | null => document.querySelector('div.adn.ads table.cf.gJ signet-badge');

beforeEach(() => {
  document.open();
  document.write(PAGE);
  document.close();
  stop = new AbortController();
  downloads = [];
  requests = [];
  backgroundEvents = new EventTarget();
});

afterEach(() => stop.abort());

describe('the content script on an opened message', () => {
  test('a signed message is downloaded once and its verdict shown beside the sender', async () => {
    start(SIGNED, { verifyMessage: () => verdict('mismatch', 'bob@hacker.example') });
    await settle();
    expect(downloads).toHaveLength(1);
    expect(requests.map((request) => request.name)).toEqual(['verifyMessage']);
    const sent = requests[0].request as { rawBase64: string; messageId: string };
    expect(new TextDecoder().decode(decodeBase64(sent.rawBase64))).toBe(SIGNED);
    expect(sent.messageId).toBe('msg-f:1638756560099919527');
    expect(badge()?.getAttribute('data-signet-status')).toBe('mismatch');
    expect(badge()?.getAttribute('data-signet-signer')).toBe('bob@hacker.example');
    expect(document.querySelector('iframe[data-signet-frame]')).toBeNull();
  });

  test('an encrypted message is staged, its body replaced by the decrypt frame, and nothing verified in the page', async () => {
    start(ENCRYPTED, { stageEncryptedMessage: () => ({ token: 'cd'.repeat(16) }) });
    await settle();
    expect(downloads).toHaveLength(1);
    expect(requests.map((request) => request.name)).toEqual(['stageEncryptedMessage']);
    const frame = document.querySelector<HTMLIFrameElement>('div.adn.ads div.ii.gt iframe[data-signet-frame="decrypt"]');
    expect(frame?.getAttribute('src')).toBe(`chrome-extension://abcdefghijklmnop/src/popup/frames/decrypt/index.html?token=${'cd'.repeat(16)}`);
    expect(document.querySelector<HTMLElement>('div.adn.ads div.a3s')?.style.display).toBe('none');
    expect(badge()?.hasAttribute('data-signet-encrypted')).toBe(true);
    expect(badge()?.hasAttribute('data-signet-status')).toBe(false);
  });

  test('after decryption in the frame, the badge shows the verdict of what was inside', async () => {
    start(ENCRYPTED, { stageEncryptedMessage: () => ({ token: 'cd'.repeat(16) }) });
    await settle();
    const event: BackgroundEvent = { kind: 'decrypted', token: 'cd'.repeat(16), verdict: verdict('valid', 'ellie-may@clampett.example') };
    backgroundEvents.dispatchEvent(new CustomEvent(BACKGROUND_EVENT_TYPE, { detail: event }));
    await settle();
    expect(badge()?.getAttribute('data-signet-status')).toBe('valid');
    expect(badge()?.getAttribute('data-signet-signer')).toBe('ellie-may@clampett.example');
    expect(badge()?.getAttribute('data-signet-encrypted')).toBe('decrypted');
    // The frame grows for the message now inside it; the frame itself never told the page a size.
    expect(document.querySelector('iframe[data-signet-frame="decrypt"]')?.getAttribute('style')).toContain('height: 480px');
  });

  test('a decryption of another message (another token) changes nothing here', async () => {
    start(ENCRYPTED, { stageEncryptedMessage: () => ({ token: 'cd'.repeat(16) }) });
    await settle();
    const event: BackgroundEvent = { kind: 'decrypted', token: 'ef'.repeat(16), verdict: verdict('valid', 'ellie-may@clampett.example') };
    backgroundEvents.dispatchEvent(new CustomEvent(BACKGROUND_EVENT_TYPE, { detail: event }));
    await settle();
    expect(badge()?.hasAttribute('data-signet-status')).toBe(false);
  });

  test('after a sender is trusted, the message is verified again', async () => {
    let status: Verdict['status'] = 'untrusted';
    start(SIGNED, { verifyMessage: () => verdict(status, 'stranger@elsewhere.example') });
    await settle();
    expect(badge()?.getAttribute('data-signet-status')).toBe('untrusted');
    status = 'valid';
    const event: BackgroundEvent = { kind: 'trust-changed', fingerprint: 'ab'.repeat(32) };
    backgroundEvents.dispatchEvent(new CustomEvent(BACKGROUND_EVENT_TYPE, { detail: event }));
    await settle();
    expect(badge()?.getAttribute('data-signet-status')).toBe('valid');
    expect(downloads).toHaveLength(1);
  });

  test('pkcs7-mime without smime-type that the background finds signed, not encrypted, is verified instead', async () => {
    const opaque = 'From: jethro@jedco.example\r\nContent-Type: application/pkcs7-mime; name=smime.p7m\r\n\r\nMIAG\r\n';
    start(opaque, {
      stageEncryptedMessage: () => {
        throw new SignetError('not-encrypted', 'signed-data');
      },
      verifyMessage: () => verdict('valid', 'jethro@jedco.example'),
    });
    await settle();
    expect(requests.map((request) => request.name)).toEqual(['stageEncryptedMessage', 'verifyMessage']);
    expect(badge()?.getAttribute('data-signet-status')).toBe('valid');
    expect(document.querySelector('iframe[data-signet-frame]')).toBeNull();
  });

  test('when the background can’t be reached the badge says so instead of showing a status', async () => {
    start(SIGNED, {});
    await settle();
    expect(badge()?.hasAttribute('data-signet-status')).toBe(false);
    expect(badge()?.getAttribute('data-signet-error')).toContain('verifyMessage');
  });
});
