import { openSignetDatabase } from './open-database';
import type { SignetDatabase } from './schema';

/**
 * One connection per service-worker life, opened on first use. The worker is stopped whenever it
 * is idle, so nothing is kept here that IndexedDB doesn't also hold.
 */
export function createDatabaseConnection(name?: string): () => Promise<SignetDatabase> {
  let opening: Promise<SignetDatabase> | undefined;
  return () => {
    opening ??= openSignetDatabase(name).then(
      (database) => {
        // Closed under us (an upgrade from a newer version, storage cleared): reopen next time.
        database.addEventListener('close', () => (opening = undefined));
        return database;
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };
}
