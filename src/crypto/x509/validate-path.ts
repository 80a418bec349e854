import type { ProblemCode, RevocationAnswer } from '../verdict';
import type { CertificateRecord } from './certificate-record';
import { findCandidatePaths, type CandidatePath } from './build-paths';
import { isBlocking, processPath, type PathFinding, type PathPurpose } from './process-path';
import { addPathRevocation, type PathRevocationContext } from './check-path-revocation';
import { createValidationSession, readAll, readAllCrls, readLeaf, type ValidationSession } from './validation-session';

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
  /**
   * The leaf chains to a trust anchor through a path whose signatures and RFC 5280 §6.1 rules
   * hold, or is explicitly trusted. Validity at `time`, revocation, purpose and algorithm strength
   * don't change it: they are in `problems`, so the verdict can say "expired" or "revoked".
   */
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
]);

/**
 * True when the path is trusted and nothing found makes it unacceptable. Unknown revocation
 * (`revocation-unknown`, which a `crl-invalid` always comes with) counts only when asked for.
 */
export function isPathAcceptable(result: PathValidationResult, revocationRequired = false): boolean {
  if (!result.trusted) return false;
  return result.problems.every((problem) => !UNACCEPTABLE.has(problem) && !(revocationRequired && problem === 'revocation-unknown'));
}

export async function validateCertificatePath(input: PathValidationInput): Promise<PathValidationResult> {
  return validateAtDepth(input, 0, new Set(), createValidationSession());
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
  const leaf = await readLeaf(input.leaf, session);
  const anchors = await readAll(input.trustAnchors, session);
  const candidates = await readAll(input.candidates, session);
  const crls = [
    ...readAllCrls((input.crls ?? []).map((der) => ({ der, location: 'given' })), session),
    ...readAllCrls(input.fetchedCrls ?? [], session),
  ];
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
  const revocationContext: PathRevocationContext = {
    crls,
    candidates,
    anchors,
    time: input.time,
    now: input.now ?? new Date(),
    revocationRequired: input.revocationRequired ?? false,
    additionalRevocation: input.additionalRevocation ?? [],
    validateSigner,
  };

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
    return addPathRevocation(result, [leaf], revocationContext);
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
  return addPathRevocation(result, best.path.certificates, revocationContext);
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

async function isExplicitlyTrusted(leaf: CertificateRecord, trusted: Uint8Array[]): Promise<boolean> {
  for (const der of trusted) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(der)));
    if ([...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') === leaf.fingerprint) return true;
  }
  return false;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
