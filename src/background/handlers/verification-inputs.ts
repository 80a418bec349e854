/**
 * What every verification in the background starts from (DESIGN.md security model 4): the trust
 * anchors the person imported, the certificates Signet knows (contacts, and the chains that came
 * with the person's own digital IDs, which hold the organisation's intermediates), the ones the
 * person trusted directly, and the CRLs in the revocation cache. With online checking on (the
 * default) and the platform network provided, paths are validated with fetching (revocation,
 * missing intermediates; background/revocation/online-path-validator.ts).
 */
import type { VerifyOptions } from '../../crypto/message/verify-options';
import { contactCertificates, listContactRecords } from '../store/contacts';
import { listIdentityRecords } from '../store/identities';
import type { SignetDatabase } from '../store/schema';
import { listTrustAnchorRecords } from '../store/trust-anchors';
import { createOnlinePathValidator } from '../revocation/online-path-validator';
import { revocationNetwork } from '../revocation/revocation-network';
import { readRevocationAccess } from '../revocation/revocation-setting';
import { readCurrentCacheEntries } from '../revocation/stored-revocation-cache';

export async function loadVerificationInputs(database: SignetDatabase): Promise<Omit<VerifyOptions, 'decrypt' | 'at'>> {
  const [anchors, contacts, identities, cached, revocationAccess] = await Promise.all([
    listTrustAnchorRecords(database),
    listContactRecords(database),
    listIdentityRecords(database),
    readCurrentCacheEntries(database),
    readRevocationAccess(database),
  ]);
  const fromContacts = contactCertificates(contacts);
  const network = revocationNetwork();
  const validatePath = network && revocationAccess.online ? createOnlinePathValidator(database, network) : undefined;
  return {
    trustAnchors: anchors.map((anchor) => anchor.certificate),
    knownCertificates: [...fromContacts.known, ...identities.flatMap((identity) => identity.certificates), ...cached.intermediates],
    explicitlyTrusted: fromContacts.explicitlyTrusted,
    // Online, the validator reads cached CRLs itself (naming their URL); offline they are given.
    crls: validatePath ? [] : cached.crls,
    validatePath,
  };
}
