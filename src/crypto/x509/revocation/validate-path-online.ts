import type { RevocationAnswer } from '../../verdict';
import { isSignetError } from '../../../shared/errors';
import { readCertificateRecord, type CertificateRecord } from '../certificate-record';
import { namesEqual } from '../distinguished-name';
import { validateCertificatePath, type PathValidationInput, type PathValidationResult } from '../validate-path';
import { fetchCrl } from './fetch-crl';
import { isFetchableUrl, type FetchBytes } from './fetch-bytes';
import { queryOcsp } from './query-ocsp';
import { readFetchedCertificates } from './read-fetched-certificates';
import { cacheKey, type RevocationCache } from './revocation-cache';

/**
 * Path validation with the network (issue 4 items 1 and 2): missing intermediates from the AIA
 * caIssuers of the certificates (RFC 5280 §4.2.2.1), then for each certificate of the path the
 * OCSP responder of its AIA (RFC 6960) and, when that gives no answer, its CRL distribution
 * points (§4.2.1.13). Every fetch goes through the injected `fetch`; every failure becomes an
 * `unknown` answer (so `revocation-unknown`), never a silent "good".
 */
export interface NetworkAccess {
  fetch: FetchBytes;
  cache?: RevocationCache;
  /** At most this many fetches per validation (a path of 3 needs about 4). */
  maxFetches?: number;
}

const ISSUER_CACHE_MS = 24 * 60 * 60_000;
const MAX_AIA_HOPS = 4;

export async function validateCertificatePathOnline(input: PathValidationInput, network: NetworkAccess): Promise<PathValidationResult> {
  const now = input.now ?? new Date();
  let fetchesLeft = network.maxFetches ?? 12;
  const fetchBounded: FetchBytes = (url, init) => {
    if (fetchesLeft <= 0) return Promise.reject(new Error('too many fetches for one verification'));
    fetchesLeft -= 1;
    return network.fetch(url, init);
  };
  const offlineInput: PathValidationInput = { ...input, revocationRequired: false };
  let result = await validateCertificatePath(offlineInput);
  let candidates = input.candidates;

  if (result.trustedBy !== 'anchor') {
    const fetched = await fetchMissingIssuers(input.leaf, candidates, fetchBounded, network.cache, now);
    if (fetched.length > 0) {
      candidates = [...candidates, ...fetched];
      result = await validateCertificatePath({ ...offlineInput, candidates });
    }
  }

  const chain = await Promise.all(result.chain.map((der) => readCertificateRecord(der)));
  const anchorFingerprints = new Set((await Promise.all(input.trustAnchors.map(fingerprintOrNothing))).filter(Boolean));
  const answers: RevocationAnswer[] = [];
  const fetchedCrls: { der: Uint8Array; location: string }[] = [];
  for (const [position, certificate] of chain.entries()) {
    const issuer = chain[position + 1];
    if (anchorFingerprints.has(certificate.fingerprint) || !issuer) continue;
    const ocspAnswer = await askOcsp(certificate, issuer, fetchBounded, network.cache, now);
    if (ocspAnswer) answers.push(ocspAnswer);
    if (ocspAnswer && ocspAnswer.status !== 'unknown') continue;
    for (const url of crlUrls(certificate)) {
      try {
        fetchedCrls.push({ der: await fetchCrl(url, fetchBounded, network.cache, now), location: url });
      } catch (error) {
        answers.push({ certificateFingerprint: certificate.fingerprint, source: 'crl', location: url, status: 'unknown', detail: describe(error) });
      }
    }
  }
  return validateCertificatePath({
    ...input,
    candidates,
    fetchedCrls,
    now,
    revocationRequired: input.revocationRequired ?? true,
    additionalRevocation: [...(input.additionalRevocation ?? []), ...answers],
  });
}

async function askOcsp(
  certificate: CertificateRecord,
  issuer: CertificateRecord,
  fetchBytes: FetchBytes,
  cache: RevocationCache | undefined,
  now: Date,
): Promise<RevocationAnswer | undefined> {
  const url = certificate.extensions.ocspUrls.find(isFetchableUrl);
  if (!url) return undefined;
  try {
    return await queryOcsp(certificate, issuer, url, fetchBytes, cache, now);
  } catch (error) {
    return { certificateFingerprint: certificate.fingerprint, source: 'ocsp', location: url, status: 'unknown', detail: describe(error) };
  }
}

/** Its CRL distribution points, then its freshest-CRL points (delta-CRLs, §4.2.1.15). */
function crlUrls(certificate: CertificateRecord): string[] {
  const points = [...(certificate.extensions.crlDistributionPoints ?? []), ...(certificate.extensions.freshestCrl ?? [])];
  const urls = points.flatMap((point) =>
    point.fullNames.flatMap((name) => (name.kind === 'uniformResourceIdentifier' && isFetchableUrl(name.value) ? [name.value] : [])),
  );
  return [...new Set(urls)].slice(0, 3);
}

/**
 * Follows caIssuers from the leaf upwards while the issuer is missing: each fetched certificate
 * is only a candidate; the path builder checks its signature and the §6.1 rules before use.
 */
async function fetchMissingIssuers(
  leafDer: Uint8Array,
  known: Uint8Array[],
  fetchBytes: FetchBytes,
  cache: RevocationCache | undefined,
  now: Date,
): Promise<Uint8Array[]> {
  const fetched: Uint8Array[] = [];
  let current: CertificateRecord = await readCertificateRecord(leafDer);
  for (let hop = 0; hop < MAX_AIA_HOPS && !current.selfIssued; hop += 1) {
    const url = current.extensions.caIssuerUrls.find(isFetchableUrl);
    if (!url) break;
    let certificates: Uint8Array[];
    try {
      certificates = readFetchedCertificates(await fetchIssuerBytes(url, fetchBytes, cache, now));
    } catch {
      break;
    }
    const records = (await Promise.all(certificates.map(recordOrNothing))).filter((record): record is CertificateRecord => record !== undefined);
    const knownRecords = (await Promise.all(known.map(recordOrNothing))).filter((record): record is CertificateRecord => record !== undefined);
    const next = records.find((record) => sameName(record, current));
    fetched.push(...records.map((record) => record.der));
    if (!next || knownRecords.some((record) => record.fingerprint === next.fingerprint)) break;
    current = next;
  }
  return fetched;
}

async function fetchIssuerBytes(url: string, fetchBytes: FetchBytes, cache: RevocationCache | undefined, now: Date): Promise<Uint8Array> {
  const key = cacheKey('issuer', url);
  const cached = await cache?.get(key);
  if (cached) return cached;
  const bytes = await fetchBytes(url);
  await cache?.put(key, bytes, new Date(now.getTime() + ISSUER_CACHE_MS));
  return bytes;
}

function sameName(candidate: CertificateRecord, subject: CertificateRecord): boolean {
  return namesEqual(candidate.subject, subject.issuer);
}

async function recordOrNothing(der: Uint8Array): Promise<CertificateRecord | undefined> {
  try {
    return await readCertificateRecord(der);
  } catch (error) {
    if (isSignetError(error)) return undefined;
    throw error;
  }
}

async function fingerprintOrNothing(der: Uint8Array): Promise<string | undefined> {
  return (await recordOrNothing(der))?.fingerprint;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
