/**
 * What the send-confirmation frame says will be done, computed from the same inputs the send uses
 * (identity, recipients' certificates, algorithm choice), so the person confirms what happens.
 */
import { chooseContentEncryption, type EncryptionRecipient } from '../../crypto/message/encrypt-message';
import type { OutgoingDraftSummary, RecipientCertificateAnswer } from '../../shared/protocol';
import type { IdentityRecord, SignetDatabase } from '../store/schema';
import { findIdentityForAddress } from './identity-for-address';
import type { StoredOutgoingDraft } from './outgoing-drafts';
import { toMailbox } from './read-outgoing-draft';
import { judgeRecipientCertificates, type RecipientChoice } from './recipient-certificates';

const CONTENT_ALGORITHM_NAMES = { 'aes-256-cbc': 'AES-256-CBC', 'aes-128-gcm': 'AES-128-GCM', 'aes-256-gcm': 'AES-256-GCM' } as const;

export interface OutgoingPlan {
  identity?: IdentityRecord;
  /** Every To, Cc, Bcc and the sender, judged (only when encrypting). */
  recipients: RecipientChoice[];
  missingCertificates: RecipientCertificateAnswer[];
  plan: string[];
}

export async function planOutgoingDraft(database: SignetDatabase, stored: StoredOutgoingDraft, providerName: string): Promise<OutgoingPlan> {
  const { draft } = stored;
  const senderAddress = toMailbox(draft.from).address.toLowerCase();
  const identity = await findIdentityForAddress(database, senderAddress);
  const plan: string[] = [];
  if ((stored.sign || stored.encrypt) && !identity) {
    plan.push(`Signet has no digital ID for ${senderAddress}: import one on the management page to sign or encrypt from this address.`);
  }
  if (stored.sign && identity) {
    plan.push(`Sign with your digital ID "${identity.summary.subject}" (SHA-256; detached, so it stays readable without S/MIME).`);
  }
  let recipients: RecipientChoice[] = [];
  let missingCertificates: RecipientCertificateAnswer[] = [];
  if (stored.encrypt) {
    const addresses = [...draft.to, ...draft.cc, ...draft.bcc].map((text) => toMailbox(text).address.toLowerCase());
    recipients = await judgeRecipientCertificates(database, [...addresses, senderAddress]);
    missingCertificates = recipients.filter((choice) => choice.answer.state !== 'usable').map((choice) => choice.answer);
    const usable: EncryptionRecipient[] = recipients.flatMap((choice) => (choice.certificate ? [{ certificate: choice.certificate, capabilities: choice.capabilities }] : []));
    const algorithm = CONTENT_ALGORITHM_NAMES[chooseContentEncryption(usable)];
    plan.push(`Encrypt with ${algorithm} for ${[...new Set([...addresses, senderAddress])].join(', ')} (you stay a recipient, so your sent copy stays readable).`);
    if (draft.bcc.length > 0) plan.push('Each Bcc recipient gets a separate encrypted copy, so nobody sees who else received it.');
  }
  if (!stored.sign && !stored.encrypt) plan.push('Send without signing or encrypting.');
  plan.push(`Send through ${providerName}, then fetch the sent copy back and check it.`);
  return { identity, recipients, missingCertificates, plan };
}

/** The frame's view of a staged draft (no attachment bytes). */
export function summarizeOutgoingDraft(
  stored: StoredOutgoingDraft,
  plan: OutgoingPlan,
  progress: OutgoingDraftSummary['progress'],
): OutgoingDraftSummary {
  const { draft } = stored;
  return {
    from: draft.from,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    sign: stored.sign,
    encrypt: stored.encrypt,
    attachments: draft.attachments.map((attachment) => ({
      fileName: attachment.fileName,
      mediaType: attachment.mediaType,
      sizeBytes: Math.floor((attachment.contentBase64.replace(/=+$/, '').length * 3) / 4),
    })),
    identity: plan.identity && { id: plan.identity.id, subject: plan.identity.summary.subject },
    missingCertificates: plan.missingCertificates,
    plan: plan.plan,
    progress,
    sent: stored.sent,
  };
}

/** "Gmail" or "the demo webmail", from the page that staged the draft. */
export function providerNameFor(pageUrl: string | undefined): string {
  try {
    return new URL(pageUrl ?? '').hostname === 'mail.google.com' ? 'Gmail' : 'the demo webmail';
  } catch {
    return 'the webmail';
  }
}
