import { nameKey } from './distinguished-name';
import type { CertificateRecord } from './certificate-record';
import { checkSignature, type SignatureCheck } from './check-signature';

/**
 * Path building (RFC 4158 in spirit): from the leaf, look for certificates whose subject is the
 * issuer's name and whose key verifies the signature, until one of the trust anchors is reached.
 * A name match alone proves nothing (an impostor root can carry the real root's name), so each
 * link is a checked signature; when a link fails, the other certificates with that name are
 * tried. AKI/SKI matches are tried first. The search is bounded in depth and in signature checks.
 */
export interface PathLink {
  /** The certificate issued (the lower one). */
  subject: CertificateRecord;
  issuer: CertificateRecord;
  signature: SignatureCheck;
}

export interface CandidatePath {
  /** Leaf first, the anchor last. */
  certificates: CertificateRecord[];
  links: PathLink[];
}

export interface PathSearchLimits {
  maxDepth: number;
  maxSignatureChecks: number;
  maxPaths: number;
}

export const DEFAULT_SEARCH_LIMITS: PathSearchLimits = { maxDepth: 12, maxSignatureChecks: 200, maxPaths: 16 };

export interface PathSearch {
  paths: CandidatePath[];
  /** Links tried that failed: kept to explain an absent path (a forged or refused signature). */
  failedLinks: PathLink[];
}

export async function findCandidatePaths(
  leaf: CertificateRecord,
  intermediates: CertificateRecord[],
  anchors: CertificateRecord[],
  limits: PathSearchLimits = DEFAULT_SEARCH_LIMITS,
): Promise<PathSearch> {
  const anchorFingerprints = new Set(anchors.map((anchor) => anchor.fingerprint));
  const bySubject = new Map<string, CertificateRecord[]>();
  const seen = new Set<string>();
  // Anchors first: a shorter path to a trusted key is preferred to a longer one.
  for (const record of [...anchors, ...intermediates]) {
    if (seen.has(record.fingerprint)) continue;
    seen.add(record.fingerprint);
    const key = nameKey(record.subject);
    const list = bySubject.get(key) ?? [];
    list.push(record);
    bySubject.set(key, list);
  }
  const search: PathSearch = { paths: [], failedLinks: [] };
  const signatureCache = new Map<string, SignatureCheck>();
  let checksLeft = limits.maxSignatureChecks;

  if (anchorFingerprints.has(leaf.fingerprint)) {
    search.paths.push({ certificates: [leaf], links: [] });
    return search;
  }

  async function linkTo(subject: CertificateRecord, issuer: CertificateRecord): Promise<SignatureCheck | undefined> {
    const cacheKey = `${subject.fingerprint}<${issuer.fingerprint}`;
    const cached = signatureCache.get(cacheKey);
    if (cached) return cached;
    if (checksLeft <= 0) return undefined;
    checksLeft -= 1;
    const check = await checkSignature(
      subject.certificate.tbsView,
      subject.certificate.signatureAlgorithm,
      subject.certificate.signatureValue,
      issuer.certificate.subjectPublicKeyInfo,
    );
    signatureCache.set(cacheKey, check);
    return check;
  }

  async function extend(certificates: CertificateRecord[], links: PathLink[]): Promise<void> {
    if (search.paths.length >= limits.maxPaths || certificates.length >= limits.maxDepth) return;
    const current = certificates[certificates.length - 1];
    const issuers = orderIssuers(current, bySubject.get(nameKey(current.issuer)) ?? [], anchorFingerprints);
    for (const issuer of issuers) {
      if (certificates.some((record) => record.fingerprint === issuer.fingerprint)) continue;
      const signature = await linkTo(current, issuer);
      if (!signature) return;
      const link: PathLink = { subject: current, issuer, signature };
      // A forged or unverifiable link is never followed; refused and unsupported algorithms are,
      // so the result can say "MD5" or "DSA" instead of merely "no path".
      if (signature.outcome === 'bad') {
        search.failedLinks.push(link);
        continue;
      }
      if (signature.outcome !== 'good') search.failedLinks.push(link);
      const nextCertificates = [...certificates, issuer];
      const nextLinks = [...links, link];
      if (anchorFingerprints.has(issuer.fingerprint)) {
        search.paths.push({ certificates: nextCertificates, links: nextLinks });
        if (search.paths.length >= limits.maxPaths) return;
        continue;
      }
      await extend(nextCertificates, nextLinks);
    }
  }

  await extend([leaf], []);
  return search;
}

/** Anchors before intermediates, and AKI = SKI matches before the others (RFC 4158 §3.5.12). */
function orderIssuers(
  subject: CertificateRecord,
  issuers: CertificateRecord[],
  anchorFingerprints: Set<string>,
): CertificateRecord[] {
  const authorityKey = subject.extensions.authorityKeyIdentifier;
  const score = (issuer: CertificateRecord): number => {
    let value = 0;
    if (anchorFingerprints.has(issuer.fingerprint)) value -= 2;
    if (authorityKey !== undefined && issuer.extensions.subjectKeyIdentifier === authorityKey) value -= 4;
    if (authorityKey !== undefined && issuer.extensions.subjectKeyIdentifier !== undefined && issuer.extensions.subjectKeyIdentifier !== authorityKey) value += 1;
    return value;
  };
  return [...issuers].sort((left, right) => score(left) - score(right));
}
