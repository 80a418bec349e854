import { isSignetError } from '../../shared/errors';
import { readCertificateRecord, type CertificateRecord } from './certificate-record';
import { readCrlRecord, type CrlRecord } from './crl-record';

/**
 * One call's memory: each DER is parsed once (CRL signers are validated with the same inputs,
 * recursively), and each CRL signer's verdict is worked out once.
 */
export interface ValidationSession {
  signerVerdicts: Map<string, boolean>;
  certificates: Map<Uint8Array, CertificateRecord | null>;
  crls: Map<Uint8Array, CrlRecord | null>;
}

/** Unreadable candidates, anchors and CRLs are skipped: one bad certificate in a message must not hide a good path. */
export async function readAll(ders: Uint8Array[], session: ValidationSession): Promise<CertificateRecord[]> {
  const records: CertificateRecord[] = [];
  for (const der of ders) {
    let record = session.certificates.get(der);
    if (record === undefined) {
      try {
        record = await readCertificateRecord(der);
      } catch (error) {
        if (!isSignetError(error)) throw error;
        record = null;
      }
      session.certificates.set(der, record);
    }
    if (record) records.push(record);
  }
  return records;
}

export function readAllCrls(sources: { der: Uint8Array; location: string }[], session: ValidationSession): CrlRecord[] {
  const records: CrlRecord[] = [];
  for (const { der, location } of sources) {
    let record = session.crls.get(der);
    if (record === undefined) {
      try {
        record = readCrlRecord(der, location);
      } catch (error) {
        if (!isSignetError(error)) throw error;
        record = null;
      }
      session.crls.set(der, record);
    }
    if (record) records.push(record);
  }
  return records;
}

export function createValidationSession(): ValidationSession {
  return { signerVerdicts: new Map(), certificates: new Map(), crls: new Map() };
}

/** The leaf is read like the others, except that an unreadable leaf is an error, not skipped. */
export async function readLeaf(der: Uint8Array, session: ValidationSession): Promise<CertificateRecord> {
  const record = session.certificates.get(der) ?? (await readCertificateRecord(der));
  session.certificates.set(der, record);
  return record;
}
