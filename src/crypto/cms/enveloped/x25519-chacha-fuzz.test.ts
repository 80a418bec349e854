/**
 * Damaged and hostile input for the new paths (DESIGN.md, security model 7): X25519 key agreement
 * (RFC 8418) and ChaCha20-Poly1305 content (RFC 8103). Whatever is flipped or cut, decryptMessage
 * answers with a SignetError (or the content, if the damage missed what matters), never a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignetError } from '../../../shared/errors';
import { createPrivateKeyHandle, importIdentityKeys } from '../../keys/identity-keys';
import { decryptMessage } from '../../message/decrypt-message';
import { encryptMessage } from '../../message/encrypt-message';
import { readPkcs12 } from '../../pkcs12/read-pkcs12';
import { readRecipientCertificate } from './recipient-certificate';
import { buildChaChaMessage } from './testing/chacha-message';
import { makeScratchDirectory } from './testing/openssl-peer';
import { ORDER_MESSAGE, toCrlfText, type TestRecipient } from './testing/people';
import { DIGITAL_ID_PASSWORD, makeX25519Person, type X25519Person } from './testing/x25519-person';
import { encryptX25519KeyAgreement } from './x25519-key-agreement';

const scratch = makeScratchDirectory();
let zelda: X25519Person;
let recipient: TestRecipient;

beforeAll(async () => {
  zelda = makeX25519Person(scratch, 'zelda');
  recipient = { key: createPrivateKeyHandle(await importIdentityKeys(await readPkcs12(zelda.p12, DIGITAL_ID_PASSWORD))), certificate: zelda.certificate };
}, 60_000);
afterAll(() => scratch.dispose());

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function asSmime(der: Uint8Array, smimeType: string): Uint8Array {
  const base64 = Buffer.from(der).toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return new TextEncoder().encode(
    `Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=${smimeType}\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}`,
  );
}

async function outcomeOf(message: Uint8Array): Promise<string> {
  try {
    await decryptMessage(message, recipient);
    return 'decrypted';
  } catch (error) {
    if (error instanceof SignetError) return error.code;
    return `crash: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

async function fuzz(der: Uint8Array, smimeType: string): Promise<string[]> {
  expect(await outcomeOf(asSmime(der, smimeType))).toBe('decrypted');
  const random = createRandom(der.length);
  const outcomes: string[] = [];
  for (let round = 0; round < 150; round += 1) {
    const damaged = der.slice();
    if (round % 3 === 0) {
      outcomes.push(await outcomeOf(asSmime(damaged.subarray(0, Math.floor(random() * damaged.length)), smimeType)));
      continue;
    }
    for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips -= 1) damaged[Math.floor(random() * damaged.length)] ^= 1 << Math.floor(random() * 8);
    outcomes.push(await outcomeOf(asSmime(damaged, smimeType)));
  }
  return outcomes;
}

/** The base64 body of Signet's application/pkcs7-mime output, as DER. */
function cmsOf(message: Uint8Array): Uint8Array {
  const body = new TextDecoder().decode(message).split('\r\n\r\n').slice(1).join('').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

describe('damaged X25519 and ChaCha20-Poly1305 messages', () => {
  it('X25519 recipient, AES-256-CBC: 150 random byte flips and truncations give SignetErrors, never a crash', async () => {
    const encrypted = await encryptMessage(new TextEncoder().encode(toCrlfText(ORDER_MESSAGE)), [{ certificate: zelda.certificate }]);
    const outcomes = await fuzz(cmsOf(encrypted), 'enveloped-data');
    expect(outcomes.filter((outcome) => outcome.startsWith('crash'))).toEqual([]);
    expect(outcomes).toContain('decryption-failed');
  }, 120_000);

  it('X25519 recipient, ChaCha20-Poly1305 AuthEnvelopedData: the same, never a crash', async () => {
    const contentKey = crypto.getRandomValues(new Uint8Array(32));
    const recipientInfo = await encryptX25519KeyAgreement(await readRecipientCertificate(zelda.certificate), contentKey);
    const der = buildChaChaMessage(recipientInfo, contentKey, new TextEncoder().encode('Content-Type: text/plain\r\n\r\nPlease ship 100 units.\r\n'));
    const outcomes = await fuzz(der, 'authEnveloped-data');
    expect(outcomes.filter((outcome) => outcome.startsWith('crash'))).toEqual([]);
    expect(outcomes).toContain('decryption-failed');
  }, 120_000);
});
