import type { CertificateSummary } from '../../crypto/verdict';

/** "2026-11-28" from an ISO time: validity is read by day. */
export function formatDay(isoTime: string): string {
  return isoTime.slice(0, 10);
}

/** SHA-256 fingerprint in colon-separated upper-case pairs, the way certificate viewers show it. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

export function describeKey(keyType: string, keySizeBits: number, namedCurve?: string): string {
  return keyType === 'EC' ? `EC ${namedCurve ?? `${keySizeBits}-bit`}` : `${keyType} ${keySizeBits}-bit`;
}

/** The common name when the subject has one, else the whole subject. */
export function displayName(certificate: CertificateSummary, friendlyName?: string): string {
  const commonName = /(?:^|,\s*)CN=([^,]+)/.exec(certificate.subject)?.[1];
  return friendlyName ?? commonName ?? certificate.subject;
}

export function isCurrentlyValid(certificate: CertificateSummary, now = new Date()): boolean {
  return new Date(certificate.notBefore) <= now && now <= new Date(certificate.notAfter);
}
