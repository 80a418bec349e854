import { describe, expect, test } from 'vitest';
import { encodeBase64 } from '../../crypto/encoding/base64';
import { handleGetContact } from './get-contact';
import { handleListContacts } from './list-contacts';
import { contextFor, storeWith, storyMessage } from './reading-handlers.test-support';
import { handleTrustSenderCertificate, handleUntrustSenderCertificate } from './trust-sender-certificate';
import { handleVerifyMessage } from './verify-message';

describe('trusting a sender directly (the trust-sender frame)', () => {
  test("the stranger is untrusted; once Ellie trusts his certificate, the same message is valid; untrusting undoes it", async () => {
    const database = await storeWith();
    const rawBase64 = encodeBase64(storyMessage('stranger-hello.eml'));
    const before = await handleVerifyMessage({ rawBase64 }, contextFor(database));
    expect(before.status).toBe('untrusted');
    const contactId = before.signers[0]?.certificate?.fingerprintSha256 ?? '';

    const shown = await handleGetContact({ contactId }, contextFor(database, { isExtensionPage: true }));
    expect(shown).toMatchObject({ emailAddresses: ['stranger@elsewhere.example'], explicitlyTrusted: false, lastStatus: 'untrusted' });

    expect(await handleTrustSenderCertificate({ contactId }, contextFor(database, { isExtensionPage: true }))).toMatchObject({ explicitlyTrusted: true });
    expect((await handleVerifyMessage({ rawBase64 }, contextFor(database))).status).toBe('valid');

    await handleUntrustSenderCertificate({ contactId }, contextFor(database, { isExtensionPage: true }));
    expect((await handleVerifyMessage({ rawBase64 }, contextFor(database))).status).toBe('untrusted');
  });

  test('trusting Bob’s certificate does not make his order with Jethro’s From valid: the address still has to match', async () => {
    const database = await storeWith();
    const rawBase64 = encodeBase64(storyMessage('bob-forged-order.eml'));
    const verdict = await handleVerifyMessage({ rawBase64 }, contextFor(database));
    await handleTrustSenderCertificate({ contactId: verdict.signers[0]?.certificate?.fingerprintSha256 ?? '' }, contextFor(database, { isExtensionPage: true }));
    expect((await handleVerifyMessage({ rawBase64 }, contextFor(database))).status).toBe('mismatch');
  });

  test('the contacts list marks the newest certificate per address for encryption', async () => {
    const database = await storeWith();
    await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('jethro-order.eml')) }, contextFor(database));
    const contacts = await handleListContacts({}, contextFor(database, { isExtensionPage: true }));
    expect(contacts).toEqual([expect.objectContaining({ emailAddresses: ['jethro@jedco.example'], preferredForEncryption: true })]);
  });

  test('an id that is not a fingerprint Signet knows is contact-not-found; a huge one is bad-request', async () => {
    const database = await storeWith();
    await expect(handleGetContact({ contactId: 'ab'.repeat(32) }, contextFor(database))).rejects.toMatchObject({ code: 'contact-not-found' });
    await expect(handleTrustSenderCertificate({ contactId: 'a'.repeat(1000) }, contextFor(database))).rejects.toMatchObject({ code: 'bad-request' });
  });
});
