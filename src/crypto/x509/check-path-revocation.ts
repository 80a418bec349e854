import type { RevocationAnswer } from '../verdict';
import type { CertificateRecord } from './certificate-record';
import { checkSignature } from './check-signature';
import { checkCertificateWithCrls, type CrlCheckContext } from './check-crls';
import type { CrlRecord } from './crl-record';
import { namesEqual } from './distinguished-name';
import { judgeRevocation } from './judge-revocation';
import type { PathValidationResult } from './validate-path';

/**
 * Revocation of every certificate of a validated path but the anchor (RFC 5280 §6.1.3 (a)(3)):
 * the given and fetched CRLs (§6.3), merged with answers found elsewhere (OCSP), then judged
 * (`judgeRevocation`) against the signing time. Adds the answers and problems to the result.
 */
export interface PathRevocationContext {
  crls: CrlRecord[];
  candidates: CertificateRecord[];
  anchors: CertificateRecord[];
  /** The signing time, for judging a revocation. */
  time: Date;
  /** The moment of verification, for CRL freshness. */
  now: Date;
  revocationRequired: boolean;
  additionalRevocation: RevocationAnswer[];
  /** Validates the path (revocation included) of a CRL signer that is not in this path. */
  validateSigner(signer: CertificateRecord): Promise<boolean>;
}

export async function addPathRevocation(
  result: PathValidationResult,
  chain: CertificateRecord[],
  context: PathRevocationContext,
): Promise<PathValidationResult> {
  const crlContext: CrlCheckContext = {
    crls: context.crls,
    now: context.now,
    findCrlSigner: (crl, issuerInPath) => findCrlSigner(crl, issuerInPath, context),
  };
  const anchorFingerprints = new Set(context.anchors.map((anchor) => anchor.fingerprint));
  const problems = new Set(result.problems);
  for (const [position, certificate] of chain.entries()) {
    if (anchorFingerprints.has(certificate.fingerprint)) continue; // an anchor is trusted by configuration.
    const issuerInPath = chain[position + 1];
    const fromOthers = context.additionalRevocation.filter((answer) => answer.certificateFingerprint === certificate.fingerprint);
    const fromCrls = await checkCertificateWithCrls(certificate, issuerInPath, crlContext);
    const answers = [...(fromCrls ? [fromCrls.answer] : []), ...fromOthers];
    if (fromCrls?.crlInvalid) {
      problems.add('crl-invalid');
      result.details.push(`crl-invalid: ${fromCrls.answer.detail ?? ''}`);
    }
    if (answers.length === 0 && context.revocationRequired) {
      answers.push({ certificateFingerprint: certificate.fingerprint, source: 'crl', location: 'given', status: 'unknown', detail: 'No CRL covers this certificate' });
    }
    result.revocation.push(...answers);
    const revoked = answers.find((answer) => answer.status === 'revoked');
    if (revoked) {
      const revokedAt = revoked.revocationTime ? new Date(revoked.revocationTime) : undefined;
      const judgement = judgeRevocation({ revokedAt, reason: revoked.revocationReason }, context.time);
      problems.add(judgement.problem);
      result.details.push(`${judgement.problem}: ${revoked.detail ?? ''} (position ${position})`);
      if (result.revokedAt === undefined) {
        result.revokedAt = revoked.revocationTime;
        result.revocationReason = revoked.revocationReason;
      }
    } else if (!answers.some((answer) => answer.status === 'good') && answers.length > 0) {
      problems.add('revocation-unknown');
      result.details.push(`revocation-unknown: ${answers.map((answer) => answer.detail ?? answer.status).join('; ')} (position ${position})`);
    }
  }
  result.problems = [...problems];
  return result;
}

/**
 * §6.3.3 (f)-(g): the CRL must be signed by a key of its issuer that may sign CRLs (keyUsage
 * cRLSign when keyUsage is present) and whose own path is valid to the same trust anchors. The
 * issuer in the path comes first; other certificates with the issuer's name (a separate CRL
 * signing key, PKITS 4.4.19-21, 4.5) are validated, revocation included, once their key is seen
 * to verify the CRL (the cheap check first).
 */
async function findCrlSigner(
  crl: CrlRecord,
  issuerInPath: CertificateRecord | undefined,
  context: PathRevocationContext,
): Promise<CertificateRecord | string> {
  const { candidates, anchors, validateSigner } = context;
  const maySignCrls = (record: CertificateRecord): boolean => !record.extensions.keyUsage || record.extensions.keyUsage.has('cRLSign');
  const named = [...new Set([...(issuerInPath ? [issuerInPath] : []), ...anchors, ...candidates])].filter((record) => namesEqual(record.subject, crl.issuer));
  if (named.length === 0) return 'no certificate of the CRL issuer is known';
  let verifiedButRefused = false;
  for (const candidate of named) {
    const check = await checkSignature(crl.crl.tbsView, crl.crl.signatureAlgorithm, crl.crl.signatureValue, candidate.certificate.subjectPublicKeyInfo);
    if (check.outcome !== 'good') continue;
    if (!maySignCrls(candidate)) {
      verifiedButRefused = true;
      continue;
    }
    // The issuer in the path is validated with the path; an anchor is trusted as configured.
    if (candidate === issuerInPath || anchors.includes(candidate) || (await validateSigner(candidate))) return candidate;
    verifiedButRefused = true;
  }
  return verifiedButRefused ? 'the CRL signer may not sign CRLs or has no valid path' : 'the CRL signature is bad';
}
