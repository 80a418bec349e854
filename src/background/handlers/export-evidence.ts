import { encodeBase64 } from '../../crypto/encoding/base64';
import { SignetError } from '../../shared/errors';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { buildEvidenceDocument, getEvidenceRecord } from '../store/evidence';
import { requireString } from './request-fields';

/**
 * One message's evidence for download (issue 5 item 6): a JSON document with every verification,
 * the signer's certificate, the chain and revocation answers, and the raw message as base64; and
 * the raw message itself as an .eml that any S/MIME client (or `openssl cms -verify`) can check.
 */
export async function handleExportEvidence(
  request: RequestOf<'exportEvidence'>,
  context: HandlerContext,
): Promise<ResponseOf<'exportEvidence'>> {
  const messageKey = requireString(request.messageKey, 'messageKey', 64);
  const record = await getEvidenceRecord(await context.database(), messageKey);
  if (!record.rawMessage) throw new SignetError('bad-request', 'Signet kept the verdict of that message but not the message itself.');
  const document = buildEvidenceDocument(record, new Date().toISOString());
  const baseName = `signet-evidence-${messageKey.slice(0, 16)}`;
  return {
    fileName: `${baseName}.json`,
    json: JSON.stringify(document, null, 2),
    emlFileName: `${baseName}.eml`,
    rawBase64: encodeBase64(record.rawMessage),
  };
}
