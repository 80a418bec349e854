/**
 * Bad input (DESIGN.md, security model 7): a signature damaged anywhere gets a verdict or a
 * SignetError, never a crash, and `valid` only when the damage hit a field no signature covers
 * and the verdict says exactly what the undamaged one says (the same signer, the same time): e.g.
 * the signer identifier's issuer name re-typed from UTF8String to another string type. The damage is pseudo-random but seeded, so a
 * failure can be replayed.
 */
import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { bytesEqual, encodeBase64Lines } from '../encoding/index';
import { decodeBody, parseMimeMessage } from '../mime/index';
import { verifyMessage } from './verify-message';
import { bytes, certificateOf, concatenate, signWithOpenssl } from './signature-peers.test-support';

/** xorshift32: small, seeded, good enough to pick bytes. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

describe('damaged signatures', () => {
  for (const form of ['detached', 'opaque'] as const) {
    it(`a ${form} signature with random bytes changed is never valid and never crashes Signet`, async () => {
      const trust = { trustAnchors: [certificateOf('jedco-root.pem')] };
      const message = signWithOpenssl({
        signer: 'jethro',
        content: 'Content-Type: text/plain\n\nPlease ship 100 units.\n',
        from: 'jethro@jedco.example',
        arguments: form === 'opaque' ? ['-nodetach'] : [],
      });
      const root = parseMimeMessage(message);
      const part = form === 'opaque' ? root : root.children[1];
      const der = decodeBody(part);
      const start = part.body.byteOffset - message.byteOffset;
      const original = await verifyMessage(message, trust);
      expect(original.status).toBe('valid');
      const random = createRandom(form === 'opaque' ? 0x5eed : 0xbeef);
      const outcomes = new Map<string, number>();
      for (let round = 0; round < 150; round += 1) {
        const damaged = der.slice();
        for (let change = 0; change <= round % 3; change += 1) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
        if (bytesEqual(damaged, der)) continue;
        const altered = concatenate(message.subarray(0, start), bytes(encodeBase64Lines(damaged)), bytes('\r\n'), message.subarray(start + part.body.byteLength));
        let outcome: string;
        try {
          const verdict = await verifyMessage(altered, trust);
          outcome = verdict.status;
          if (outcome === 'valid') {
            expect(verdict.signers.map((signer) => [signer.certificate?.fingerprintSha256, signer.signingTime])).toEqual(
              original.signers.map((signer) => [signer.certificate?.fingerprintSha256, signer.signingTime]),
            );
          }
        } catch (error) {
          outcome = isSignetError(error) ? `error:${error.code}` : `crash:${String(error)}`;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      const outcomeNames = [...outcomes.keys()];
      expect(outcomeNames.filter((name) => name.startsWith('crash:'))).toEqual([]);
      expect(outcomes.get('invalid')).toBeGreaterThan(100);
    }, 120_000);
  }
});
