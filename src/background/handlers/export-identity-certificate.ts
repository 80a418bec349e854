import { encodeBase64 } from '../../crypto/encoding/base64';
import { encodePem } from '../../crypto/encoding/pem';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { getIdentityRecord } from '../store/identities';
import { ID_MAX_LENGTH, requireOneOf, requireString } from './request-fields';

/**
 * The public certificate, to hand to correspondents: PEM (RFC 7468 §5) or DER as a .cer, the
 * form Windows and Outlook import.
 */
export async function handleExportIdentityCertificate(
  request: RequestOf<'exportIdentityCertificate'>,
  context: HandlerContext,
): Promise<ResponseOf<'exportIdentityCertificate'>> {
  const identityId = requireString(request.identityId, 'identityId', ID_MAX_LENGTH);
  const format = requireOneOf(request.format, 'format', ['pem', 'der'] as const);
  const record = await getIdentityRecord(await context.database(), identityId);
  const [leaf] = record.certificates;
  const baseName = fileBaseName(record.emailAddresses[0] ?? record.summary.subject);
  if (format === 'pem') {
    return { fileName: `${baseName}.pem`, mediaType: 'application/x-pem-file', pem: encodePem('CERTIFICATE', leaf) };
  }
  return { fileName: `${baseName}.cer`, mediaType: 'application/pkix-cert', derBase64: encodeBase64(leaf) };
}

function fileBaseName(label: string): string {
  const safe = label.replace(/[^A-Za-z0-9@._-]+/g, '-').replace(/^-+|-+$/g, '');
  return safe === '' ? 'certificate' : safe.slice(0, 80);
}
