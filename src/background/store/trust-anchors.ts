import { SignetError } from '../../shared/errors';
import type { SignetDatabase, TrustAnchorRecord } from './schema';
import { writeAtomically } from './write-atomically';

/**
 * Stores trust anchors from one file (a .p7b can hold several) in one transaction. Anchors already
 * present are kept as they are; the answer lists the new ones.
 */
export async function addTrustAnchors(database: SignetDatabase, records: TrustAnchorRecord[]): Promise<TrustAnchorRecord[]> {
  return writeAtomically(database, ['trustAnchors'], async (transaction) => {
    const store = transaction.objectStore('trustAnchors');
    const added: TrustAnchorRecord[] = [];
    for (const record of records) {
      if ((await store.getKey(record.id)) !== undefined) continue;
      await store.add(record);
      added.push(record);
    }
    return added;
  });
}

export async function listTrustAnchorRecords(database: SignetDatabase): Promise<TrustAnchorRecord[]> {
  const records = await database.getAll('trustAnchors');
  return records.sort((left, right) => left.importedAt.localeCompare(right.importedAt));
}

export async function deleteTrustAnchor(database: SignetDatabase, anchorId: string): Promise<void> {
  await writeAtomically(database, ['trustAnchors'], async (transaction) => {
    const store = transaction.objectStore('trustAnchors');
    if ((await store.getKey(anchorId)) === undefined) {
      throw new SignetError('anchor-not-found', 'That trust anchor is not (or no longer) stored in Signet.');
    }
    await store.delete(anchorId);
  });
}
