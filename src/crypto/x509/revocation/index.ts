/**
 * Revocation and missing intermediates over an injected network (issue 4 items 1 and 2).
 * The background passes `createBoundedFetch(fetch)` and an IndexedDB-backed `RevocationCache`;
 * the CLI passes `createBoundedFetch(fetch)` and `createMemoryRevocationCache()`.
 */
export { validateCertificatePathOnline, type NetworkAccess } from './validate-path-online';
export { createBoundedFetch, limitFetch, isFetchableUrl, DEFAULT_FETCH_LIMITS, type FetchBytes, type FetchLimits, type PlatformFetch } from './fetch-bytes';
export { createMemoryRevocationCache, cacheKey, type RevocationCache } from './revocation-cache';
export { queryOcsp } from './query-ocsp';
export { fetchCrl } from './fetch-crl';
export { readFetchedCertificates } from './read-fetched-certificates';
export { collectNetworkOrigins } from './network-origins';
