/**
 * Path validation for every verification in the background (badge, decrypt frame, self-check,
 * compose recipient checks; DESIGN.md security model 5, issue 4 items 1-2): the engine's
 * `validateCertificatePathOnline` with the service worker's fetch behind the bounded wrapper (time
 * and size), each origin gated by its host permission, answers cached in IndexedDB until their
 * nextUpdate. Revocation that could not be learnt stays `revocation-unknown` (never silently
 * good); when the reason was a missing permission, `revocation-not-permitted` says so.
 */
import type { PathValidationInput, PathValidationResult } from '../../crypto/x509/validate-path';
import { createBoundedFetch, type FetchLimits } from '../../crypto/x509/revocation/fetch-bytes';
import { validateCertificatePathOnline } from '../../crypto/x509/revocation/validate-path-online';
import { readCertificateRecord } from '../../crypto/x509/certificate-record';
import type { SignetDatabase } from '../store/schema';
import { gateFetchByHostPermission } from './host-permission-gate';
import type { RevocationNetwork } from './revocation-network';
import { rememberWantedOrigins } from './revocation-setting';
import { createStoredRevocationCache } from './stored-revocation-cache';

/**
 * A badge waits for this: a few seconds per server at most, and no CRL bigger than real CAs
 * publish for mail (the largest public ones are a few MB).
 */
export const BACKGROUND_FETCH_LIMITS: FetchLimits = { timeoutMs: 5_000, maxBytes: 8 << 20 };

export type PathValidator = (input: PathValidationInput) => Promise<PathValidationResult>;

export function createOnlinePathValidator(database: SignetDatabase, network: RevocationNetwork, limits: FetchLimits = BACKGROUND_FETCH_LIMITS): PathValidator {
  const boundedFetch = createBoundedFetch(network.fetch, limits);
  const cache = createStoredRevocationCache(database);
  return async (input) => {
    const refused = new Set<string>();
    const fetchBytes = gateFetchByHostPermission(boundedFetch, network.permissions, (origin) => refused.add(origin));
    const result = await validateCertificatePathOnline(input, { fetch: fetchBytes, cache });
    if (refused.size > 0) {
      await rememberWantedOrigins(database, refused);
      if (!result.problems.includes('revocation-not-permitted')) result.problems.push('revocation-not-permitted');
      result.details.push(`revocation-not-permitted: no host permission for ${[...refused].join(', ')}`);
    }
    await keepFetchedIntermediates(database, input, result);
    return result;
  };
}

/**
 * Issue 4 item 2: a CA certificate fetched from caIssuers that ended up in a trusted path (so its
 * signature and the RFC 5280 §6.1 rules were checked) is kept as a known certificate until its
 * notAfter, for later verifications and offline ones.
 */
async function keepFetchedIntermediates(database: SignetDatabase, input: PathValidationInput, result: PathValidationResult): Promise<void> {
  if (!result.trusted || result.chain.length < 3) return;
  const given = new Set(await Promise.all([...input.candidates, ...input.trustAnchors].map(fingerprintOf)));
  const now = new Date();
  for (const der of result.chain.slice(1, -1)) {
    const record = await readCertificateRecord(der);
    if (given.has(record.fingerprint)) continue;
    await database.put('revocationCache', {
      url: `intermediate ${record.fingerprint}`,
      kind: 'intermediate',
      body: der,
      fetchedAt: now.toISOString(),
      nextUpdate: record.notAfter.toISOString(),
    });
  }
}

async function fingerprintOf(der: Uint8Array): Promise<string> {
  try {
    return (await readCertificateRecord(der)).fingerprint;
  } catch {
    return '';
  }
}
