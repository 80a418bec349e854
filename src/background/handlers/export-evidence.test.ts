import { describe, expect, test } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../crypto/encoding/base64';
import { handleExportEvidence } from './export-evidence';
import { handleListEvidence } from './list-evidence';
import { contextFor, storeWith, storyMessage } from './reading-handlers.test-support';
import { handleVerifyMessage } from './verify-message';

describe('evidence on the management page', () => {
  test("Jethro's order, verified twice, is listed once and exports as JSON with the original message and as .eml", async () => {
    const database = await storeWith();
    const raw = storyMessage('jethro-order.eml');
    await handleVerifyMessage({ rawBase64: encodeBase64(raw), messageId: 'msg-f:42' }, contextFor(database));
    await handleVerifyMessage({ rawBase64: encodeBase64(raw), messageId: 'msg-f:42' }, contextFor(database));
    const page = contextFor(database, { isExtensionPage: true });
    const listed = await handleListEvidence({}, page);
    expect(listed).toEqual([
      expect.objectContaining({ status: 'valid', signerAddress: 'jethro@jedco.example', subject: 'Order: 100 units', verificationCount: 2, messageId: 'msg-f:42' }),
    ]);
    const exported = await handleExportEvidence({ messageKey: listed[0].messageKey }, page);
    expect(exported.fileName).toMatch(/^signet-evidence-[0-9a-f]{16}\.json$/);
    expect(decodeBase64(exported.rawBase64)).toEqual(raw);
    const document = JSON.parse(exported.json) as {
      latestVerdict: { signers: { certificateDerBase64?: string; chain: { subject: string }[] }[] };
      verifications: unknown[];
      rawMessageBase64: string;
    };
    expect(document.verifications).toHaveLength(2);
    expect(decodeBase64(document.rawMessageBase64)).toEqual(raw);
    expect(document.latestVerdict.signers[0]?.certificateDerBase64).toBeTruthy();
    expect(document.latestVerdict.signers[0]?.chain.map((certificate) => certificate.subject).join(' / ')).toContain('Jed Co Root CA');
  });
});
