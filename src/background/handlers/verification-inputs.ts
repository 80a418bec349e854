/**
 * What every verification in the background starts from (DESIGN.md security model 4): the trust
 * anchors the person imported, the certificates Signet knows (contacts, and the chains that came
 * with the person's own digital IDs, which hold the organisation's intermediates), the ones the
 * person trusted directly, and the CRLs in the revocation cache.
 */
import type { VerifyOptions } from '../../crypto/message/verify-options';
import { contactCertificates, listContactRecords } from '../store/contacts';
import { listIdentityRecords } from '../store/identities';
import type { SignetDatabase } from '../store/schema';
import { listTrustAnchorRecords } from '../store/trust-anchors';

export async function loadVerificationInputs(database: SignetDatabase): Promise<Omit<VerifyOptions, 'decrypt' | 'at'>> {
  const [anchors, contacts, identities, revocationEntries] = await Promise.all([
    listTrustAnchorRecords(database),
    listContactRecords(database),
    listIdentityRecords(database),
    database.getAll('revocationCache'),
  ]);
  const fromContacts = contactCertificates(contacts);
  return {
    trustAnchors: anchors.map((anchor) => anchor.certificate),
    knownCertificates: [...fromContacts.known, ...identities.flatMap((identity) => identity.certificates)],
    explicitlyTrusted: fromContacts.explicitlyTrusted,
    crls: revocationEntries.filter((entry) => entry.kind === 'crl').map((entry) => entry.body),
  };
}
