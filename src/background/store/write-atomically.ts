import type { IDBPTransaction } from 'idb';
import { SignetError, isSignetError } from '../../shared/errors';
import type { SignetDatabase, SignetSchema, SignetStoreName } from './schema';

export type WriteTransaction<Names extends SignetStoreName[]> = IDBPTransaction<SignetSchema, Names, 'readwrite'>;

/**
 * One logical write = one IndexedDB transaction (DESIGN.md security model 7): if `write` throws,
 * or any request in it fails, the transaction is aborted and nothing of it is stored.
 *
 * `write` may only await IndexedDB requests of `transaction`: awaiting anything else (crypto, the
 * network) lets the transaction commit early. Do that work before calling this.
 */
export async function writeAtomically<Names extends SignetStoreName[], Result>(
  database: SignetDatabase,
  storeNames: Names,
  write: (transaction: WriteTransaction<Names>) => Promise<Result>,
): Promise<Result> {
  const transaction = database.transaction(storeNames, 'readwrite');
  try {
    const result = await write(transaction);
    await transaction.done;
    return result;
  } catch (error) {
    abortQuietly(transaction);
    await transaction.done.catch(() => undefined);
    if (isSignetError(error)) throw error;
    throw new SignetError('storage-failed', `Signet could not save the change, and nothing was stored: ${describe(error)}`, {
      cause: error,
    });
  }
}

function abortQuietly(transaction: { abort(): void }): void {
  try {
    transaction.abort();
  } catch {
    // Already aborted by the failing request, or already finished: nothing left to undo.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
