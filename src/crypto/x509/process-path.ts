import type { ProblemCode } from '../verdict';
import { OID } from './certificate-extensions';
import type { CertificateRecord } from './certificate-record';
import { formatName, namesEqual } from './distinguished-name';
import type { CandidatePath } from './build-paths';
import { describePublicKey } from './check-signature';
import { findNameConstraintViolation, type NameConstraintSet } from './name-constraints';
import { PolicyTree } from './policy-tree';

/**
 * RFC 5280 §6.1 basic path validation over one candidate path, written out rather than taken from
 * pkijs's CertificateChainValidationEngine because that engine (pkijs 4) checks the validity of
 * every certificate at one date given as a whole, approximates certificate policies with a matrix
 * instead of the valid_policy_tree, and returns at the first error it meets,
 * whereas a verdict needs every reason. Inputs are the RFC's defaults: user-initial-policy-set
 * {anyPolicy}, initial-explicit-policy, -policy-mapping-inhibit and -any-policy-inhibit all false.
 */
export type PathPurpose = 'email-signing' | 'email-encryption' | 'any';

export interface PathFinding {
  problem: ProblemCode;
  /** Index in the path, leaf = 0. */
  position: number;
  detail: string;
}

const BLOCKING: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['invalid-path', 'refused-algorithm', 'unsupported-algorithm']);

/** Findings that mean the path does not establish trust at all (as opposed to expired, weak...). */
export function isBlocking(finding: PathFinding): boolean {
  return BLOCKING.has(finding.problem);
}

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

