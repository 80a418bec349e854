/**
 * The one typed protocol between Signet's contexts (STYLE.md rule 2; webext-core messaging).
 * Every request is a name in `ProtocolMap` with its request and response types; the background
 * has exactly one handler per name, and `REQUEST_SENDERS` says who may ask for it (DESIGN.md,
 * security model 2). Bytes cross `runtime.sendMessage` as base64 strings: Chrome serializes
 * messages as JSON, so a Uint8Array would arrive as a plain object.
 *
 * Adding a request: a member here, an entry in `REQUEST_SENDERS` (the compiler insists), and a
 * handler file registered in `src/background/handlers/index.ts` (a unit test insists).
 */
import type { CertificateSummary, Verdict, VerificationStatus } from '../crypto/verdict';
import { SignetError, type SerializedError } from './errors';

/** A digital ID (certificate + private key) as the pages see it: never any key material. */
export interface IdentitySummary {
  /** The SHA-256 fingerprint of the leaf certificate (lower-case hex): stable and unique. */
  id: string;
  /** The PKCS#12 friendlyName (RFC 7292 §4.2 bag attribute), when the file carried one. */
  friendlyName?: string;
  certificate: CertificateSummary;
  keyType: 'RSA' | 'EC';
  keySizeBits: number;
  namedCurve?: string;
  /** How many certificates the file brought (leaf plus chain). */
  certificateCount: number;
  isDefault: boolean;
  /** ISO 8601. */
  importedAt: string;
}

export interface TrustAnchorSummary {
  /** SHA-256 fingerprint of the certificate. */
  id: string;
  certificate: CertificateSummary;
  importedAt: string;
}

export interface ExtensionStatus {
  version: string;
  identityCount: number;
  defaultIdentity?: { id: string; subject: string; emailAddresses: string[] };
  trustAnchorCount: number;
  contactCount: number;
}

export type CertificateExportFormat = 'pem' | 'der';

/** A correspondent's certificate harvested from signed mail (issue 5 item 5). */
export interface ContactSummary {
  /** SHA-256 fingerprint of the certificate. */
  id: string;
  emailAddresses: string[];
  certificate: CertificateSummary;
  /** SMIMECapabilities (RFC 8551 §2.5.2) as algorithm OIDs, in the sender's order of preference. */
  capabilities: string[];
  explicitlyTrusted: boolean;
  /** The verdict of the last good signature seen with it (`valid`, `untrusted`, ...). */
  lastStatus?: VerificationStatus;
  /** The certificate Signet would encrypt to for (one of) its addresses: the newest trusted one. */
  preferredForEncryption: boolean;
  firstSeen: string;
  lastSeen: string;
}

/** One message's kept verdicts (issue 5 item 6, non-repudiation). */
export interface EvidenceSummary {
  /** SHA-256 of the raw message, lower-case hex. */
  messageKey: string;
  messageId?: string;
  status: VerificationStatus;
  signerAddress?: string;
  subject?: string;
  fromAddress?: string;
  /** ISO 8601 of the latest verification. */
  recordedAt: string;
  verificationCount: number;
}

/** What the decrypt frame shows. `html` is the message's own HTML: the frame sanitizes it before display. */
export interface DecryptedMessage {
  verdict: Verdict;
  /** The protected Subject (RFC 9788) when the encrypted part carries one. */
  subject?: string;
  text?: string;
  html?: string;
  attachments: { fileName: string; mediaType: string; sizeBytes: number }[];
}

// Writing mail (issue 6): compose toggles, recipients' certificates, send confirmation, self-check

/** Whether Signet can encrypt to an address: a certificate that is valid, trusted, not revoked, for e-mail. */
export type RecipientCertificateState = 'usable' | 'missing' | 'untrusted' | 'expired' | 'revoked' | 'not-for-email';

export interface RecipientCertificateAnswer {
  /** Lower-case. */
  address: string;
  state: RecipientCertificateState;
  /** The certificate judged (the best one found for the address), when there is one. */
  fingerprint?: string;
  subject?: string;
  notAfter?: string;
}

/** The digital ID for a compose window's From address (Gmail send-as aliases each map to one) and its defaults. */
export interface ComposeIdentity {
  address: string;
  identityId?: string;
  subject?: string;
  /** Sign every message from this identity unless the person turns Sign off. */
  alwaysSign: boolean;
  /** Turn Encrypt on by itself once every recipient has a usable certificate. */
  encryptWhenPossible: boolean;
}

