import type { ProblemCode, RevocationAnswer } from '../verdict';
import { isSignetError } from '../../shared/errors';
import { readCertificateRecord, type CertificateRecord } from './certificate-record';
import { readCrlRecord, type CrlRecord } from './crl-record';
import { findCandidatePaths, type CandidatePath } from './build-paths';
import { isBlocking, processPath, type PathFinding, type PathPurpose } from './process-path';
import { checkCertificateWithCrls, type CrlCheckContext } from './check-crls';
import { judgeRevocation } from './judge-revocation';
import { namesEqual } from './distinguished-name';
import { checkSignature } from './check-signature';

/**
 * Certificate path validation for a signer or recipient certificate (RFC 5280 §6, RFC 8550 §4):
 * build a path from the leaf through the candidates to a trust anchor, check it (§6.1, at `time`,
 * the signing time), check revocation against the given CRLs (§6.3), and say everything found.
 */
export interface PathValidationInput {
  leaf: Uint8Array;
  /** Intermediates from the message and the store. */
  candidates: Uint8Array[];
  trustAnchors: Uint8Array[];
  /** Leaf certificates the user trusted directly. */
  explicitlyTrusted?: Uint8Array[];
  /** The time the certificates must be valid at: the signing time, or now when there is none. */
  time: Date;
  crls?: Uint8Array[];
  /** CRLs fetched from distribution points, with their URL (the answers name it). */
  fetchedCrls?: { der: Uint8Array; location: string }[];
  purpose: PathPurpose;
  /** Ask for revocation: a certificate no CRL covers then gets a `revocation-unknown` answer. */
  revocationRequired?: boolean;
  /** The moment of verification, for CRL freshness (defaults to the clock). */
  now?: Date;
  /** Revocation answers obtained elsewhere (OCSP, fetched CRLs), merged in by the network layer. */
  additionalRevocation?: RevocationAnswer[];
}

export interface PathValidationResult {
  trusted: boolean;
  trustedBy: 'anchor' | 'explicit' | 'none';
  /** Leaf first. */
  chain: Uint8Array[];
  problems: ProblemCode[];
  revocation: RevocationAnswer[];
  revokedAt?: string;
  revocationReason?: string;
  /** One line per finding, for the details view and the tests: what failed, on which certificate. */
  details: string[];
}

/** Problems that, when present, mean the path is not acceptable (besides `trusted` being false). */
const UNACCEPTABLE: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'certificate-expired',
  'certificate-not-yet-valid',
  'issuer-expired',
  'certificate-revoked',
  'not-for-email',
  'refused-algorithm',
  'unsupported-algorithm',
  'invalid-path',
  'no-trust-anchor',
  'crl-invalid',
]);

/** True when the path is trusted and nothing found makes it unacceptable (revocation-unknown counts when asked). */
export function isPathAcceptable(result: PathValidationResult, revocationRequired = false): boolean {
  if (!result.trusted) return false;
  return result.problems.every((problem) => !UNACCEPTABLE.has(problem) && !(revocationRequired && problem === 'revocation-unknown'));
}

export async function validateCertificatePath(input: PathValidationInput): Promise<PathValidationResult> {
  return validateAtDepth(input, 0, new Set(), { signerVerdicts: new Map(), certificates: new Map(), crls: new Map() });
}

/** CRL signers are validated with the same function; `depth` bounds that recursion. */
const MAX_SIGNER_DEPTH = 3;

/**
 * `signersInProgress`: CRL signers whose own path is being validated. A CRL signed by such a
 * signer may cover the signer's own certificate (PKITS 4.14.30): its key is provisionally
 * accepted for that one check, since the outer validation of the same path decides its fate.
 */
async function validateAtDepth(
  input: PathValidationInput,
  depth: number,
  signersInProgress: Set<string>,
  session: ValidationSession,
): Promise<PathValidationResult> {
  const leaf = session.certificates.get(input.leaf) ?? (await readCertificateRecord(input.leaf));
  session.certificates.set(input.leaf, leaf);
  const anchors = await readAll(input.trustAnchors, session);
  const candidates = await readAll(input.candidates, session);
  const crls = [
    ...readAllCrls((input.crls ?? []).map((der) => ({ der, location: 'given' })), session),
    ...readAllCrls(input.fetchedCrls ?? [], session),
  ];
  const now = input.now ?? new Date();

  const search = await findCandidatePaths(leaf, candidates, anchors);
  let best: { path: CandidatePath; findings: PathFinding[] } | undefined;
  for (const path of search.paths) {
    const findings = processPath(path, input.time, input.purpose);
    if (!best || rank(findings) < rank(best.findings)) best = { path, findings };
    if (rank(findings) === 0) break;
  }

  const explicitlyTrusted = await isExplicitlyTrusted(leaf, input.explicitlyTrusted ?? []);
  const anchoredAndSound = best !== undefined && !best.findings.some(isBlocking);
  if (!anchoredAndSound && explicitlyTrusted) {
    // Trust by fingerprint, like Notes' cross-certification: the leaf's own validity and purpose
    // still count; there is no path, so nothing above it is checked.
    const findings = processPath({ certificates: [leaf], links: [] }, input.time, input.purpose);
    const result = finish(leaf, 'explicit', [leaf], findings, ['explicitly-trusted']);
    return addRevocation(result, [leaf], crls, candidates, anchors, input, now, depth, signersInProgress, session);
  }
  if (!best) {
    const details = search.failedLinks.map((link) => `${link.signature.outcome === 'good' ? '' : link.signature.detail}`).filter(Boolean);
    const problems: ProblemCode[] = ['no-trust-anchor'];
    for (const link of search.failedLinks) {
      if (link.signature.outcome === 'refused') problems.push('refused-algorithm');
      if (link.signature.outcome === 'unsupported') problems.push('unsupported-algorithm');
    }
    const leafFindings = processPath({ certificates: [leaf], links: [] }, input.time, input.purpose);
    const result = finish(leaf, 'none', [leaf], leafFindings, problems);
    result.details.push(...details, 'No path to a trust anchor was found');
    return result;
  }
  const trusted = !best.findings.some(isBlocking);
  const result = finish(leaf, trusted ? 'anchor' : 'none', best.path.certificates, best.findings, trusted ? [] : ['no-trust-anchor']);
  return addRevocation(result, best.path.certificates, crls, candidates, anchors, input, now, depth, signersInProgress, session);
}

