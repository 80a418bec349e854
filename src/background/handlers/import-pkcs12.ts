import { zeroBytes } from '../../crypto/encoding/bytes';
import { importIdentityKeys } from '../../crypto/keys/identity-keys';
import { readPkcs12 } from '../../crypto/pkcs12/read-pkcs12';
import { summarizeCertificate } from '../../crypto/x509/certificate-summary';
import type { IdentitySummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { addIdentity } from '../store/identities';
import type { IdentityRecord } from '../store/schema';
import { toIdentitySummary } from './record-summaries';
import { FILE_MAX_BYTES, requireBase64Bytes, requireString } from './request-fields';

/**
 * Imports a digital ID (RFC 7292). Everything that can fail (MAC and password, parsing, the
 * key/certificate match, key import) happens before the one write, so a bad file stores nothing.
 */
export async function handleImportPkcs12(request: RequestOf<'importPkcs12'>, context: HandlerContext): Promise<IdentitySummary> {
  const file = requireBase64Bytes(request.fileBase64, 'fileBase64', FILE_MAX_BYTES);
  const password = requireString(request.password, 'password', 1024);
  const digitalId = await readPkcs12(file, password);
  const [leaf] = digitalId.certificates;
  let record: IdentityRecord;
  try {
    const summary = await summarizeCertificate(leaf);
    record = {
      id: summary.fingerprintSha256,
      friendlyName: digitalId.friendlyName,
      certificates: digitalId.certificates,
      summary,
      emailAddresses: summary.emailAddresses,
      keyType: digitalId.keyType,
      keySizeBits: digitalId.keySizeBits,
      namedCurve: digitalId.namedCurve,
      keys: await importIdentityKeys(digitalId),
      importedAt: new Date().toISOString(),
    };
  } finally {
    // The clear PKCS#8 lives on only wrapped inside `keys` (security model 1).
    zeroBytes(digitalId.privateKeyPkcs8);
  }
  const { isDefault } = await addIdentity(await context.database(), record);
  return toIdentitySummary(record, isDefault ? record.id : undefined);
}