export interface ComposeDefaults {
  alwaysSign: boolean;
  encryptWhenPossible: boolean;
}

export interface ComposeSettings {
  /** Per identity id (SHA-256 fingerprint). Identities not named use `fallback`. */
  identities: Record<string, ComposeDefaults>;
  fallback: ComposeDefaults;
  /** OAuth client id for real Gmail (a Google Cloud "web application" client); empty: not set up. */
  gmailOAuthClientId: string;
}

/** The compose fields a content script read from the webmail's compose window. */
export interface OutgoingDraft {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html?: string;
  attachments: { fileName: string; mediaType: string; contentBase64: string }[];
  /** The provider's id of the message replied to (Gmail: the hex API id), for In-Reply-To/References. */
  repliedMessageId?: string;
  /** The provider's thread id (Gmail: the hex API thread id), so a reply stays in its thread. */
  threadId?: string;
}

export interface SendProgress {
  step: 'waiting' | 'building' | 'signing' | 'encrypting' | 'sending' | 'checking' | 'done' | 'failed';
  /** 0..1 for the whole job. */
  fraction: number;
  description: string;
}

/** The self-check (issue 6 item 4): the sent copy fetched back and verified. */
export interface SelfCheckResult {
  outcome: 'intact' | 'altered' | 'not-checked';
  /** The verdict of the sent copy, when it could be verified. */
  status?: VerificationStatus;
  description: string;
}

export interface SentDraft {
  messageId: string;
  threadId: string;
  form: 'detached' | 'opaque';
  selfCheck: SelfCheckResult;
  /** Bcc copies sent separately when encrypting (see send-outgoing-draft.ts). */
  separateCopies: number;
}

/** What the send-confirmation frame shows before the person confirms. */
export interface OutgoingDraftSummary {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  sign: boolean;
  encrypt: boolean;
  attachments: { fileName: string; mediaType: string; sizeBytes: number }[];
  identity?: { id: string; subject: string };
  /** Recipients (and the sender) without a usable certificate, when encrypting. */
  missingCertificates: RecipientCertificateAnswer[];
  /** What will be done, one sentence each, in order. */
  plan: string[];
  progress: SendProgress;
  sent?: SentDraft;
}

/** Online revocation checking (issue 4; DESIGN.md security models 5 and 6), as the management page shows it. */
export interface RevocationAccess {
  /** Whether verifications fetch CRLs, OCSP answers and missing intermediates (on by default). */
  online: boolean;
  /** Servers (match patterns like `http://crl.example/*`) a verification needed, and whether Signet may reach each. */
  origins: { origin: string; granted: boolean }[];
  /** Fetched CRLs, OCSP answers and intermediates kept until their nextUpdate. */
  cachedEntries: number;
}

/** A webmail site the person authorised (DESIGN.md security model 6), as the management page lists it. */
export interface SiteSummary {
  /** Match pattern of the whole origin, `https://mail.example.org/*`. */
  origin: string;
  /** ISO 8601. */
  addedAt: string;
  /** Whether Signet's content script is registered there now. */
  active: boolean;
}

/** Request name -> request and response types. */
export interface ProtocolMap {
  getStatus: { request: Record<string, never>; response: ExtensionStatus };

  // Digital IDs (issue 2)
  importPkcs12: { request: { fileBase64: string; password: string }; response: IdentitySummary };
  listIdentities: { request: Record<string, never>; response: IdentitySummary[] };
  deleteIdentity: { request: { identityId: string }; response: { deleted: true } };
  setDefaultIdentity: { request: { identityId: string }; response: IdentitySummary };
  exportIdentityCertificate: {
    request: { identityId: string; format: CertificateExportFormat };
    /** `pem`: the PEM text; `der`: the DER as base64. `fileName` is a suggestion for a download. */
    response: { fileName: string; mediaType: string; pem?: string; derBase64?: string };
  };
  /** Signs raw bytes with an identity's key: the lowest-level proof that a stored key still works. */
  signWithIdentity: {
    request: { identityId?: string; dataBase64: string };
    response: { signatureBase64: string; scheme: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; hash: 'SHA-256' };
  };
  /** Signs a whole MIME message (RFC 8551 §3.5) with an identity (the default one when none is named). */
  signMessage: {
    request: { identityId?: string; rawBase64: string; form?: 'detached' | 'opaque' };
    response: { signedBase64: string };
  };

  // Trust anchors (DESIGN.md security model 4)
  importTrustAnchor: { request: { fileBase64: string }; response: TrustAnchorSummary[] };
  listTrustAnchors: { request: Record<string, never>; response: TrustAnchorSummary[] };
  deleteTrustAnchor: { request: { anchorId: string }; response: { deleted: true } };

