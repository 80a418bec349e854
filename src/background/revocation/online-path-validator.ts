/**
 * Path validation for every verification in the background (badge, decrypt frame, self-check,
 * compose recipient checks; DESIGN.md security model 5, issue 4 items 1-2): the engine's
 * `validateCertificatePathOnline` with the service worker's fetch behind the bounded wrapper (time
 * and size), each origin gated by its host permission, answers cached in IndexedDB until their
 * nextUpdate. Revocation that could not be learnt stays `revocation-unknown` (never silently
 * good); when the reason was a missing permission, `revocation-not-permitted` says so.
 */
import type { PathValidationInput, PathValidationResult } from '../../crypto/x509/validate-path';
import { createBoundedFetch, limitFetch, type FetchBytes, type FetchLimits } from '../../crypto/x509/revocation/fetch-bytes';
import { SignetError } from '../../shared/errors';
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

/**
 * All the fetches of one path validation together (OCSP, CRLs and caIssuers for each certificate,
 * up to a dozen) get this long: servers that each answer just under the per-fetch limit can't
 * keep a badge waiting for a minute. What is left unasked is reported unknown.
 */
export const VALIDATION_BUDGET_MS = 12_000;

export type PathValidator = (input: PathValidationInput) => Promise<PathValidationResult>;

export function createOnlinePathValidator(
  database: SignetDatabase,
  network: RevocationNetwork,
  limits: FetchLimits = BACKGROUND_FETCH_LIMITS,
  budgetMs: number = VALIDATION_BUDGET_MS,
): PathValidator {
  const boundedFetch = createBoundedFetch(network.fetch, limits);
  const cache = createStoredRevocationCache(database);
  return async (input) => {
    const refused = new Set<string>();
    const budgeted = withinBudget(boundedFetch, Date.now() + budgetMs, limits);
    const fetchBytes = gateFetchByHostPermission(budgeted, network.permissions, (origin) => refused.add(origin));
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

/** Each fetch gets what is left of the validation's time, and none is started once it is spent. */
function withinBudget(inner: FetchBytes, deadline: number, limits: FetchLimits): FetchBytes {
  return (url, init) => {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new SignetError('timed-out', `${url} not asked: this verification's time for the network is spent`));
    return limitFetch(inner, { timeoutMs: Math.min(left, limits.timeoutMs), maxBytes: limits.maxBytes })(url, init);
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
