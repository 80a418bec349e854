import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { decodeBase64 } from '../../crypto/encoding/base64';
import type { Verdict } from '../../crypto/verdict';
import { buildEvidenceDocument, getEvidenceRecord, listEvidenceRecords, messageKeyOf, recordEvidence } from './evidence';
import { openSignetDatabase } from './open-database';

const order = new TextEncoder().encode('From: jethro@jedco.example\r\nSubject: Order\r\n\r\nplease ship 100 units\r\n');
const valid: Verdict = { status: 'valid', signers: [], problems: [], layers: [], revocation: [], fromAddress: 'jethro@jedco.example' };
const unsigned: Verdict = { status: 'unsigned', signers: [], problems: ['no-signature'], layers: [], revocation: [] };

async function freshDatabase() {
  return openSignetDatabase(`evidence-test-${crypto.randomUUID()}`);
}

describe('keeping evidence of verdicts', () => {
  test('a verified order is kept with the message exactly as received and the webmail’s id', async () => {
    const database = await freshDatabase();
    await recordEvidence(database, { raw: order, messageId: 'msg-f:1', verdict: valid, verifiedAt: '2026-11-28T10:00:00.000Z' });
    const record = await getEvidenceRecord(database, await messageKeyOf(order));
    expect(record.rawMessage).toEqual(order);
    expect(record.messageId).toBe('msg-f:1');
    expect(record.verifications).toEqual([{ verifiedAt: '2026-11-28T10:00:00.000Z', status: 'valid', revocation: [] }]);
  });

  test('opening the same message again adds a verification instead of a second copy', async () => {
    const database = await freshDatabase();
    await recordEvidence(database, { raw: order, verdict: valid, verifiedAt: '2026-11-28T10:00:00.000Z' });
    await recordEvidence(database, { raw: order, verdict: { ...valid, status: 'revoked' }, verifiedAt: '2026-11-29T10:00:00.000Z' });
    const records = await listEvidenceRecords(database);
    expect(records).toHaveLength(1);
    expect(records[0].verifications?.map((entry) => entry.status)).toEqual(['valid', 'revoked']);
    expect(records[0].verdict.status).toBe('revoked');
  });

  test('unsigned mail proves nothing about anyone and is not kept', async () => {
    const database = await freshDatabase();
    await recordEvidence(database, { raw: order, verdict: unsigned, verifiedAt: '2026-11-28T10:00:00.000Z' });
    expect(await listEvidenceRecords(database)).toEqual([]);
  });

  test('the exported document carries the raw message, so it can be checked again without Signet', async () => {
    const database = await freshDatabase();
    await recordEvidence(database, { raw: order, verdict: valid, verifiedAt: '2026-11-28T10:00:00.000Z' });
    const document = buildEvidenceDocument(await getEvidenceRecord(database, await messageKeyOf(order)), '2026-12-01T00:00:00.000Z');
    expect(document.format).toBe('signet-evidence/1');
    expect(decodeBase64(document.rawMessageBase64 ?? '')).toEqual(order);
    expect(document.latestVerdict.status).toBe('valid');
  });

  test('asking for evidence of a message never kept is a clear error', async () => {
    const database = await freshDatabase();
    await expect(getEvidenceRecord(database, '00'.repeat(32))).rejects.toMatchObject({ code: 'bad-request' });
  });
});