  // Reading mail (issue 5): verification, encrypted mail, contacts, evidence
  /** Verifies a raw message (RFC 5322 bytes as base64) opened in a webmail. */
  verifyMessage: { request: { rawBase64: string; messageId?: string }; response: Verdict };
  /** Keeps an encrypted message's ciphertext in the background for Signet's decrypt frame. */
  stageEncryptedMessage: { request: { rawBase64: string; messageId?: string }; response: { token: string } };
  /** Decrypts a staged message with the identity it was encrypted to: Signet's decrypt frame only. */
  decryptStagedMessage: { request: { token: string }; response: DecryptedMessage };
  /** What the trust-sender frame shows before the person decides. */
  getContact: { request: { contactId: string }; response: ContactSummary };
  /** Trusts a harvested certificate directly (Notes' cross-certify): the trust-sender frame only. */
  trustSenderCertificate: { request: { contactId: string }; response: ContactSummary };
  /** Takes back a direct trust given with trustSenderCertificate. */
  untrustSenderCertificate: { request: { contactId: string }; response: ContactSummary };
  listContacts: { request: Record<string, never>; response: ContactSummary[] };
  listEvidence: { request: Record<string, never>; response: EvidenceSummary[] };
  /** One message's evidence as a JSON document (with the raw message as base64) and the .eml itself. */
  exportEvidence: {
    request: { messageKey: string };
    response: { fileName: string; json: string; emlFileName: string; rawBase64: string };
  };
  // Writing mail (issue 6)
  /** Which certificate Signet would encrypt to for each address (public data: content scripts may ask). */
  lookUpRecipientCertificates: { request: { addresses: string[] }; response: RecipientCertificateAnswer[] };
  /** The identity and defaults for a From address. */
  getComposeIdentity: { request: { fromAddress: string }; response: ComposeIdentity };
  /** A content script hands over a draft whose Send it cancelled; nothing is signed or sent yet. */
  stageOutgoingDraft: {
    /** `secureComposeToken`: the body is the one typed in Signet's secure-compose frame, not the page's. */
    request: { draft: OutgoingDraft; sign: boolean; encrypt: boolean; secureComposeToken?: string };
    response: { token: string; missingCertificates: RecipientCertificateAnswer[] };
  };
  /** Encrypt turned on by a person: a secure-compose session starts with what the page's editor held (DESIGN.md security model 3). */
  openSecureCompose: { request: { initialText: string }; response: { token: string } };
  /** The secure-compose frame reads the session's text (and whether some was typed in the page before). */
  readSecureComposeBody: { request: { token: string }; response: { text: string; typedInPageBefore: boolean } };
  /** The secure-compose frame keeps what the person types with the background, never with the page. */
  saveSecureComposeBody: { request: { token: string; text: string }; response: { saved: true } };
  /** The compose window closed, or the text went back to the page: the session is forgotten. */
  closeSecureCompose: { request: { token: string }; response: { closed: true } };
  /** The send-confirmation frame reads what it asks the person to confirm (and the progress). */
  getOutgoingDraft: { request: { token: string }; response: OutgoingDraftSummary };
  /** Builds, signs and/or encrypts, sends, and self-checks: the send-confirmation frame only, after a click there. */
  sendOutgoingDraft: { request: { token: string; form?: 'detached' | 'opaque' }; response: SentDraft };
  /** Forgets a staged draft (its compose window closed, or the person cancelled). */
  discardOutgoingDraft: { request: { token: string }; response: { discarded: true } };
  getComposeSettings: { request: Record<string, never>; response: ComposeSettings };
  setComposeSettings: { request: { settings: ComposeSettings }; response: ComposeSettings };

  // Revocation online (issue 4)
  getRevocationAccess: { request: Record<string, never>; response: RevocationAccess };
  /** Turns fetching revocation data and missing intermediates on or off. */
  setRevocationChecking: { request: { online: boolean }; response: RevocationAccess };
  /** Forgets every fetched CRL, OCSP answer and intermediate. */
  forgetRevocationCache: { request: Record<string, never>; response: RevocationAccess };

  // Webmail sites (DESIGN.md security model 6)
  listSites: { request: Record<string, never>; response: SiteSummary[] };
  /** Runs Signet on a site whose host permission the management page has just obtained. */
  addSite: { request: { origin: string }; response: SiteSummary[] };
  /** Stops running Signet on a site (the page then gives the permission back). */
  removeSite: { request: { origin: string }; response: SiteSummary[] };
}

