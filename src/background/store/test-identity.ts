import { readFileSync } from 'node:fs';
import { importIdentityKeys } from '../../crypto/keys/identity-keys';
import { readPkcs12 } from '../../crypto/pkcs12/read-pkcs12';
import { summarizeCertificate } from '../../crypto/x509/certificate-summary';
import type { IdentityRecord } from './schema';

/** An identity record built the way the import handler builds it, from a generated fixture. */
export async function identityRecordFromFixture(fileName: string, importedAt: string): Promise<IdentityRecord> {
  const file = new Uint8Array(readFileSync(new URL(`../../../test/fixtures/generated/${fileName}`, import.meta.url)));
  const digitalId = await readPkcs12(file, 'correct horse');
  const summary = await summarizeCertificate(digitalId.certificates[0]);
  return {
    id: summary.fingerprintSha256,
    friendlyName: digitalId.friendlyName,
    certificates: digitalId.certificates,
    summary,
    emailAddresses: summary.emailAddresses,
    keyType: digitalId.keyType,
    keySizeBits: digitalId.keySizeBits,
    namedCurve: digitalId.namedCurve,
    keys: await importIdentityKeys(digitalId),
    importedAt,
  };
}
