import { describe, expect, it } from 'vitest';
import { SignetError } from '../../shared/errors';
import { parseAddressList } from './address-list';
import { canonicalizeForSigning } from './canonicalize-for-signing';
import { composeMessage } from './compose-message';
import { decodeBody, decodeTextBody } from './decode-body';
import { decodeEncodedWords } from './encoded-words';
import { extractReadableContent } from './extract-readable-content';
import { getHeaderValues } from './header-values';
import { parseMimeMessage } from './parse-mime-message';
import type { MimeEntity } from './mime-entity';
import { splitMessage } from './split-message';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const base = composeMessage({
  from: { displayName: 'Jethro Bodine', address: 'jethro@jedco.example' },
  to: [{ displayName: 'Ellie May', address: 'ellie-may@clampett.example' }],
  subject: 'Bestellung für 30 Tanklaster',
  text: 'Please ship 100 units.\nFrom Jethro',
  html: '<p>Please ship <b>100</b> units.</p><img src="cid:truck@jedco.example">',
  inlineImages: [{ contentId: 'truck@jedco.example', contentType: 'image/png', filename: 'truck.png', bytes: Uint8Array.of(1, 2, 3) }],
  attachments: [{ filename: 'Bestellung.pdf', contentType: 'application/pdf', bytes: Uint8Array.of(37, 80, 68, 70) }],
});

const interesting = ['\r\n', '\n', '--', ':', ';', '"', '=?', '?=', '<', '>', '(', ')', '\\', '=', ' ', '\u0000', '\u00ff', 'boundary=', '*0*='].map(
  (text) => new TextEncoder().encode(text),
);

function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let bytes = input.slice();
  const edits = 1 + Math.floor(random() * 8);
  for (let edit = 0; edit < edits; edit += 1) {
    const position = Math.floor(random() * bytes.length);
    const choice = random();
    if (choice < 0.3) {
      bytes[position] = Math.floor(random() * 256);
    } else if (choice < 0.6) {
      const insert = interesting[Math.floor(random() * interesting.length)];
      bytes = new Uint8Array([...bytes.subarray(0, position), ...insert, ...bytes.subarray(position)]);
    } else if (choice < 0.8) {
      bytes = bytes.slice(0, position);
    } else {
      const length = Math.floor(random() * 40);
      bytes = new Uint8Array([...bytes.subarray(0, position), ...bytes.subarray(position + length)]);
    }
  }
  return bytes;
}

function exerciseEverything(tree: MimeEntity): void {
  for (const value of [...getHeaderValues(tree, 'from'), ...getHeaderValues(tree, 'to')]) {
    try {
      parseAddressList(value);
    } catch (error) {
      expect(error).toBeInstanceOf(SignetError);
    }
  }
  for (const value of getHeaderValues(tree, 'subject')) decodeEncodedWords(value);
  const visit = (entity: MimeEntity): void => {
    try {
      decodeBody(entity);
      decodeTextBody(entity);
    } catch (error) {
      expect(error).toBeInstanceOf(SignetError);
    }
    entity.children.forEach(visit);
  };
  visit(tree);
  extractReadableContent(tree);
}

describe('hostile input', () => {
  it('2,000 mangled messages each parse, canonicalize and extract, or fail with a SignetError, never anything else', () => {
    const random = createRandom(20261128);
    const started = performance.now();
    let parsed = 0;
    for (let round = 0; round < 2000; round += 1) {
      const input = mutate(base, random);
      try {
        const tree = parseMimeMessage(input);
        parsed += 1;
        exerciseEverything(tree);
        canonicalizeForSigning(splitMessage(input).content);
      } catch (error) {
        if (!(error instanceof SignetError)) throw new Error(`round ${round}: ${String(error)}`);
        expect(error.code).toBe('malformed-mime');
      }
    }
    expect(parsed).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('5,000 random address lists parse or fail with a SignetError, and every address has one @ and no < > , or space', () => {
    const random = createRandom(1019);
    const pieces = ['jethro', '@', 'jedco.example', 'bob@hacker.example', '<', '>', ',', ';', ':', '"', '\\', '(', ')', ' ', '.', '[1.2.3.4]', '=?UTF-8?Q?', '=3C', '=40', '?=', 'é'];
    for (let round = 0; round < 5000; round += 1) {
      let value = '';
      const count = 1 + Math.floor(random() * 12);
      for (let index = 0; index < count; index += 1) value += pieces[Math.floor(random() * pieces.length)];
      try {
        for (const mailbox of parseAddressList(value)) {
          expect(mailbox.address).toContain('@');
          expect(mailbox.address).not.toMatch(/[<>,\s]/);
          // Exactly one @ outside a quoted local part: decoded text never adds structure.
          expect(mailbox.address.replace(/^"(?:[^"\\]|\\.)*"/, 'quoted').split('@')).toHaveLength(2);
        }
      } catch (error) {
        if (!(error instanceof SignetError)) throw new Error(`${JSON.stringify(value)}: ${String(error)}`);
      }
    }
  });
});