export type RequestName = keyof ProtocolMap;
export type RequestOf<Name extends RequestName> = ProtocolMap[Name]['request'];
export type ResponseOf<Name extends RequestName> = ProtocolMap[Name]['response'];

/**
 * Who may send each request (DESIGN.md security model 2). `extension-pages`: only pages of the
 * extension's own origin (popup, management page, secure frames), never a content script, so a
 * webmail page (even one with an XSS) can't make Signet sign, decrypt, or change keys and trust.
 */
export type SenderPolicy = 'any-context' | 'extension-pages';

export const REQUEST_SENDERS: { readonly [Name in RequestName]: SenderPolicy } = {
  getStatus: 'any-context',
  importPkcs12: 'extension-pages',
  listIdentities: 'any-context',
  deleteIdentity: 'extension-pages',
  setDefaultIdentity: 'extension-pages',
  exportIdentityCertificate: 'any-context',
  signWithIdentity: 'extension-pages',
  signMessage: 'extension-pages',
  importTrustAnchor: 'extension-pages',
  listTrustAnchors: 'any-context',
  deleteTrustAnchor: 'extension-pages',
  verifyMessage: 'any-context',
  stageEncryptedMessage: 'any-context',
  decryptStagedMessage: 'extension-pages',
  getContact: 'extension-pages',
  trustSenderCertificate: 'extension-pages',
  untrustSenderCertificate: 'extension-pages',
  listContacts: 'extension-pages',
  listEvidence: 'extension-pages',
  exportEvidence: 'extension-pages',
  lookUpRecipientCertificates: 'any-context',
  getComposeIdentity: 'any-context',
  stageOutgoingDraft: 'any-context',
  getOutgoingDraft: 'extension-pages',
  sendOutgoingDraft: 'extension-pages',
  discardOutgoingDraft: 'any-context',
  openSecureCompose: 'any-context',
  readSecureComposeBody: 'extension-pages',
  saveSecureComposeBody: 'extension-pages',
  closeSecureCompose: 'any-context',
  getComposeSettings: 'any-context',
  setComposeSettings: 'extension-pages',
  getRevocationAccess: 'extension-pages',
  setRevocationChecking: 'extension-pages',
  forgetRevocationCache: 'extension-pages',
  listSites: 'extension-pages',
  addSite: 'extension-pages',
  removeSite: 'extension-pages',
};

export const REQUEST_NAMES = Object.keys(REQUEST_SENDERS) as RequestName[];

/** Signing, decryption, key import/delete, trust changes: extension-origin pages only. */
export const PRIVILEGED_REQUESTS: ReadonlySet<RequestName> = new Set(
  REQUEST_NAMES.filter((name) => REQUEST_SENDERS[name] === 'extension-pages'),
);

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(REQUEST_SENDERS, name);
}

/** What travels over `runtime.sendMessage`. The marker keeps other messages out of the router. */
export interface RequestEnvelope<Name extends RequestName = RequestName> {
  signet: 1;
  name: Name;
  request: RequestOf<Name>;
}

export type ResponseEnvelope<Value> = { ok: true; value: Value } | { ok: false; error: SerializedError };

export function isResponseEnvelope<Value>(message: unknown): message is ResponseEnvelope<Value> {
  if (typeof message !== 'object' || message === null || !('ok' in message)) return false;
  if (message.ok === true) return 'value' in message;
  return message.ok === false && 'error' in message && typeof message.error === 'object' && message.error !== null;
}

/** Turns an answer from the background back into a value, or a SignetError with the same code. */
export function unwrapResponse<Value>(message: unknown): Value {
  if (!isResponseEnvelope<Value>(message)) {
    throw new SignetError('internal-error', 'The Signet background did not answer. Reload the extension and try again.');
  }
  if (message.ok) return message.value;
  throw new SignetError(message.error.code, message.error.message);
}

/**
 * Asks the background for `name` from any context (page, popup, frame, content script). The
 * `chrome.runtime.sendMessage` promise form exists in Chrome MV3 and in Firefox.
 */
export async function sendRequest<Name extends RequestName>(name: Name, request: RequestOf<Name>): Promise<ResponseOf<Name>> {
  const envelope: RequestEnvelope<Name> = { signet: 1, name, request };
  const answer: unknown = await chrome.runtime.sendMessage(envelope);
  return unwrapResponse<ResponseOf<Name>>(answer);
}
