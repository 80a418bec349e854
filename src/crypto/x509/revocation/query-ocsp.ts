import type { RevocationAnswer } from '../../verdict';
import type { CertificateRecord } from '../certificate-record';
import { toHex } from '../certificate-record';
import type { FetchBytes } from './fetch-bytes';
import { buildOcspRequest, identifyCertificate } from './ocsp-request';
import { judgeOcspResponse, MAX_AGE_WITHOUT_NEXT_UPDATE_MS } from './ocsp-response';
import { cacheKey, type RevocationCache } from './revocation-cache';

/**
 * Asks the certificate's OCSP responder (RFC 6960, POST of application/ocsp-request, appendix
 * A.1) and turns the answer into a RevocationAnswer. A response is cached until its nextUpdate
 * and judged again when read back (signature, freshness), so a cache can't make a bad answer good.
 */
export async function queryOcsp(
  certificate: CertificateRecord,
  issuer: CertificateRecord,
  url: string,
  fetchBytes: FetchBytes,
  cache: RevocationCache | undefined,
  now: Date,
): Promise<RevocationAnswer> {
  const identity = await identifyCertificate(certificate, issuer);
  const key = cacheKey('ocsp', toHex(identity.issuerKeyHash), toHex(identity.serialNumber));
  const base = { certificateFingerprint: certificate.fingerprint, source: 'ocsp' as const, location: url };
  const cached = await cache?.get(key);
  if (cached) {
    const verdict = await judgeOcspResponse(cached, identity, issuer, now);
    if (verdict.status !== 'unknown') return toAnswer(base, verdict);
  }
  const nonce = crypto.getRandomValues(new Uint8Array(16));
  const response = await fetchBytes(url, { method: 'POST', body: buildOcspRequest(identity, nonce), contentType: 'application/ocsp-request' });
  const verdict = await judgeOcspResponse(response, identity, issuer, now, nonce);
  if (cache && verdict.status !== 'unknown') {
    const expiresAt = verdict.nextUpdate ?? new Date(verdict.thisUpdate.getTime() + MAX_AGE_WITHOUT_NEXT_UPDATE_MS);
    await cache.put(key, response, expiresAt);
  }
  return toAnswer(base, verdict);
}

function toAnswer(
  base: Pick<RevocationAnswer, 'certificateFingerprint' | 'source' | 'location'>,
  verdict: Awaited<ReturnType<typeof judgeOcspResponse>>,
): RevocationAnswer {
  if (verdict.status === 'unknown') return { ...base, status: 'unknown', detail: verdict.detail };
  if (verdict.status === 'good') return { ...base, status: 'good', detail: `Good as of ${verdict.thisUpdate.toISOString()}` };
  return {
    ...base,
    status: 'revoked',
    revocationTime: verdict.revokedAt.toISOString(),
    revocationReason: verdict.reason,
    detail: `Revoked on ${verdict.revokedAt.toISOString()}${verdict.reason ? ` (${verdict.reason})` : ''}`,
  };
}
