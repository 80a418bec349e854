import { describe, expect, it } from 'vitest';
import { judgeRevocation } from './judge-revocation';

const signedAt = new Date('2026-03-01T00:00:00Z');
const before = new Date('2026-02-01T00:00:00Z');
const after = new Date('2026-04-01T00:00:00Z');

describe('judgeRevocation', () => {
  it('lets a signature made before a superseded, affiliationChanged or cessationOfOperation revocation stand', () => {
    for (const reason of ['superseded', 'affiliationChanged', 'cessationOfOperation']) {
      expect(judgeRevocation({ revokedAt: after, reason }, signedAt)).toEqual({ revoked: false, problem: 'revoked-after-signing-key-not-compromised' });
    }
  });

  it('counts a signature made after such a revocation as revoked', () => {
    expect(judgeRevocation({ revokedAt: before, reason: 'superseded' }, signedAt).problem).toBe('certificate-revoked');
  });

  it("never dates around a key compromise, a CA compromise or a revocation without a reason: the signing time is the signer's claim", () => {
    for (const reason of ['keyCompromise', 'cACompromise', undefined, 'unspecified', 'certificateHold', 'privilegeWithdrawn']) {
      expect(judgeRevocation({ revokedAt: after, reason }, signedAt).problem).toBe('certificate-revoked');
    }
  });

  it('counts a revocation as such when there is no signing time or no revocation date', () => {
    expect(judgeRevocation({ revokedAt: after, reason: 'superseded' }, undefined).revoked).toBe(true);
    expect(judgeRevocation({ reason: 'superseded' }, signedAt).revoked).toBe(true);
  });
});
