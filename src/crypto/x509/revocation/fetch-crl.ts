import { decodePemBlocks, looksLikePem } from '../../encoding/pem';
import { SignetError } from '../../../shared/errors';
import { readCrlRecord } from '../crl-record';
import type { FetchBytes } from './fetch-bytes';
import { cacheKey, type RevocationCache } from './revocation-cache';

/**
 * A CRL from a distribution point URL (RFC 5280 §4.2.1.13), DER or PEM, from the cache while it
 * is current (until its nextUpdate). Its signature and scope are checked by the path validation,
 * not here: a forged CRL fetched here is reported `crl-invalid` there.
 */
export async function fetchCrl(url: string, fetchBytes: FetchBytes, cache: RevocationCache | undefined, now: Date): Promise<Uint8Array> {
  const key = cacheKey('crl', url);
  const cached = await cache?.get(key);
  if (cached) return cached;
  const body = await fetchBytes(url);
  const der = looksLikePem(body) ? decodePemBlocks(new TextDecoder('latin1').decode(body), 'X509 CRL')[0]?.der : body;
  if (!der) throw new SignetError('malformed-crl', `${url} serves no CRL`);
  const record = readCrlRecord(der, url); // throws malformed-crl for anything else
  if (cache && record.nextUpdate && record.nextUpdate > now) await cache.put(key, der, record.nextUpdate);
  return der;
}
