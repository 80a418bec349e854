import type { CertificateSummary } from '../../crypto/verdict';
import { formatDay, formatFingerprint, isCurrentlyValid } from '../shared/format';

/** Subject, addresses, issuer, validity and fingerprint of one certificate. */
export function CertificateFacts({ certificate, extra }: { certificate: CertificateSummary; extra?: [string, string][] }) {
  const current = isCurrentlyValid(certificate);
  return (
    <dl class="signet-facts">
      <dt>Subject</dt>
      <dd>{certificate.subject}</dd>
      <dt>E-mail</dt>
      <dd>{certificate.emailAddresses.length > 0 ? certificate.emailAddresses.join(', ') : '(none)'}</dd>
      <dt>Issuer</dt>
      <dd>{certificate.issuer}</dd>
      <dt>Valid</dt>
      <dd>
        {formatDay(certificate.notBefore)} to {formatDay(certificate.notAfter)}
        {current ? '' : ' (not valid now)'}
      </dd>
      {(extra ?? []).map(([term, value]) => [<dt key={`${term}-term`}>{term}</dt>, <dd key={`${term}-value`}>{value}</dd>])}
      <dt>SHA-256</dt>
      <dd>
        <code data-signet-fingerprint={certificate.fingerprintSha256}>{formatFingerprint(certificate.fingerprintSha256)}</code>
      </dd>
    </dl>
  );
}
