import { openDB } from 'idb';
import { SignetError } from '../../shared/errors';
import { DATABASE_NAME, SCHEMA_VERSION, upgradeSchema, type SignetDatabase } from './schema';

/**
 * Opens (creating or upgrading) Signet's database. `version` is for the upgrade test only: the
 * extension always opens the current schema.
 */
export async function openSignetDatabase(name = DATABASE_NAME, version = SCHEMA_VERSION): Promise<SignetDatabase> {
  try {
    return await openDB(name, version, {
      upgrade: (database, oldVersion, newVersion, transaction) => {
        // idb does not await an upgrade callback, but every request in it belongs to the
        // versionchange transaction, which must finish before `openDB` resolves; a failed step
        // aborts it, so the database stays at its old version and `openDB` rejects.
        upgradeSchema(database, oldVersion, newVersion ?? version, transaction).catch(() => transaction.abort());
      },
      blocking: (_currentVersion, _blockedVersion, event) => {
        // A newer Signet (after an update) wants to upgrade: let it.
        const target = event.target;
        if (target instanceof IDBDatabase) target.close();
      },
    });
  } catch (error) {
    throw new SignetError('storage-failed', `Signet could not open its storage: ${String(error)}`, { cause: error });
  }
}
