import type { RevocationAnswer } from '../verdict';
import { REASON_BITS, type DistributionPointValue, type GeneralNameValue } from './certificate-extensions';
import type { CertificateRecord } from './certificate-record';
import { namesEqual, type DistinguishedName } from './distinguished-name';
import type { DistributionPointName } from './distribution-points';
import type { CrlEntry, CrlRecord } from './crl-record';

/**
 * Revocation from CRLs, RFC 5280 §6.3: which CRLs are in scope for a certificate (issuer,
 * issuing distribution point, indirect CRLs), the CRL's signature by a key of its issuer allowed
 * to sign CRLs, the CRL's validity window, and the certificate's entry.
 *
 * Times: the window is checked at `now` (the moment of verification), not at the signing time.
 * The question a CRL answers is "is this certificate revoked today, and since when"; whether a
 * revocation matters for a signature made earlier is `judgeRevocation`'s decision, made with the
 * revocation date and reason. A CRL past its nextUpdate can still prove a revocation (revocations
 * are not undone), but it can't prove the certificate good.
 */
export interface CrlCheckContext {
  crls: CrlRecord[];
  now: Date;
  /**
   * A certificate with the CRL issuer's name, allowed to sign CRLs, whose path is valid and whose
   * key verifies the CRL's signature (§6.3.3 (f), (g)); a reason when there is none.
   */
  findCrlSigner(crl: CrlRecord, issuerInPath: CertificateRecord | undefined): Promise<CertificateRecord | string>;
}

export interface CrlRevocationResult {
  answer: RevocationAnswer;
  /** A CRL in scope was unusable (bad signature, unknown critical extension) and none other answered. */
  crlInvalid: boolean;
  revokedAt?: Date;
  reason?: string;
}

const ALL_REASONS = REASON_BITS.filter((reason) => reason !== 'unused');

export async function checkCertificateWithCrls(
  certificate: CertificateRecord,
  issuerInPath: CertificateRecord | undefined,
  context: CrlCheckContext,
): Promise<CrlRevocationResult | undefined> {
  const covered = new Set<string>();
  const problems: string[] = [];
  let inScope = 0;
  let stale = false;
  const locations = new Set<string>();
  const answer = (status: RevocationAnswer['status'], detail: string, extra: Partial<RevocationAnswer> = {}): RevocationAnswer => ({
    certificateFingerprint: certificate.fingerprint,
    source: 'crl',
    location: [...locations].join(' ') || 'given',
    status,
    detail,
    ...extra,
  });
  for (const point of distributionPointsOf(certificate)) {
    for (const crl of context.crls) {
      if (crl.isDelta) continue; // a delta CRL only amends its base (below); a complete CRL must answer.
      const reasons = reasonsInScope(certificate, point, crl);
      if (!reasons) continue;
      inScope += 1;
      locations.add(crl.location);
      if (crl.unknownCritical.length > 0) {
        problems.push(`a CRL carries an unknown critical extension ${crl.unknownCritical.join(', ')}`);
        continue;
      }
      const signer = await context.findCrlSigner(crl, issuerInPath);
      if (typeof signer === 'string') {
        problems.push(signer);
        continue;
      }
      if (crl.thisUpdate > context.now) {
        problems.push('the CRL is dated in the future');
        continue;
      }
      const entry = findEntry(crl, certificate);
      const delta = await findDeltaCrl(crl, issuerInPath, context);
      const deltaEntry = delta ? findEntry(delta, certificate) : undefined;
      if ((entry && entry.unknownCritical.length > 0) || (deltaEntry && deltaEntry.unknownCritical.length > 0)) {
        problems.push('a CRL entry carries an unknown critical extension');
        continue;
      }
      // §5.3.1: removeFromCRL in a delta CRL releases a certificateHold of its base CRL.
      const releasedByDelta = deltaEntry?.reason === 'removeFromCRL';
      const revocation =
        deltaEntry && !releasedByDelta
          ? { entry: deltaEntry, from: delta as CrlRecord }
          : entry && entry.reason !== 'removeFromCRL' && !(releasedByDelta && entry.reason === 'certificateHold')
            ? { entry, from: crl }
            : undefined;
      if (revocation) {
        const revoked = revocation.entry;
        locations.clear();
        locations.add(revocation.from.location);
        return {
          answer: answer('revoked', `Revoked on ${revoked.revocationDate.toISOString()}${revoked.reason ? ` (${revoked.reason})` : ''}`, {
            revocationReason: revoked.reason,
            revocationTime: revoked.revocationDate.toISOString(),
          }),
          crlInvalid: false,
          revokedAt: revoked.revocationDate,
          reason: revoked.reason,
        };
      }
      if (delta) locations.add(delta.location);
      if (crl.nextUpdate === undefined || crl.nextUpdate <= context.now) {
        stale = true;
        continue;
      }
      for (const reason of reasons) covered.add(reason);
    }
  }
  if (inScope === 0) return undefined;
  if (ALL_REASONS.every((reason) => covered.has(reason))) return { answer: answer('good', 'Not listed in a current CRL'), crlInvalid: false };
  const detail = problems.length > 0 ? `No usable CRL: ${problems.join('; ')}` : stale ? 'The CRL is past its nextUpdate' : 'The CRLs do not cover every revocation reason';
  return { answer: answer('unknown', detail), crlInvalid: problems.length > 0 && covered.size === 0 };
}