/** Fewer blocking findings first, then fewer findings of any kind. */
function rank(findings: PathFinding[]): number {
  return findings.filter(isBlocking).length * 1000 + findings.filter((finding) => !['weak-hash', 'weak-key'].includes(finding.problem)).length;
}

function finish(
  leaf: CertificateRecord,
  trustedBy: PathValidationResult['trustedBy'],
  chain: CertificateRecord[],
  findings: PathFinding[],
  extraProblems: ProblemCode[],
): PathValidationResult {
  const problems = unique([...findings.map((finding) => finding.problem), ...extraProblems]);
  return {
    trusted: trustedBy !== 'none',
    trustedBy,
    chain: chain.map((record) => record.der),
    problems,
    revocation: [],
    details: findings.map((finding) => `${finding.problem}: ${finding.detail}`),
  };
}

async function addRevocation(
  result: PathValidationResult,
  chain: CertificateRecord[],
  crls: CrlRecord[],
  candidates: CertificateRecord[],
  anchors: CertificateRecord[],
  input: PathValidationInput,
  now: Date,
  depth: number,
  signersInProgress: Set<string>,
  session: ValidationSession,
): Promise<PathValidationResult> {
  const validateSigner = async (signer: CertificateRecord): Promise<boolean> => {
    if (signersInProgress.has(signer.fingerprint)) return true;
    const known = session.signerVerdicts.get(signer.fingerprint);
    if (known !== undefined) return known;
    if (depth >= MAX_SIGNER_DEPTH) return false;
    const inProgress = new Set([...signersInProgress, signer.fingerprint]);
    const signerInput = { ...input, leaf: signer.der, explicitlyTrusted: [], purpose: 'any' as const, additionalRevocation: [] };
    const signerResult = await validateAtDepth(signerInput, depth + 1, inProgress, session);
    const verdict = signerResult.trustedBy === 'anchor' && isPathAcceptable(signerResult, input.revocationRequired);
    session.signerVerdicts.set(signer.fingerprint, verdict);
    return verdict;
  };
  const context: CrlCheckContext = {
    crls,
    now,
    findCrlSigner: (crl, issuerInPath) => findCrlSigner(crl, issuerInPath, candidates, anchors, validateSigner),
  };
  const anchorFingerprints = new Set(anchors.map((anchor) => anchor.fingerprint));
  const problems = new Set(result.problems);
  for (const [position, certificate] of chain.entries()) {
    if (anchorFingerprints.has(certificate.fingerprint)) continue; // an anchor is trusted by configuration.
    const issuerInPath = chain[position + 1];
    const fromOthers = (input.additionalRevocation ?? []).filter((answer) => answer.certificateFingerprint === certificate.fingerprint);
    const fromCrls = await checkCertificateWithCrls(certificate, issuerInPath, context);
    const answers = [...(fromCrls ? [fromCrls.answer] : []), ...fromOthers];
    if (fromCrls?.crlInvalid) {
      problems.add('crl-invalid');
      result.details.push(`crl-invalid: ${fromCrls.answer.detail ?? ''}`);
    }
    if (answers.length === 0 && input.revocationRequired) {
      answers.push({ certificateFingerprint: certificate.fingerprint, source: 'crl', location: 'given', status: 'unknown', detail: 'No CRL covers this certificate' });
    }
    result.revocation.push(...answers);
    const revoked = answers.find((answer) => answer.status === 'revoked');
    if (revoked) {
      const revokedAt = revoked.revocationTime ? new Date(revoked.revocationTime) : undefined;
      const judgement = judgeRevocation({ revokedAt, reason: revoked.revocationReason }, input.time);
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
  candidates: CertificateRecord[],
  anchors: CertificateRecord[],
  validateSigner: (signer: CertificateRecord) => Promise<boolean>,
): Promise<CertificateRecord | string> {
  const maySignCrls = (record: CertificateRecord): boolean => !record.extensions.keyUsage || record.extensions.keyUsage.has('cRLSign');
  const named = unique([...(issuerInPath ? [issuerInPath] : []), ...anchors, ...candidates]).filter((record) => namesEqual(record.subject, crl.issuer));
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

async function isExplicitlyTrusted(leaf: CertificateRecord, trusted: Uint8Array[]): Promise<boolean> {
  for (const der of trusted) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(der)));
    if ([...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') === leaf.fingerprint) return true;
  }
  return false;
}

/**
 * One call's memory: each DER is parsed once (CRL signers are validated with the same inputs,
 * recursively), and each CRL signer's verdict is worked out once.
 */
interface ValidationSession {
  signerVerdicts: Map<string, boolean>;
  certificates: Map<Uint8Array, CertificateRecord | null>;
  crls: Map<Uint8Array, CrlRecord | null>;
}

/** Unreadable candidates, anchors and CRLs are skipped: one bad certificate in a message must not hide a good path. */
async function readAll(ders: Uint8Array[], session: ValidationSession): Promise<CertificateRecord[]> {
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

function readAllCrls(sources: { der: Uint8Array; location: string }[], session: ValidationSession): CrlRecord[] {
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

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
