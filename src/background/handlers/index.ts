import type { RequestHandlers } from '../router';
import { handleDeleteIdentity } from './delete-identity';
import { handleDeleteTrustAnchor } from './delete-trust-anchor';
import { handleExportIdentityCertificate } from './export-identity-certificate';
import { handleGetStatus } from './get-status';
import { handleImportPkcs12 } from './import-pkcs12';
import { handleImportTrustAnchor } from './import-trust-anchor';
import { handleListIdentities } from './list-identities';
import { handleListTrustAnchors } from './list-trust-anchors';
import { handleSetDefaultIdentity } from './set-default-identity';
import { handleSignWithIdentity } from './sign-with-identity';

/** One handler per request of `ProtocolMap` (the type insists; `handlers.test.ts` checks it at run time). */
export const handlers: RequestHandlers = {
  getStatus: handleGetStatus,
  importPkcs12: handleImportPkcs12,
  listIdentities: handleListIdentities,
  deleteIdentity: handleDeleteIdentity,
  setDefaultIdentity: handleSetDefaultIdentity,
  exportIdentityCertificate: handleExportIdentityCertificate,
  signWithIdentity: handleSignWithIdentity,
  importTrustAnchor: handleImportTrustAnchor,
  listTrustAnchors: handleListTrustAnchors,
  deleteTrustAnchor: handleDeleteTrustAnchor,
};
