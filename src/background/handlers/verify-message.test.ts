import { describe, expect, test } from 'vitest';
import { encodeBase64 } from '../../crypto/encoding/base64';
import { listContactRecords } from '../store/contacts';
import { listEvidenceRecords } from '../store/evidence';
import { contextFor, storeWith, storyMessage } from './reading-handlers.test-support';
import { handleVerifyMessage } from './verify-message';

describe('verifyMessage from a webmail tab', () => {
  test("Jethro's signed order is valid, and his certificate becomes a contact and the verdict evidence", async () => {
    const database = await storeWith();
    const raw = storyMessage('jethro-order.eml');
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(raw), messageId: 'msg-f:1' }, contextFor(database));
    expect(verdict.status).toBe('valid');
    const contacts = await listContactRecords(database);
    expect(contacts.map((contact) => [contact.emailAddresses, contact.lastStatus])).toEqual([[['jethro@jedco.example'], 'valid']]);
    expect(contacts[0].capabilities.length).toBeGreaterThan(0);
    const evidence = await listEvidenceRecords(database);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ messageId: 'msg-f:1', rawMessage: raw });
  });

  test('without the Jed Co root the same order is untrusted: the certificate is still harvested, with that status', async () => {
    const database = await storeWith();
    await database.clear('trustAnchors');
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('jethro-order.eml')) }, contextFor(database));
    expect(verdict.status).toBe('untrusted');
    expect((await listContactRecords(database))[0].lastStatus).toBe('untrusted');
  });

  test('the tampered order is invalid and harvests nothing, but is kept as evidence', async () => {
    const database = await storeWith();
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('tampered-order.eml')) }, contextFor(database));
    expect(verdict.status).toBe('invalid');
    expect(await listContactRecords(database)).toEqual([]);
    expect((await listEvidenceRecords(database)).map((record) => record.verdict.status)).toEqual(['invalid']);
  });

  test('an unsigned order is unsigned and leaves no trace', async () => {
    const database = await storeWith();
    const verdict = await handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('unsigned-order.eml')) }, contextFor(database));
    expect(verdict.status).toBe('unsigned');
    expect(await listEvidenceRecords(database)).toEqual([]);
  });

  test('a request that is not base64, or an overlong message id, is refused as bad-request', async () => {
    const database = await storeWith();
    await expect(handleVerifyMessage({ rawBase64: '***' }, contextFor(database))).rejects.toMatchObject({ code: 'bad-request' });
    await expect(
      handleVerifyMessage({ rawBase64: encodeBase64(storyMessage('unsigned-order.eml')), messageId: 'x'.repeat(500) }, contextFor(database)),
    ).rejects.toMatchObject({ code: 'bad-request' });
  });
});