export function processPath(path: CandidatePath, time: Date, purpose: PathPurpose): PathFinding[] {
  const findings: PathFinding[] = [];
  // RFC order: the anchor's successor first. `chain` is leaf first, anchor last.
  const chain = path.certificates;
  const anchorIndex = chain.length - 1;
  const n = chain.length - 1; // certificates to process (the anchor is not one of them)
  const add = (problem: ProblemCode, position: number, detail: string): void => {
    findings.push({ problem, position, detail: `${detail} (${formatName(chain[position].subject)})` });
  };

  for (const link of path.links) {
    const position = chain.indexOf(link.subject);
    if (link.signature.outcome === 'refused') add('refused-algorithm', position, link.signature.detail);
    else if (link.signature.outcome === 'unsupported') add('unsupported-algorithm', position, link.signature.detail);
    else if (link.signature.outcome === 'bad') add('invalid-path', position, link.signature.detail);
    else if (link.signature.outcome === 'good' && link.signature.algorithm.hash === 'SHA-1') add('weak-hash', position, 'Signed with SHA-1');
  }
  chain.forEach((record, position) => checkKeyStrength(record, position, add));
  chain.forEach((record, position) => checkValidityPeriod(record, position, time, add));

  let maxPathLength = n;
  let explicitPolicy = n + 1;
  let inhibitAnyPolicy = n + 1;
  let policyMapping = n + 1;
  const constraints: NameConstraintSet[] = [];
  const tree = new PolicyTree();

  for (let i = 1; i <= n; i += 1) {
    const position = anchorIndex - i;
    const record = chain[position];
    const issuer = chain[position + 1];
    const isLast = i === n;
    // (a)(4) name chaining: the builder matched names, checked again because it is the rule.
    if (!namesEqual(record.issuer, issuer.subject)) add('invalid-path', position, 'Issuer name does not match the issuing certificate');
    // (b), (c) name constraints, except for self-issued intermediates.
    if (!(record.selfIssued && !isLast)) {
      const violation = findNameConstraintViolation(record, constraints);
      if (violation) add('invalid-path', position, `Name constraints: ${violation}`);
    }
    // (d)-(f) certificate policies.
    tree.processCertificate(record, i, inhibitAnyPolicy, isLast);
    if (explicitPolicy <= 0 && tree.isNull) add('invalid-path', position, 'No acceptable certificate policy (explicit policy required)');

    if (!isLast) {
      // §6.1.4 (a) anyPolicy may not be mapped.
      const mappings = record.extensions.policyMappings ?? [];
      if (mappings.some((mapping) => mapping.issuerDomainPolicy === OID.anyPolicy || mapping.subjectDomainPolicy === OID.anyPolicy)) {
        add('invalid-path', position, 'Policy mapping to or from anyPolicy');
      }
      tree.applyMappings(record, i, policyMapping);
      // (g) name constraints of this CA apply below it.
      const nameConstraints = record.extensions.nameConstraints;
      if (nameConstraints) constraints.push(nameConstraints);
      // (h) counters decrease for certificates that are not self-issued.
      if (!record.selfIssued) {
        if (explicitPolicy !== 0) explicitPolicy -= 1;
        if (policyMapping !== 0) policyMapping -= 1;
        if (inhibitAnyPolicy !== 0) inhibitAnyPolicy -= 1;
      }
      // (i) policy constraints, (j) inhibitAnyPolicy.
      const policyConstraints = record.extensions.policyConstraints;
      if (policyConstraints?.requireExplicitPolicy !== undefined) explicitPolicy = Math.min(explicitPolicy, policyConstraints.requireExplicitPolicy);
      if (policyConstraints?.inhibitPolicyMapping !== undefined) policyMapping = Math.min(policyMapping, policyConstraints.inhibitPolicyMapping);
      if (record.extensions.inhibitAnyPolicy !== undefined) inhibitAnyPolicy = Math.min(inhibitAnyPolicy, record.extensions.inhibitAnyPolicy);
      // (k) a CA certificate: basicConstraints with cA (v1/v2 CA certificates are refused too).
      if (!record.extensions.basicConstraints?.cA) add('invalid-path', position, 'Not a CA certificate (basicConstraints cA is not set) but it issued one');
      // (l), (m) path length.
      if (!record.selfIssued) {
        if (maxPathLength <= 0) add('invalid-path', position, 'Path length constraint exceeded');
        maxPathLength -= 1;
      }
      const pathLength = record.extensions.basicConstraints?.pathLength;
      if (pathLength !== undefined && pathLength < maxPathLength) maxPathLength = pathLength;
      // (n) key usage must allow certificate signing.
      const keyUsage = record.extensions.keyUsage;
      if (keyUsage && !keyUsage.has('keyCertSign')) add('invalid-path', position, 'Key usage does not allow signing certificates (keyCertSign)');
    }
    // (o) unknown critical extensions; duplicated or undecodable extensions.
    if (record.extensions.unknownCritical.length > 0) {
      add('invalid-path', position, `Unknown critical extension ${record.extensions.unknownCritical.join(', ')}`);
    }
    if (record.extensions.malformed.length > 0) add('invalid-path', position, `Malformed extension ${record.extensions.malformed.join(', ')}`);
  }

  // §6.1.5 wrap-up (a), (b), (g): with user-initial-policy-set {anyPolicy} the intersection is the tree.
  if (n > 0) {
    if (explicitPolicy !== 0) explicitPolicy -= 1;
    if (chain[0].extensions.policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;
    if (explicitPolicy <= 0 && tree.isNull) add('invalid-path', 0, 'No acceptable certificate policy (explicit policy required)');
  }
  checkPurpose(chain[0], purpose, add);
  return dedupe(findings);
}

type AddFinding = (problem: ProblemCode, position: number, detail: string) => void;

function checkValidityPeriod(record: CertificateRecord, position: number, time: Date, add: AddFinding): void {
  const isLeaf = position === 0;
  if (time < record.notBefore) {
    add(isLeaf ? 'certificate-not-yet-valid' : 'issuer-expired', position, `Not valid before ${record.notBefore.toISOString()}`);
  } else if (time > record.notAfter) {
    add(isLeaf ? 'certificate-expired' : 'issuer-expired', position, `Expired on ${record.notAfter.toISOString()}`);
  }
}

/** Algorithm policy (DESIGN.md): RSA under 1024 bits refused, under 2048 weak. */
function checkKeyStrength(record: CertificateRecord, position: number, add: AddFinding): void {
  const key = describePublicKey(record.certificate.subjectPublicKeyInfo);
  if (key.type !== 'RSA') return;
  if (key.sizeBits < 1024) add('refused-algorithm', position, `RSA key of ${key.sizeBits} bits`);
  else if (key.sizeBits < 2048) add('weak-key', position, `RSA key of ${key.sizeBits} bits`);
}

/**
 * RFC 8550 §4.4: keyUsage, when present, must allow the operation; extendedKeyUsage, when present,
 * must include emailProtection or anyExtendedKeyUsage.
 */
function checkPurpose(leaf: CertificateRecord, purpose: PathPurpose, add: AddFinding): void {
  if (purpose === 'any') return;
  const keyUsage = leaf.extensions.keyUsage;
  if (keyUsage) {
    const allowed = purpose === 'email-signing'
      ? keyUsage.has('digitalSignature') || keyUsage.has('nonRepudiation')
      : allowsEncryption(leaf, keyUsage);
    if (!allowed) add('not-for-email', 0, `Key usage does not allow ${purpose === 'email-signing' ? 'signing' : 'encryption'}`);
  }
  const extendedKeyUsage = leaf.extensions.extendedKeyUsage;
  if (extendedKeyUsage && !extendedKeyUsage.includes(EMAIL_PROTECTION) && !extendedKeyUsage.includes(ANY_EXTENDED_KEY_USAGE)) {
    add('not-for-email', 0, 'Extended key usage does not include e-mail protection');
  }
}

function allowsEncryption(leaf: CertificateRecord, keyUsage: Set<string>): boolean {
  const key = describePublicKey(leaf.certificate.subjectPublicKeyInfo);
  if (key.type === 'EC') return keyUsage.has('keyAgreement');
  return keyUsage.has('keyEncipherment');
}

function dedupe(findings: PathFinding[]): PathFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.problem}|${finding.position}|${finding.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
