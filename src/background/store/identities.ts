import { SignetError } from '../../shared/errors';
import type { IdentityRecord, SignetDatabase } from './schema';
import { writeAtomically } from './write-atomically';

/**
 * Stores a new digital ID. One transaction over identities and settings: the record and, for the
 * first identity, the default-identity setting are stored together or not at all. The same
 * certificate imported twice is refused rather than silently replaced, so a re-import can never
 * swap the keys behind an identity the user already relies on.
 */
export async function addIdentity(database: SignetDatabase, record: IdentityRecord): Promise<{ isDefault: boolean }> {
  return writeAtomically(database, ['identities', 'settings'], async (transaction) => {
    const identities = transaction.objectStore('identities');
    const existing = await identities.get(record.id);
    if (existing) {
      throw new SignetError(
        'duplicate-identity',
        `This digital ID (${record.summary.subject}) is already imported. Delete it first to import it again.`,
      );
    }
    await identities.add(record);
    const settings = transaction.objectStore('settings');
    const defaultIdentityId = await settings.get('defaultIdentityId');
    if (defaultIdentityId !== undefined && (await identities.getKey(defaultIdentityId)) !== undefined) {
      return { isDefault: false };
    }
    await settings.put(record.id, 'defaultIdentityId');
    return { isDefault: true };
  });
}

export async function listIdentityRecords(database: SignetDatabase): Promise<IdentityRecord[]> {
  const records = await database.getAll('identities');
  return records.sort((left, right) => left.importedAt.localeCompare(right.importedAt));
}

export async function getIdentityRecord(database: SignetDatabase, identityId: string): Promise<IdentityRecord> {
  const record = await database.get('identities', identityId);
  if (!record) throw new SignetError('identity-not-found', 'That digital ID is not (or no longer) stored in Signet.');
  return record;
}

export async function getDefaultIdentityId(database: SignetDatabase): Promise<string | undefined> {
  const identityId = await database.get('settings', 'defaultIdentityId');
  if (identityId === undefined) return undefined;
  return (await database.getKey('identities', identityId)) === undefined ? undefined : identityId;
}

/** The named identity, or the default one; refuses clearly when there is none. */
export async function resolveIdentityRecord(database: SignetDatabase, identityId?: string): Promise<IdentityRecord> {
  if (identityId !== undefined) return getIdentityRecord(database, identityId);
  const defaultIdentityId = await getDefaultIdentityId(database);
  if (defaultIdentityId === undefined) {
    throw new SignetError('identity-not-found', 'No digital ID is imported yet: import one on the Signet management page.');
  }
  return getIdentityRecord(database, defaultIdentityId);
}

export async function setDefaultIdentity(database: SignetDatabase, identityId: string): Promise<void> {
  await writeAtomically(database, ['identities', 'settings'], async (transaction) => {
    if ((await transaction.objectStore('identities').getKey(identityId)) === undefined) {
      throw new SignetError('identity-not-found', 'That digital ID is not (or no longer) stored in Signet.');
    }
    await transaction.objectStore('settings').put(identityId, 'defaultIdentityId');
  });
}

/**
 * Deletes an identity and its keys. If it was the default, the oldest remaining identity becomes
 * the default (or none), in the same transaction.
 */
export async function deleteIdentity(database: SignetDatabase, identityId: string): Promise<void> {
  await writeAtomically(database, ['identities', 'settings'], async (transaction) => {
    const identities = transaction.objectStore('identities');
    if ((await identities.getKey(identityId)) === undefined) {
      throw new SignetError('identity-not-found', 'That digital ID is not (or no longer) stored in Signet.');
    }
    await identities.delete(identityId);
    const settings = transaction.objectStore('settings');
    if ((await settings.get('defaultIdentityId')) !== identityId) return;
    const remaining = (await identities.getAll()).sort((left, right) => left.importedAt.localeCompare(right.importedAt));
    const successor = remaining[0];
    if (successor) await settings.put(successor.id, 'defaultIdentityId');
    else await settings.delete('defaultIdentityId');
  });
}
