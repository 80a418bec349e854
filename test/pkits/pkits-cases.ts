/**
 * Expected outcomes of the PKITS cases (NIST, "Public Key Interoperability Test Suite", 2011)
 * under the default settings of its section 3: user-initial-policy-set = any-policy,
 * initial-explicit-policy, initial-policy-mapping-inhibit and initial-inhibit-any-policy all
 * false, revocation checking on (a certificate whose status can't be determined fails, 4.4.1).
 *
 * A message named Signed<Valid|Invalid>... says its outcome. The policy tests whose outcome
 * depends on the settings carry neither word; their default outcomes are listed here from the
 * PKITS document (4.4.1, 4.8.x, 4.12.3).
 */
export const DEFAULT_OUTCOME_OF_UNNAMED: Record<string, 'valid' | 'invalid'> = {
  AllCertificatesSamePolicyTest1: 'valid', // 4.8.1
  AllCertificatesNoPoliciesTest2: 'valid', // 4.8.2 (invalid only with initial-explicit-policy)
  DifferentPoliciesTest3: 'valid', // 4.8.3 (invalid only with initial-explicit-policy)
  DifferentPoliciesTest4: 'invalid', // 4.8.4
  DifferentPoliciesTest5: 'invalid', // 4.8.5
  OverlappingPoliciesTest6: 'valid', // 4.8.6
  DifferentPoliciesTest7: 'invalid', // 4.8.7
  DifferentPoliciesTest8: 'invalid', // 4.8.8
  DifferentPoliciesTest9: 'invalid', // 4.8.9
  AllCertificatesSamePoliciesTest10: 'valid', // 4.8.10
  AllCertificatesAnyPolicyTest11: 'valid', // 4.8.11
  DifferentPoliciesTest12: 'invalid', // 4.8.12
  AllCertificatesSamePoliciesTest13: 'valid', // 4.8.13
  AnyPolicyTest14: 'valid', // 4.8.14
  UserNoticeQualifierTest15: 'valid', // 4.8.15
  UserNoticeQualifierTest16: 'valid', // 4.8.16
  UserNoticeQualifierTest17: 'valid', // 4.8.17
  UserNoticeQualifierTest18: 'valid', // 4.8.18
  UserNoticeQualifierTest19: 'valid', // 4.8.19
  CPSPointerQualifierTest20: 'valid', // 4.8.20
  MissingCRLTest1: 'invalid', // 4.4.1: the revocation status can't be determined
  inhibitAnyPolicyTest3: 'valid', // 4.12.3 (invalid only with initial-inhibit-any-policy)
};

/** Sections 4.15 (delta-CRLs) and 4.16 (private certificate extensions), beyond the default-policy set 4.1-4.14. */
export function isBeyondDefaultPolicySet(name: string): boolean {
  return /deltaCRL|UnknownNotCriticalCertificateExtension|UnknownCriticalCertificateExtension/.test(name);
}

export function expectedOutcome(name: string): 'valid' | 'invalid' {
  if (name.startsWith('Valid')) return 'valid';
  if (name.startsWith('Invalid')) return 'invalid';
  const outcome = DEFAULT_OUTCOME_OF_UNNAMED[name];
  if (!outcome) throw new Error(`No expected outcome for PKITS case ${name}`);
  return outcome;
}

/**
 * Cases where Signet deliberately differs from PKITS, each with the reason (the README lists them).
 * Any other failing case fails the test.
 */
export const DEVIATIONS: Record<string, string> = {
  ValidDSASignaturesTest4:
    'DSA (4.1.4): WebCrypto has no DSA, and the algorithm policy (DESIGN.md) reports DSA as unsupported-algorithm rather than carrying a BigInt DSA verifier; the path is refused, never silently accepted.',
  ValidDSAParameterInheritanceTest5:
    'DSA with parameters inherited from the issuer (4.1.5): refused as unsupported-algorithm, as 4.1.4.',
};
