import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPathAcceptable, validateCertificatePath } from '../../src/crypto/x509/validate-path';
import { ensurePkitsData } from './fetch-pkits-data';
import { DEVIATIONS, expectedOutcome, isBeyondDefaultPolicySet } from './pkits-cases';
import { readPkitsMessage } from './read-pkits-message';

/**
 * NIST PKITS with the default settings, every case its signed messages cover (sections 4.1-4.16:
 * the default-policy set 4.1-4.14, delta-CRLs, private extensions). Each message carries the
 * path's certificates and CRLs; the trust anchor is "Trust Anchor Root Certificate"; the outcome
 * must be the one the case's name (or pkits-cases.ts) says, unless listed in DEVIATIONS.
 */
describe('NIST PKITS', () => {
  it('validates the default-policy cases as PKITS expects', { timeout: 300_000 }, async () => {
    const data = ensurePkitsData();
    const anchor = new Uint8Array(readFileSync(join(data, 'certs', 'TrustAnchorRootCertificate.crt')));
    const names = readdirSync(join(data, 'smime'))
      .filter((file) => file.endsWith('.eml'))
      .map((file) => file.replace(/^Signed/, '').replace(/\.eml$/, ''))
      .sort();
    const failures: string[] = [];
    const deviated: string[] = [];
    let passed = 0;
    const core = { passed: 0, total: 0 };
    for (const name of names) {
      const message = readPkitsMessage(readFileSync(join(data, 'smime', `Signed${name}.eml`), 'latin1'));
      // PKITS's certificates are valid 2010-2030: checking at the verification time.
      const now = new Date();
      const result = await validateCertificatePath({
        leaf: message.signer,
        candidates: message.certificates,
        trustAnchors: [anchor],
        crls: message.crls,
        time: now,
        now,
        purpose: 'any',
        revocationRequired: true,
      });
      const outcome = isPathAcceptable(result, true) ? 'valid' : 'invalid';
      const expected = expectedOutcome(name);
      if (!isBeyondDefaultPolicySet(name)) {
        core.total += 1;
        if (outcome === expected) core.passed += 1;
      }
      if (outcome === expected) passed += 1;
      else if (DEVIATIONS[name]) deviated.push(`${name}: ${DEVIATIONS[name]}`);
      else failures.push(`${name}: expected ${expected}, got ${outcome} [${result.problems.join(', ')}] ${result.details.join(' | ')}`);
    }
    console.log(`PKITS: ${passed} of ${names.length} passed (default-policy set 4.1-4.14: ${core.passed} of ${core.total})`);
    if (deviated.length > 0) console.log(`PKITS deviations:\n  ${deviated.join('\n  ')}`);
    expect(failures).toEqual([]);
  });
});
