import { emailAddressesInName, isNameWithinSubtree } from './distinguished-name';
import type { GeneralNameValue } from './certificate-extensions';
import type { CertificateRecord } from './certificate-record';

/**
 * Name constraints, RFC 5280 §4.2.1.10 and §6.1.3 (b)-(c), §6.1.4 (g). Instead of computing the
 * intersection of permitted subtrees, each CA's constraint is kept and a name must satisfy all of
 * them (which is what the intersection means); excluded subtrees accumulate as a union.
 * Checked forms: directoryName, rfc822Name (also the subject's emailAddress attribute, §4.2.1.10),
 * dNSName, uniformResourceIdentifier, iPAddress. The names of a kind are only constrained by
 * constraints of the same kind.
 */
export interface NameConstraintSet {
  permitted: GeneralNameValue[];
  excluded: GeneralNameValue[];
}

/** The names of the subject a constraint can apply to. */
export function subjectNames(record: CertificateRecord): GeneralNameValue[] {
  const names: GeneralNameValue[] = [];
  if (record.subject.length > 0) names.push({ kind: 'directoryName', value: record.subject });
  for (const address of emailAddressesInName(record.subject)) names.push({ kind: 'rfc822Name', value: address });
  names.push(...(record.extensions.subjectAltNames ?? []));
  return names;
}

/** Returns a reason when a name of the certificate violates one of the constraints, else undefined. */
export function findNameConstraintViolation(record: CertificateRecord, constraints: NameConstraintSet[]): string | undefined {
  const names = subjectNames(record);
  for (const constraint of constraints) {
    for (const name of names) {
      const permittedOfKind = constraint.permitted.filter((subtree) => subtree.kind === name.kind);
      if (permittedOfKind.length > 0 && !permittedOfKind.some((subtree) => nameMatchesSubtree(name, subtree))) {
        return `${describeName(name)} is outside the permitted ${name.kind} subtrees`;
      }
      if (constraint.excluded.some((subtree) => subtree.kind === name.kind && nameMatchesSubtree(name, subtree))) {
        return `${describeName(name)} is in an excluded ${name.kind} subtree`;
      }
    }
  }
  return undefined;
}

function describeName(name: GeneralNameValue): string {
  if (name.kind === 'directoryName') return 'the subject name';
  if (name.kind === 'iPAddress' || name.kind === 'other') return `a ${name.kind}`;
  return `"${name.value}"`;
}

export function nameMatchesSubtree(name: GeneralNameValue, subtree: GeneralNameValue): boolean {
  if (name.kind === 'directoryName' && subtree.kind === 'directoryName') return isNameWithinSubtree(name.value, subtree.value);
  if (name.kind === 'rfc822Name' && subtree.kind === 'rfc822Name') return mailboxMatches(name.value, subtree.value);
  if (name.kind === 'dNSName' && subtree.kind === 'dNSName') return hostMatchesDnsConstraint(name.value, subtree.value);
  if (name.kind === 'uniformResourceIdentifier' && subtree.kind === 'uniformResourceIdentifier') {
    const host = hostOfUri(name.value);
    return host !== undefined && hostMatchesUriConstraint(host, subtree.value);
  }
  if (name.kind === 'iPAddress' && subtree.kind === 'iPAddress') return addressInRange(name.value, subtree.value);
  return false;
}

/**
 * rfc822Name constraints: "user@host" matches one mailbox, "host" all mailboxes at that host,
 * ".domain" all mailboxes at hosts in that domain (§4.2.1.10).
 */
function mailboxMatches(address: string, constraint: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const host = address.slice(at + 1).toLowerCase();
  const wanted = constraint.toLowerCase();
  if (wanted.includes('@')) {
    const constraintAt = wanted.lastIndexOf('@');
    return address.slice(0, at) === constraint.slice(0, constraintAt) && host === wanted.slice(constraintAt + 1);
  }
  if (wanted.startsWith('.')) return host.endsWith(wanted);
  return host === wanted;
}

/** dNSName: "example.com" covers it and every subdomain, by whole labels (§4.2.1.10). */
function hostMatchesDnsConstraint(host: string, constraint: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const wanted = constraint.toLowerCase().replace(/\.$/, '');
  if (wanted === '') return true;
  if (wanted.startsWith('.')) return name.endsWith(wanted);
  return name === wanted || name.endsWith(`.${wanted}`);
}

/** URI: the host part; ".domain" covers subdomains only, "host" exactly that host (§4.2.1.10). */
function hostMatchesUriConstraint(host: string, constraint: string): boolean {
  const wanted = constraint.toLowerCase();
  if (wanted.startsWith('.')) return host.endsWith(wanted);
  return host === wanted;
}

function hostOfUri(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(uri);
  if (!match || match[1] === '') return undefined;
  return match[1].toLowerCase();
}

function addressInRange(address: Uint8Array, range: Uint8Array): boolean {
  if (range.length !== address.length * 2) return false;
  for (let index = 0; index < address.length; index += 1) {
    const mask = range[address.length + index];
    if ((address[index] & mask) !== (range[index] & mask)) return false;
  }
  return true;
}
