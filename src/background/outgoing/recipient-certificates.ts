/**
 * Which certificate Signet encrypts to for each address (issue 6 item 2; DESIGN.md algorithm
 * policy "Encrypt"): among the contacts harvested from signed mail and the person's own digital
 * IDs carrying the address, the newest one whose path is trusted, current, not revoked (by the
 * cached CRLs) and meant for e-mail encryption (RFC 5280 §6, RFC 8550 §4.4). An address without
 * such a certificate is reported with why, never silently skipped.
 */
import { OID } from '../../crypto/cms/enveloped/object-identifiers';
import { isPathAcceptable, validateCertificatePath, type PathValidationResult } from '../../crypto/x509/validate-path';
import type { RecipientCertificateAnswer, RecipientCertificateState } from '../../shared/protocol';
import type { SignetDatabase } from '../store/schema';
import { loadVerificationInputs } from '../handlers/verification-inputs';

export interface RecipientChoice {
  answer: RecipientCertificateAnswer;
  /** DER of the usable certificate (state `usable` only). */
  certificate?: Uint8Array;
  /** SMIMECapabilities the recipient advertised (RFC 8551 §2.5.2), as algorithm OIDs. */
  capabilities: string[];
}

interface Candidate {
  certificate: Uint8Array;
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  capabilities: string[];
}

/**
 * What Signet itself reads (RFC 8551 §2.7.1.1: a client's own capabilities): AES-GCM and
 * RSAES-OAEP, so a message also encrypted to the sender can use them when everyone else can.
 */
const OWN_CAPABILITIES = [OID.aes256Gcm, OID.aes128Gcm, OID.rsaesOaep];
/** A compose window with more recipients than this is not checked address by address. */
export const MAXIMUM_LOOKED_UP_ADDRESSES = 200;

export async function judgeRecipientCertificates(database: SignetDatabase, addresses: readonly string[], now = new Date()): Promise<RecipientChoice[]> {
  const inputs = await loadVerificationInputs(database);
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter((address) => address !== ''))];
  const choices: RecipientChoice[] = [];
  for (const address of unique.slice(0, MAXIMUM_LOOKED_UP_ADDRESSES)) {
    const candidates = await candidatesFor(database, address);
    let first: { candidate: Candidate; result: PathValidationResult } | undefined;
    let usable: Candidate | undefined;
    for (const candidate of candidates) {
      // Online (revocation, missing intermediates) when the background is: issue 4 item 1.
      const validatePath = inputs.validatePath ?? validateCertificatePath;
      const result = await validatePath({
        leaf: candidate.certificate,
        candidates: inputs.knownCertificates ?? [],
        trustAnchors: inputs.trustAnchors,
        explicitlyTrusted: inputs.explicitlyTrusted,
        crls: inputs.crls,
        time: now,
        now,
        purpose: 'email-encryption',
      });
      first ??= { candidate, result };
      if (isPathAcceptable(result)) {
        usable = candidate;
        break;
      }
    }
    if (usable) {
      choices.push({ answer: describeCandidate(address, 'usable', usable), certificate: usable.certificate, capabilities: usable.capabilities });
    } else if (first) {
      choices.push({ answer: describeCandidate(address, stateOf(first.result), first.candidate), capabilities: [] });
    } else {
      choices.push({ answer: { address, state: 'missing' }, capabilities: [] });
    }
  }
  return choices;
}

/** Contacts and own identities with the address, newest (latest notBefore) first. */
async function candidatesFor(database: SignetDatabase, address: string): Promise<Candidate[]> {
  const [contacts, identities] = await Promise.all([
    database.getAllFromIndex('contacts', 'byEmail', address),
    database.getAllFromIndex('identities', 'byEmail', address),
  ]);
  const candidates: Candidate[] = [
    ...identities.map((identity) => ({
      certificate: identity.certificates[0],
      fingerprint: identity.summary.fingerprintSha256,
      subject: identity.summary.subject,
      notBefore: identity.summary.notBefore,
      notAfter: identity.summary.notAfter,
      capabilities: OWN_CAPABILITIES,
    })),
    ...contacts.map((contact) => ({
      certificate: contact.certificate,
      fingerprint: contact.id,
      subject: contact.summary.subject,
      notBefore: contact.summary.notBefore,
      notAfter: contact.summary.notAfter,
      capabilities: contact.capabilities,
    })),
  ];
  const seen = new Set<string>();
  return candidates
    .filter((candidate) => !seen.has(candidate.fingerprint) && seen.add(candidate.fingerprint))
    .sort((left, right) => Date.parse(right.notBefore) - Date.parse(left.notBefore));
}

function stateOf(result: PathValidationResult): RecipientCertificateState {
  if (result.problems.includes('certificate-revoked')) return 'revoked';
  if (result.problems.includes('certificate-expired') || result.problems.includes('certificate-not-yet-valid')) return 'expired';
  if (result.problems.includes('not-for-email')) return 'not-for-email';
  return 'untrusted';
}

function describeCandidate(address: string, state: RecipientCertificateState, candidate: Candidate): RecipientCertificateAnswer {
  return { address, state, fingerprint: candidate.fingerprint, subject: candidate.subject, notAfter: candidate.notAfter };
}

/** What to do about an address without a usable certificate, in words for the person. */
export function describeMissingCertificate(answer: RecipientCertificateAnswer): string {
  switch (answer.state) {
    case 'missing':
      return `${answer.address}: Signet has no certificate. Ask them for a signed message (opening it saves their certificate), or import their certificate.`;
    case 'untrusted':
      return `${answer.address}: their certificate is not from an organisation you trust. Open a signed message from them and trust the sender, or import their organisation's root.`;
    case 'expired':
      return `${answer.address}: their certificate has expired. Ask them for a signed message with their new certificate.`;
    case 'revoked':
      return `${answer.address}: their certificate was revoked. Ask them for a signed message with their new certificate.`;
    case 'not-for-email':
      return `${answer.address}: their certificate is not meant for e-mail encryption. Ask them for an e-mail certificate.`;
    case 'usable':
      return `${answer.address}: ready to encrypt.`;
  }
}
