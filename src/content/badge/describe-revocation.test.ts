import { describe, expect, test } from 'vitest';
import type { CertificateSummary, SignerReport } from '../../crypto/verdict';
import { describeRevocationAnswer } from './describe-revocation';

const summary = (subject: string, fingerprint: string): CertificateSummary => ({
  subject,
  issuer: 'CN=Jed Co Mail CA',
  serialNumber: '10',
  fingerprintSha256: fingerprint,
  emailAddresses: [],
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter: '2045-01-01T00:00:00.000Z',
  keyAlgorithm: 'RSA',
  keySizeBits: 2048,
});
const signer: SignerReport = {
  status: 'revoked',
  chain: [summary('CN=Milburn Drysdale, emailAddress=drysdale@commerce-bank.example', 'aa'), summary('O=Jed Co, CN=Jed Co Mail CA', 'bb')],
  digestAlgorithm: 'SHA-256',
  signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
  problems: [],
  capabilities: [],
};

describe('the revocation row of the badge details', () => {
  test("Drysdale's certificate revoked by the OCSP responder, with date and reason", () => {
    expect(
      describeRevocationAnswer(
        { certificateFingerprint: 'aa', source: 'ocsp', location: 'http://127.0.0.1:18081', status: 'revoked', revocationTime: '2025-06-01T00:00:00.000Z', revocationReason: 'keyCompromise' },
        signer,
      ),
    ).toBe('Milburn Drysdale: revoked on 2025-06-01 (keyCompromise) (OCSP http://127.0.0.1:18081)');
  });

  test('a CRL that says good, and an unknown answer with its reason', () => {
    expect(describeRevocationAnswer({ certificateFingerprint: 'bb', source: 'crl', location: 'given', status: 'good' }, signer)).toBe('Jed Co Mail CA: not revoked (CRL)');
    expect(
      describeRevocationAnswer(
        { certificateFingerprint: 'aa', source: 'crl', location: 'http://127.0.0.1:18080/jedco-mail-ca.crl', status: 'unknown', detail: 'Revocation not checked: permission not granted for http://127.0.0.1/*' },
        signer,
      ),
    ).toBe('Milburn Drysdale: not checked (CRL http://127.0.0.1:18080/jedco-mail-ca.crl: Revocation not checked: permission not granted for http://127.0.0.1/*)');
  });

  test('an answer about a certificate not in the chain shown still says what it is', () => {
    expect(describeRevocationAnswer({ certificateFingerprint: 'cc', source: 'ocsp', location: 'http://ocsp.example', status: 'good' }, undefined)).toBe(
      'a certificate of the path: not revoked (OCSP http://ocsp.example)',
    );
  });
});
