/**
 * `decryptStagedMessage` (issue 5 item 4, DESIGN.md security model 2 and 3): privileged, so only
 * Signet's decrypt frame can ask, after the person clicked "Decrypt" in it. The message is
 * decrypted with the person's digital ID that it was encrypted to (the default one first), any
 * signature inside is verified, and the readable content goes back to the frame only. The webmail
 * tab's content script learns the verdict (for the badge), never the content.
 */
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import { decryptMessage } from '../../crypto/message/decrypt-message';
import { verifyMessage } from '../../crypto/message/verify-message';
import type { EncryptionReport, Verdict } from '../../crypto/verdict';
import { SignetError, isSignetError } from '../../shared/errors';
import type { DecryptedMessage, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { harvestSignerCertificates } from '../store/contacts';
import { recordEvidence } from '../store/evidence';
import { getDefaultIdentityId, listIdentityRecords } from '../store/identities';
import type { IdentityRecord, SignetDatabase } from '../store/schema';
import { stagedMessages, type StagedMessages } from '../store/staged-messages';
import { describeReadableContent, unwrapSignedLayers } from './decrypted-content';
import { notifyTab } from './notify-tab';
import { requireString } from './request-fields';
import { loadVerificationInputs } from './verification-inputs';

export async function handleDecryptStagedMessage(
  request: RequestOf<'decryptStagedMessage'>,
  context: HandlerContext,
  staged: StagedMessages = stagedMessages,
): Promise<DecryptedMessage> {
  const token = requireString(request.token, 'token', 64);
  const message = await staged.find(token);
  if (!message) {
    throw new SignetError('bad-request', 'Signet no longer has this encrypted message at hand. Open the message again.');
  }
  if (message.tabId !== undefined && message.tabId !== context.sender.tabId) {
    throw new SignetError('forbidden-sender', 'This encrypted message was opened in another tab.');
  }
  const database = await context.database();
  const identities = await identitiesDefaultFirst(database);
  if (identities.length === 0) {
    throw new SignetError('identity-not-found', 'Import your digital ID (.p12) on the Signet management page to decrypt mail.');
  }

  let innermost: Uint8Array | undefined;
  const verdict = await verifyMessage(message.raw, {
    ...(await loadVerificationInputs(database)),
    decrypt: async (encryptedEntity) => {
      const opened = await decryptWithIdentities(encryptedEntity, identities);
      innermost = opened.content;
      return opened;
    },
  });
  if (!innermost) throw new SignetError('not-encrypted', 'This message is not encrypted.');

  const verifiedAt = new Date().toISOString();
  await harvestSignerCertificates(database, verdict, verifiedAt);
  await recordEvidence(database, { raw: message.raw, messageId: message.messageId, verdict, verifiedAt });
  // The badge in the page gets the status and signer; protected headers (RFC 9788: possibly the
  // real Subject of an encrypted message) stay out of the page.
  await notifyTab(context.sender.tabId, { kind: 'decrypted', token, verdict: withoutProtectedHeaders(verdict) });

  const readable = unwrapSignedLayers(innermost);
  return {
    verdict,
    subject: verdict.protectedHeaders?.Subject ?? verdict.protectedHeaders?.subject,
    ...describeReadableContent(readable),
  };
}

async function identitiesDefaultFirst(database: SignetDatabase): Promise<IdentityRecord[]> {
  const [records, defaultId] = await Promise.all([listIdentityRecords(database), getDefaultIdentityId(database)]);
  return [...records.filter((record) => record.id === defaultId), ...records.filter((record) => record.id !== defaultId)];
}

/** Tries each identity the message may be for; `not-a-recipient` from all of them is the answer. */
async function decryptWithIdentities(
  encryptedEntity: Uint8Array,
  identities: IdentityRecord[],
): Promise<{ content: Uint8Array; encryption: EncryptionReport }> {
  let lastError: unknown;
  for (const identity of identities) {
    try {
      return await decryptMessage(encryptedEntity, {
        key: createPrivateKeyHandle(identity.keys),
        certificate: identity.certificates[0],
      });
    } catch (error) {
      if (!isSignetError(error, 'not-a-recipient')) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

function withoutProtectedHeaders(verdict: Verdict): Verdict {
  const { protectedHeaders: _hidden, ...rest } = verdict;
  return rest;
}
