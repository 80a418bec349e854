import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openSignetDatabase } from './open-database';
import { SCHEMA_VERSION } from './schema';
import { identityRecordFromFixture } from './test-identity';

const uniqueName = () => `signet-schema-test-${crypto.randomUUID()}`;

describe('the store schema', () => {
  it('creates the six stores with their e-mail indexes on a fresh install', async () => {
    const database = await openSignetDatabase(uniqueName());
    expect(database.version).toBe(SCHEMA_VERSION);
    expect([...database.objectStoreNames].sort()).toEqual(
      ['contacts', 'evidence', 'identities', 'revocationCache', 'settings', 'trustAnchors'].sort(),
    );
    const transaction = database.transaction(['identities', 'contacts']);
    expect([...transaction.objectStore('identities').indexNames]).toEqual(['byEmail']);
    expect([...transaction.objectStore('contacts').indexNames]).toEqual(['byEmail']);
    database.close();
  });

  it('upgrades a version 1 database to version 2, keeping its identities and making them findable by address', async () => {
    const name = uniqueName();
    const jethro = await identityRecordFromFixture('jethro.p12', '2026-01-01T00:00:00.000Z');
    // A v1 record: addresses only inside the summary, written by the v1 schema.
    const { emailAddresses: _notInVersion1, ...jethroVersion1 } = jethro;
    const version1 = await openSignetDatabase(name, 1);
    expect(version1.objectStoreNames.contains('identities')).toBe(true);
    expect([...version1.transaction('identities').objectStore('identities').indexNames]).toEqual([]);
    version1.close();
    const raw = await openDB(name);
    await raw.put('identities', jethroVersion1);
    await raw.put('settings', jethro.id, 'defaultIdentityId');
    raw.close();

    const upgraded = await openSignetDatabase(name);
    expect(upgraded.version).toBe(2);
    const found = await upgraded.getAllFromIndex('identities', 'byEmail', 'jethro@jedco.example');
    expect(found.map((record) => record.id)).toEqual([jethro.id]);
    expect(found[0].emailAddresses).toEqual(['jethro@jedco.example']);
    expect(await upgraded.get('settings', 'defaultIdentityId')).toBe(jethro.id);
    // The keys survived the upgrade as non-extractable CryptoKeys.
    const keys = found[0].keys;
    expect(keys.keyType).toBe('RSA');
    if (keys.keyType === 'RSA') expect(keys.pkcs1v15SigningKeys['SHA-256'].extractable).toBe(false);
    upgraded.close();
  });
});
