/**
 * The digital ID for a From address: the one whose certificate carries it (RFC 8550 §3: the
 * signer's address must be in the certificate), the default identity first when several do.
 * Gmail send-as aliases work the same way: each alias is a From address and needs its own
 * certificate.
 */
import type { IdentityRecord, SignetDatabase } from '../store/schema';
import { getDefaultIdentityId } from '../store/identities';

export async function findIdentityForAddress(database: SignetDatabase, address: string): Promise<IdentityRecord | undefined> {
  const wanted = address.trim().toLowerCase();
  if (wanted === '') return undefined;
  const [records, defaultId] = await Promise.all([database.getAllFromIndex('identities', 'byEmail', wanted), getDefaultIdentityId(database)]);
  return records.find((record) => record.id === defaultId) ?? records.sort((left, right) => right.importedAt.localeCompare(left.importedAt))[0];
}
