/**
 * Damaged and hostile input (DESIGN.md, security model 7): whatever is done to an encrypted
 * message, decryptMessage answers with a SignetError (or, if the damage missed everything that
 * matters, the content), never a TypeError from deep inside a parser.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SignetError } from '../../shared/errors';
import { fixturePath, makeScratchDirectory, runOpenssl } from '../cms/enveloped/testing/openssl-peer';
import { ORDER_MESSAGE, recipientFor } from '../cms/enveloped/testing/people';
import { decryptMessage } from './decrypt-message';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());

/** A small deterministic generator, so a failure can be replayed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function asSmime(der: Uint8Array): Uint8Array {
  const base64 = Buffer.from(der).toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return new TextEncoder().encode(`Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}`);
}

async function outcomeOf(message: Uint8Array, person: string): Promise<string> {
  try {
    await decryptMessage(message, await recipientFor(person));
    return 'decrypted';
  } catch (error) {
    if (error instanceof SignetError) return error.code;
    return `crash: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

describe('damaged encrypted messages', () => {
  const input = scratch.write('order.eml', ORDER_MESSAGE);
  const cases = [
    { name: 'RSA and EC recipients, AES-256-CBC', options: ['-aes256'], people: ['jethro', 'ellie-may'] },
    { name: 'RSA and EC P-384 recipients, AES-128-GCM', options: ['-aes-128-gcm'], people: ['jethro', 'jed'] },
    { name: 'streamed BER', options: ['-aes256', '-stream'], people: ['jethro', 'ellie-may'] },
  ];
  for (const { name, options, people } of cases) {
    it(`${name}: 150 random byte flips and truncations give SignetErrors, never a crash`, async () => {
      const der = runOpenssl(['cms', '-encrypt', '-in', input, '-outform', 'DER', ...options, ...people.map((person) => fixturePath(`${person}.pem`))]);
      const random = createRandom(der.length);
      const crashes: string[] = [];
      for (let round = 0; round < 150; round += 1) {
        const damaged = der.slice();
        if (round % 3 === 0) {
          const cut = Math.floor(random() * damaged.length);
          crashes.push(await outcomeOf(asSmime(damaged.subarray(0, cut)), people[round % 2]));
          continue;
        }
        for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips -= 1) damaged[Math.floor(random() * damaged.length)] ^= 1 << Math.floor(random() * 8);
        crashes.push(await outcomeOf(asSmime(damaged), people[round % 2]));
      }
      expect(crashes.filter((outcome) => outcome.startsWith('crash'))).toEqual([]);
    }, 120_000);
  }
});
