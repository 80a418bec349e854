import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { encodeBase64 } from '../../crypto/encoding/base64';
import type { CertificateSummary, SignerReport, Verdict, VerificationStatus } from '../../crypto/verdict';
import {
  contactCertificates,
  getContactRecord,
  harvestSignerCertificates,
  listContactRecords,
  preferredForEncryption,
  setContactTrusted,
} from './contacts';
import { openSignetDatabase } from './open-database';

function summary(fingerprint: string, email: string, notBefore: string, notAfter = '2036-01-01T00:00:00.000Z'): CertificateSummary {
  return {
    subject: `CN=${email}`,
    issuer: 'CN=Jed Co Mail CA',
    serialNumber: '01',
    fingerprintSha256: fingerprint,
    emailAddresses: [email],
    notBefore,
    notAfter,
    keyAlgorithm: 'RSA',
    keySizeBits: 2048,
  };
}

function signer(status: Exclude<VerificationStatus, 'unsigned'>, certificate: CertificateSummary, der: Uint8Array): SignerReport {
  return {
    status,
    certificate,
    chain: [certificate],
    digestAlgorithm: 'SHA-256',
    signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
    problems: [],
    capabilities: ['2.16.840.1.101.3.4.1.42'],
    certificateDerBase64: encodeBase64(der),
  };
}

function verdictOf(...signers: SignerReport[]): Verdict {
  return { status: signers[0]?.status ?? 'unsigned', signers, problems: [], layers: [], revocation: [] };
}

const jethro2025 = summary('aa'.repeat(32), 'jethro@jedco.example', '2025-01-01T00:00:00.000Z');
const jethro2026 = summary('bb'.repeat(32), 'Jethro@JedCo.example', '2026-01-01T00:00:00.000Z');
const stranger = summary('cc'.repeat(32), 'stranger@elsewhere.example', '2026-01-01T00:00:00.000Z');

async function freshDatabase() {
  return openSignetDatabase(`contacts-test-${crypto.randomUUID()}`);
}

describe('harvesting certificates from signed mail', () => {
  test('a valid signature from Jethro adds his certificate and capabilities to the contacts', async () => {
    const database = await freshDatabase();
    await harvestSignerCertificates(database, verdictOf(signer('valid', jethro2025, new Uint8Array([1, 2, 3]))), '2026-11-28T10:00:00.000Z');
    const record = await getContactRecord(database, jethro2025.fingerprintSha256);
    expect(record.emailAddresses).toEqual(['jethro@jedco.example']);
    expect(record.certificate).toEqual(new Uint8Array([1, 2, 3]));
    expect(record.capabilities).toEqual(['2.16.840.1.101.3.4.1.42']);
    expect(record.lastStatus).toBe('valid');
    expect(record.explicitlyTrusted).toBe(false);
  });

  test('a stranger’s good but untrusted signature is kept, with its trust status recorded', async () => {
    const database = await freshDatabase();
    await harvestSignerCertificates(database, verdictOf(signer('untrusted', stranger, new Uint8Array([9]))), '2026-11-28T10:00:00.000Z');
    expect((await getContactRecord(database, stranger.fingerprintSha256)).lastStatus).toBe('untrusted');
  });

  test('a signature that does not verify, or an expired or revoked certificate, harvests nothing', async () => {
    const database = await freshDatabase();
    for (const status of ['invalid', 'expired', 'revoked'] as const) {
      await harvestSignerCertificates(database, verdictOf(signer(status, jethro2025, new Uint8Array([1]))), '2026-11-28T10:00:00.000Z');
    }
    expect(await listContactRecords(database)).toEqual([]);
  });

  test('seeing the same certificate again updates when it was last seen, not when it was first seen', async () => {
    const database = await freshDatabase();
    const verdict = verdictOf(signer('valid', jethro2025, new Uint8Array([1])));
    await harvestSignerCertificates(database, verdict, '2026-11-01T00:00:00.000Z');
    await harvestSignerCertificates(database, verdict, '2026-11-28T00:00:00.000Z');
    const record = await getContactRecord(database, jethro2025.fingerprintSha256);
    expect([record.firstSeen, record.lastSeen]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-28T00:00:00.000Z']);
  });

  test('Jethro’s newer certificate becomes the one to encrypt to; the older one is kept', async () => {
    const database = await freshDatabase();
    await harvestSignerCertificates(database, verdictOf(signer('valid', jethro2025, new Uint8Array([1]))), '2026-01-01T00:00:00.000Z');
    await harvestSignerCertificates(database, verdictOf(signer('valid', jethro2026, new Uint8Array([2]))), '2026-11-01T00:00:00.000Z');
    const records = await listContactRecords(database);
    expect(records).toHaveLength(2);
    expect(records.every((record) => record.emailAddresses[0] === 'jethro@jedco.example')).toBe(true);
    expect([...preferredForEncryption(records, new Date('2026-11-28T00:00:00Z'))]).toEqual([jethro2026.fingerprintSha256]);
  });

  test('a self-signed certificate claiming Jethro’s address, seen later, never becomes the one to encrypt to', async () => {
    const database = await freshDatabase();
    const impostor = summary('ff'.repeat(32), 'jethro@jedco.example', '2026-06-01T00:00:00.000Z');
    await harvestSignerCertificates(database, verdictOf(signer('valid', jethro2025, new Uint8Array([1]))), '2026-01-01T00:00:00.000Z');
    await harvestSignerCertificates(database, verdictOf(signer('untrusted', impostor, new Uint8Array([6]))), '2026-11-01T00:00:00.000Z');
    const records = await listContactRecords(database);
    expect(records).toHaveLength(2);
    expect([...preferredForEncryption(records, new Date('2026-11-28T00:00:00Z'))]).toEqual([jethro2025.fingerprintSha256]);
    await setContactTrusted(database, impostor.fingerprintSha256, true);
    expect([...preferredForEncryption(await listContactRecords(database), new Date('2026-11-28T00:00:00Z'))]).toEqual([impostor.fingerprintSha256]);
  });

  test('an expired certificate is never the one to encrypt to', async () => {
    const database = await freshDatabase();
    const expired = summary('dd'.repeat(32), 'jane@jedco.example', '2019-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z');
    await harvestSignerCertificates(database, verdictOf(signer('valid', expired, new Uint8Array([4]))), '2020-06-01T00:00:00.000Z');
    expect(preferredForEncryption(await listContactRecords(database), new Date('2026-11-28T00:00:00Z')).size).toBe(0);
  });
});

describe('trusting a sender directly', () => {
  test('trusting the stranger makes his certificate explicitly trusted for verification; untrusting undoes it', async () => {
    const database = await freshDatabase();
    await harvestSignerCertificates(database, verdictOf(signer('untrusted', stranger, new Uint8Array([9]))), '2026-11-28T10:00:00.000Z');
    await setContactTrusted(database, stranger.fingerprintSha256, true);
    expect(contactCertificates(await listContactRecords(database)).explicitlyTrusted).toEqual([new Uint8Array([9])]);
    await setContactTrusted(database, stranger.fingerprintSha256, false);
    expect(contactCertificates(await listContactRecords(database)).explicitlyTrusted).toEqual([]);
  });

  test('trusting a certificate Signet never saw is refused with contact-not-found', async () => {
    const database = await freshDatabase();
    await expect(setContactTrusted(database, 'ee'.repeat(32), true)).rejects.toMatchObject({ code: 'contact-not-found' });
  });
});
