import type { RequestHandlers } from '../router';
import { handleAddSite, handleListSites, handleRemoveSite } from './authorised-sites';
import { handleDeleteIdentity } from './delete-identity';
import { handleDeleteTrustAnchor } from './delete-trust-anchor';
import { handleExportIdentityCertificate } from './export-identity-certificate';
import { handleGetStatus } from './get-status';
import { handleImportPkcs12 } from './import-pkcs12';
import { handleImportTrustAnchor } from './import-trust-anchor';
import { handleListIdentities } from './list-identities';
import { handleListTrustAnchors } from './list-trust-anchors';
import { handleSetDefaultIdentity } from './set-default-identity';
import { handleSignMessage } from './sign-message';
import { handleSignWithIdentity } from './sign-with-identity';
import { handleDecryptStagedMessage } from './decrypt-staged-message';
import { handleExportEvidence } from './export-evidence';
import { handleGetContact } from './get-contact';
import { handleListContacts } from './list-contacts';
import { handleListEvidence } from './list-evidence';
import { handleStageEncryptedMessage } from './stage-encrypted-message';
import { handleTrustSenderCertificate, handleUntrustSenderCertificate } from './trust-sender-certificate';
import { handleVerifyMessage } from './verify-message';
import { handleGetComposeSettings, handleSetComposeSettings } from './compose-settings';
import { handleDiscardOutgoingDraft } from './discard-outgoing-draft';
import { handleGetComposeIdentity } from './get-compose-identity';
import { handleGetOutgoingDraft } from './get-outgoing-draft';
import { handleLookUpRecipientCertificates } from './look-up-recipient-certificates';
import { handleSendOutgoingDraft } from './send-outgoing-draft';
import { handleStageOutgoingDraft } from './stage-outgoing-draft';
import { handleCloseSecureCompose, handleOpenSecureCompose, handleReadSecureComposeBody, handleSaveSecureComposeBody } from './secure-compose';
import { handleForgetRevocationCache, handleGetRevocationAccess, handleSetRevocationChecking } from './revocation-access';

/** One handler per request of `ProtocolMap` (the type insists; `handlers.test.ts` checks it at run time). */
export const handlers: RequestHandlers = {
  getStatus: handleGetStatus,
  importPkcs12: handleImportPkcs12,
  listIdentities: handleListIdentities,
  deleteIdentity: handleDeleteIdentity,
  setDefaultIdentity: handleSetDefaultIdentity,
  exportIdentityCertificate: handleExportIdentityCertificate,
  signWithIdentity: handleSignWithIdentity,
  signMessage: handleSignMessage,
  importTrustAnchor: handleImportTrustAnchor,
  listTrustAnchors: handleListTrustAnchors,
  deleteTrustAnchor: handleDeleteTrustAnchor,
  verifyMessage: handleVerifyMessage,
  stageEncryptedMessage: (request, context) => handleStageEncryptedMessage(request, context),
  decryptStagedMessage: (request, context) => handleDecryptStagedMessage(request, context),
  getContact: handleGetContact,
  trustSenderCertificate: handleTrustSenderCertificate,
  untrustSenderCertificate: handleUntrustSenderCertificate,
  listContacts: handleListContacts,
  listEvidence: handleListEvidence,
  exportEvidence: handleExportEvidence,
  lookUpRecipientCertificates: handleLookUpRecipientCertificates,
  getComposeIdentity: handleGetComposeIdentity,
  stageOutgoingDraft: (request, context) => handleStageOutgoingDraft(request, context),
  getOutgoingDraft: (request, context) => handleGetOutgoingDraft(request, context),
  sendOutgoingDraft: (request, context) => handleSendOutgoingDraft(request, context),
  discardOutgoingDraft: (request, context) => handleDiscardOutgoingDraft(request, context),
  openSecureCompose: (request, context) => handleOpenSecureCompose(request, context),
  readSecureComposeBody: (request, context) => handleReadSecureComposeBody(request, context),
  saveSecureComposeBody: (request, context) => handleSaveSecureComposeBody(request, context),
  closeSecureCompose: (request, context) => handleCloseSecureCompose(request, context),
  getComposeSettings: handleGetComposeSettings,
  setComposeSettings: handleSetComposeSettings,
  getRevocationAccess: handleGetRevocationAccess,
  setRevocationChecking: handleSetRevocationChecking,
  forgetRevocationCache: handleForgetRevocationCache,
  listSites: handleListSites,
  addSite: handleAddSite,
  removeSite: handleRemoveSite,
};
