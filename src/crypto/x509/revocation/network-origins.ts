import { isSignetError } from '../../../shared/errors';
import { readCertificateRecord } from '../certificate-record';
import { isFetchableUrl } from './fetch-bytes';

/**
 * The origins revocation checking of these certificates would fetch from (OCSP responders, CRL
 * distribution points, freshest-CRL points, caIssuers), as match patterns ("http://host:port/*").
 * The extension asks for these optional host permissions when revocation checking first needs
 * them (issue 4 item 1), and can say which ones the user declined.
 */
export async function collectNetworkOrigins(certificates: Uint8Array[]): Promise<string[]> {
  const origins = new Set<string>();
  for (const der of certificates) {
    let record;
    try {
      record = await readCertificateRecord(der);
    } catch (error) {
      if (isSignetError(error)) continue;
      throw error;
    }
    const points = [...(record.extensions.crlDistributionPoints ?? []), ...(record.extensions.freshestCrl ?? [])];
    const urls = [
      ...record.extensions.ocspUrls,
      ...record.extensions.caIssuerUrls,
      ...points.flatMap((point) => point.fullNames.flatMap((name) => (name.kind === 'uniformResourceIdentifier' ? [name.value] : []))),
    ];
    for (const url of urls.filter(isFetchableUrl)) {
      try {
        const parsed = new URL(url);
        origins.add(`${parsed.protocol}//${parsed.host}/*`);
      } catch {
        // Not a URL: nothing to ask permission for.
      }
    }
  }
  return [...origins].sort();
}
