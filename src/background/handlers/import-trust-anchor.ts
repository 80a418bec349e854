import { summarizeCertificate } from '../../crypto/x509/certificate-summary';
import type { RequestOf, TrustAnchorSummary } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { addTrustAnchors } from '../store/trust-anchors';
import type { TrustAnchorRecord } from '../store/schema';
import { readCertificateFile } from '../trust/read-certificate-file';
import { toTrustAnchorSummary } from './record-summaries';
import { FILE_MAX_BYTES, requireBase64Bytes } from './request-fields';

/**
 * Trusts the certificates of a file (an organisation's root, DESIGN.md security model 4). Every
 * certificate is parsed before anything is stored; the answer lists the newly trusted ones
 * (certificates already trusted are left as they are).
 */
export async function handleImportTrustAnchor(
  request: RequestOf<'importTrustAnchor'>,
  context: HandlerContext,
): Promise<TrustAnchorSummary[]> {
  const file = requireBase64Bytes(request.fileBase64, 'fileBase64', FILE_MAX_BYTES);
  const importedAt = new Date().toISOString();
  const records: TrustAnchorRecord[] = [];
  for (const certificate of readCertificateFile(file)) {
    const summary = await summarizeCertificate(certificate);
    records.push({ id: summary.fingerprintSha256, certificate, summary, importedAt });
  }
  const added = await addTrustAnchors(await context.database(), records);
  return added.map(toTrustAnchorSummary);
}
