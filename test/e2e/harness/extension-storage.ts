import type { Page, WebWorker } from 'puppeteer-core';

/** Store name -> its keys: what "IndexedDB unchanged" is compared on. */
export type DatabaseSnapshot = Record<string, string[]>;

/**
 * Reads Signet's IndexedDB from an extension page (same origin as the service worker, so the
 * same database) without going through Signet's own code.
 */
export async function snapshotExtensionDatabase(page: Page): Promise<DatabaseSnapshot> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('signet');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const snapshot: Record<string, string[]> = {};
    for (const storeName of Array.from(database.objectStoreNames)) {
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const reading = database.transaction(storeName).objectStore(storeName).getAllKeys();
        reading.onsuccess = () => resolve(reading.result);
        reading.onerror = () => reject(reading.error);
      });
      snapshot[storeName] = keys.map(String).sort();
    }
    database.close();
    return snapshot;
  });
}

export interface KeyExportAttempt {
  identityId: string;
  path: string;
  algorithm: string;
  extractable: boolean;
  format: string;
  outcome: string;
}

/**
 * Inside the service worker: every CryptoKey stored in every identity record, and what happens
 * when code there tries to export it (pkcs8/jwk for private keys, raw/jwk for secret keys).
 */
export async function tryExportingStoredKeys(worker: WebWorker): Promise<KeyExportAttempt[]> {
  return worker.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('signet');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const records = await new Promise<{ id: string; keys: unknown }[]>((resolve, reject) => {
      const reading = database.transaction('identities').objectStore('identities').getAll();
      reading.onsuccess = () => resolve(reading.result);
      reading.onerror = () => reject(reading.error);
    });
    database.close();
    const attempts: KeyExportAttempt[] = [];
    const visit = async (identityId: string, value: unknown, path: string): Promise<void> => {
      if (value instanceof CryptoKey) {
        const formats = value.type === 'secret' ? ['raw', 'jwk'] : value.type === 'private' ? ['pkcs8', 'jwk'] : [];
        for (const format of formats) {
          let outcome: string;
          try {
            await crypto.subtle.exportKey(format as 'raw', value);
            outcome = 'exported';
          } catch (error) {
            outcome = `refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
          }
          attempts.push({ identityId, path, algorithm: value.algorithm.name, extractable: value.extractable, format, outcome });
        }
        return;
      }
      if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
        for (const [key, child] of Object.entries(value)) await visit(identityId, child, path === '' ? key : `${path}.${key}`);
      }
    };
    for (const record of records) await visit(record.id, record.keys, '');
    return attempts;
  });
}
