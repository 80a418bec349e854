import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import { isSignetError } from '../../shared/errors';
import { addIdentity, deleteIdentity, getDefaultIdentityId, listIdentityRecords, setDefaultIdentity } from './identities';
import { openSignetDatabase } from './open-database';
import type { IdentityRecord, SignetDatabase } from './schema';
import { identityRecordFromFixture } from './test-identity';
import { writeAtomically } from './write-atomically';

const freshDatabase = (): Promise<SignetDatabase> => openSignetDatabase(`signet-identities-test-${crypto.randomUUID()}`);

let jethro: IdentityRecord;
let ellieMay: IdentityRecord;

beforeAll(async () => {
  jethro = await identityRecordFromFixture('jethro.p12', '2026-01-01T00:00:00.000Z');
  ellieMay = await identityRecordFromFixture('ellie-may.p12', '2026-01-02T00:00:00.000Z');
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('storing digital IDs', () => {
  it('makes the first imported identity the default and keeps the default when a second one arrives', async () => {
    const database = await freshDatabase();
    expect(await addIdentity(database, jethro)).toEqual({ isDefault: true });
    expect(await addIdentity(database, ellieMay)).toEqual({ isDefault: false });
    expect(await getDefaultIdentityId(database)).toBe(jethro.id);
    await setDefaultIdentity(database, ellieMay.id);
    expect(await getDefaultIdentityId(database)).toBe(ellieMay.id);
  });

  it('refuses the same digital ID imported twice with duplicate-identity, keeping the first', async () => {
    const database = await freshDatabase();
    await addIdentity(database, jethro);
    const error = await rejection(addIdentity(database, { ...jethro, importedAt: '2026-02-02T00:00:00.000Z', friendlyName: 'again' }));
    expect(isSignetError(error, 'duplicate-identity')).toBe(true);
    const stored = await listIdentityRecords(database);
    expect(stored.map((record) => [record.id, record.importedAt])).toEqual([[jethro.id, jethro.importedAt]]);
  });

  it('leaves nothing stored when a write fails half-way', async () => {
    const database = await freshDatabase();
    // The identity is added, then a second request in the same transaction fails (same key).
    const failed = await rejection(
      writeAtomically(database, ['identities', 'settings'], async (transaction) => {
        await transaction.objectStore('settings').put(jethro.id, 'defaultIdentityId');
        await transaction.objectStore('identities').add(jethro);
        await transaction.objectStore('identities').add(jethro);
      }),
    );
    expect(isSignetError(failed, 'storage-failed')).toBe(true);
    expect(await database.count('identities')).toBe(0);
    expect(await database.get('settings', 'defaultIdentityId')).toBeUndefined();

    // The same when the code itself gives up after writing.
    const abandoned = await rejection(
      writeAtomically(database, ['identities'], async (transaction) => {
        await transaction.objectStore('identities').add(ellieMay);
        throw new Error('changed my mind');
      }),
    );
    expect(isSignetError(abandoned, 'storage-failed')).toBe(true);
    expect(await database.count('identities')).toBe(0);
  });

  it('hands the default to the oldest remaining identity when the default one is deleted, and to none after the last', async () => {
    const database = await freshDatabase();
    await addIdentity(database, jethro);
    await addIdentity(database, ellieMay);
    await deleteIdentity(database, jethro.id);
    expect(await getDefaultIdentityId(database)).toBe(ellieMay.id);
    await deleteIdentity(database, ellieMay.id);
    expect(await getDefaultIdentityId(database)).toBeUndefined();
    expect(await database.get('settings', 'defaultIdentityId')).toBeUndefined();
    expect(isSignetError(await rejection(deleteIdentity(database, ellieMay.id)), 'identity-not-found')).toBe(true);
  });

  it('gives back keys that are still non-extractable and still sign', async () => {
    const database = await freshDatabase();
    await addIdentity(database, ellieMay);
    const [stored] = await listIdentityRecords(database);
    expect(stored.keys.keyType).toBe('EC');
    if (stored.keys.keyType !== 'EC') return;
    expect(stored.keys.ecdsaSigningKey.extractable).toBe(false);
    const exported = await rejection(crypto.subtle.exportKey('pkcs8', stored.keys.ecdsaSigningKey));
    expect(exported).toBeInstanceOf(Error);
    const data = new TextEncoder().encode('100 tanker trucks');
    const signature = await createPrivateKeyHandle(stored.keys).sign('ECDSA', 'SHA-256', data);
    expect(signature[0]).toBe(0x30); // DER Ecdsa-Sig-Value
  });
});