function findEntry(crl: CrlRecord, certificate: CertificateRecord): CrlEntry | undefined {
  return crl.entries.find((candidate) =>
    candidate.serialNumberHex === certificate.serialNumberHex && namesEqual(candidate.certificateIssuer ?? crl.issuer, certificate.issuer));
}

/**
 * §6.3.3 (c) and §5.2.4: a current delta CRL for this complete CRL: same issuer, same scope
 * (issuing distribution point), same key (AKI), a BaseCRLNumber the complete CRL reaches and a
 * CRL number beyond it, signed by a valid CRL signer. The newest one wins.
 */
async function findDeltaCrl(complete: CrlRecord, issuerInPath: CertificateRecord | undefined, context: CrlCheckContext): Promise<CrlRecord | undefined> {
  const completeNumber = complete.crlNumber;
  if (completeNumber === undefined) return undefined;
  const deltas = context.crls
    .filter((delta) =>
      delta.isDelta &&
      delta.unknownCritical.length === 0 &&
      namesEqual(delta.issuer, complete.issuer) &&
      delta.issuingDistributionPointKey === complete.issuingDistributionPointKey &&
      (delta.authorityKeyIdentifier === undefined || complete.authorityKeyIdentifier === undefined || delta.authorityKeyIdentifier === complete.authorityKeyIdentifier) &&
      delta.baseCrlNumber !== undefined && delta.baseCrlNumber <= completeNumber &&
      delta.crlNumber !== undefined && delta.crlNumber > completeNumber &&
      delta.thisUpdate <= context.now && delta.nextUpdate !== undefined && delta.nextUpdate > context.now)
    .sort((left, right) => ((right.crlNumber ?? 0n) > (left.crlNumber ?? 0n) ? 1 : -1));
  for (const delta of deltas) {
    if (typeof (await context.findCrlSigner(delta, issuerInPath)) !== 'string') return delta;
  }
  return undefined;
}

/** §6.3.3: a certificate without a CRL distribution point is treated as having one whose CRL issuer is its issuer. */
function distributionPointsOf(certificate: CertificateRecord): DistributionPointValue[] {
  const points = certificate.extensions.crlDistributionPoints;
  if (points && points.length > 0) return points;
  return [{ fullNames: [], crlIssuer: [{ kind: 'directoryName', value: certificate.issuer }] }];
}

/** §6.3.3 (b) and (d): the reasons this CRL covers for this certificate through this point, or undefined. */
function reasonsInScope(certificate: CertificateRecord, point: DistributionPointValue, crl: CrlRecord): Set<string> | undefined {
  const idp = crl.issuingDistributionPoint;
  const pointCrlIssuers = point.crlIssuer?.filter((name) => name.kind === 'directoryName') ?? [];
  const explicitCrlIssuer = point.crlIssuer !== undefined && certificate.extensions.crlDistributionPoints !== undefined;
  // (b)(1) who issued the CRL.
  if (explicitCrlIssuer) {
    if (!pointCrlIssuers.some((name) => name.kind === 'directoryName' && namesEqual(name.value, crl.issuer))) return undefined;
    if (!namesEqual(crl.issuer, certificate.issuer) && !idp?.indirectCrl) return undefined;
  } else if (!namesEqual(crl.issuer, certificate.issuer)) {
    return undefined;
  }
  if (idp) {
    // (b)(2)(i) the distribution point names.
    const idpNames = namesOfPoint(idp, crl.issuer);
    if (idpNames.length > 0) {
      const pointNames = namesOfPoint(point, pointCrlIssuers[0]?.kind === 'directoryName' ? pointCrlIssuers[0].value : certificate.issuer);
      const names = pointNames.length > 0 ? pointNames : pointCrlIssuers.length > 0 ? pointCrlIssuers : [{ kind: 'directoryName', value: certificate.issuer } as GeneralNameValue];
      if (!idpNames.some((idpName) => names.some((name) => generalNamesEqual(idpName, name)))) return undefined;
    }
    const isCa = certificate.extensions.basicConstraints?.cA === true;
    if (idp.onlyContainsUserCerts && isCa) return undefined;
    if (idp.onlyContainsCACerts && !isCa) return undefined;
    if (idp.onlyContainsAttributeCerts) return undefined;
  }
  const reasons = new Set<string>(ALL_REASONS);
  const limits = [point.reasons, idp?.onlySomeReasons];
  for (const limit of limits) {
    if (!limit) continue;
    for (const reason of [...reasons]) if (!limit.has(reason)) reasons.delete(reason);
  }
  return reasons;
}

/** A point's names: its fullName, or the CRL issuer's name plus nameRelativeToCRLIssuer (§4.2.1.13). */
function namesOfPoint(point: DistributionPointName, crlIssuer: DistinguishedName): GeneralNameValue[] {
  if (point.relativeName) return [{ kind: 'directoryName', value: [...crlIssuer, point.relativeName] }];
  return point.fullNames;
}

function generalNamesEqual(left: GeneralNameValue, right: GeneralNameValue): boolean {
  if (left.kind === 'directoryName' && right.kind === 'directoryName') return namesEqual(left.value, right.value);
  if (left.kind === 'uniformResourceIdentifier' && right.kind === 'uniformResourceIdentifier') return left.value === right.value;
  if (left.kind === 'dNSName' && right.kind === 'dNSName') return left.value.toLowerCase() === right.value.toLowerCase();
  if (left.kind === 'rfc822Name' && right.kind === 'rfc822Name') return left.value.toLowerCase() === right.value.toLowerCase();
  return false;
}
