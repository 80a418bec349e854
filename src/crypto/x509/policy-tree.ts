import { OID } from './certificate-extensions';
import type { CertificateRecord } from './certificate-record';

/**
 * The valid_policy_tree of RFC 5280 §6.1.2 (a) and its processing in §6.1.3 (d)-(f) and §6.1.4
 * (a)-(b). pkijs's CertificateChainValidationEngine approximates policies with a matrix of
 * policy sets per certificate; this is the tree as the RFC specifies it, which PKITS 4.8-4.12
 * exercise (mappings into expected_policy_set, pruning childless nodes, anyPolicy rules).
 */
interface PolicyNode {
  validPolicy: string;
  expectedPolicies: Set<string>;
  parent?: PolicyNode;
  children: PolicyNode[];
}

export class PolicyTree {
  /** levels[d] holds the nodes of depth d; null once the tree is NULL (§6.1.3 (e)). */
  private levels: PolicyNode[][] | null;

  constructor() {
    const root: PolicyNode = { validPolicy: OID.anyPolicy, expectedPolicies: new Set([OID.anyPolicy]), children: [] };
    this.levels = [[root]];
  }

  get isNull(): boolean {
    return this.levels === null;
  }

  /** §6.1.3 (d) and (e) for certificate i (depth i), given the state variables. */
  processCertificate(record: CertificateRecord, depth: number, inhibitAnyPolicy: number, isLast: boolean): void {
    if (this.levels === null) return;
    const policies = record.extensions.certificatePolicies;
    if (!policies) {
      this.levels = null;
      return;
    }
    const parents = this.levels[depth - 1] ?? [];
    const level: PolicyNode[] = [];
    const addChild = (parent: PolicyNode, policy: string): void => {
      const node: PolicyNode = { validPolicy: policy, expectedPolicies: new Set([policy]), parent, children: [] };
      parent.children.push(node);
      level.push(node);
    };
    for (const { policy } of policies) {
      if (policy === OID.anyPolicy) continue;
      const matching = parents.filter((parent) => parent.expectedPolicies.has(policy));
      if (matching.length > 0) {
        for (const parent of matching) addChild(parent, policy);
      } else {
        for (const parent of parents.filter((node) => node.validPolicy === OID.anyPolicy)) addChild(parent, policy);
      }
    }
    const assertsAnyPolicy = policies.some(({ policy }) => policy === OID.anyPolicy);
    if (assertsAnyPolicy && (inhibitAnyPolicy > 0 || (!isLast && record.selfIssued))) {
      for (const parent of parents) {
        for (const expected of parent.expectedPolicies) {
          if (!parent.children.some((child) => child.validPolicy === expected)) addChild(parent, expected);
        }
      }
    }
    this.levels[depth] = level;
    this.prune(depth - 1);
  }

  /** §6.1.4 (b): policy mappings of certificate i, applied to the nodes of depth i. */
  applyMappings(record: CertificateRecord, depth: number, policyMapping: number): void {
    if (this.levels === null) return;
    const mappings = record.extensions.policyMappings ?? [];
    const mapped = new Map<string, Set<string>>();
    for (const { issuerDomainPolicy, subjectDomainPolicy } of mappings) {
      const targets = mapped.get(issuerDomainPolicy) ?? new Set<string>();
      targets.add(subjectDomainPolicy);
      mapped.set(issuerDomainPolicy, targets);
    }
    for (const [issuerPolicy, subjectPolicies] of mapped) {
      if (this.levels === null) return;
      const level = this.levels[depth] ?? [];
      const nodes = level.filter((node) => node.validPolicy === issuerPolicy);
      if (policyMapping > 0) {
        if (nodes.length > 0) {
          for (const node of nodes) node.expectedPolicies = new Set(subjectPolicies);
        } else {
          const anyNode = level.find((node) => node.validPolicy === OID.anyPolicy);
          if (anyNode?.parent) {
            const node: PolicyNode = { validPolicy: issuerPolicy, expectedPolicies: new Set(subjectPolicies), parent: anyNode.parent, children: [] };
            anyNode.parent.children.push(node);
            level.push(node);
            this.levels[depth] = level;
          }
        }
      } else {
        for (const node of nodes) this.remove(node, depth);
        this.prune(depth - 1);
      }
    }
  }

  private remove(node: PolicyNode, depth: number): void {
    if (this.levels === null) return;
    this.levels[depth] = this.levels[depth].filter((candidate) => candidate !== node);
    if (node.parent) node.parent.children = node.parent.children.filter((child) => child !== node);
  }

  /** Deletes nodes of depth `fromDepth` or less that have no children, repeatedly (§6.1.3 (d)(3)). */
  private prune(fromDepth: number): void {
    if (this.levels === null) return;
    for (let depth = fromDepth; depth >= 0; depth -= 1) {
      for (const node of [...this.levels[depth]]) {
        if (node.children.length === 0) this.remove(node, depth);
      }
    }
    if (this.levels[0].length === 0) this.levels = null;
  }
}
