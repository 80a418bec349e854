/**
 * `verifyMessage` (issue 5 items 2-6): a raw message opened in a webmail gets its verdict. Content
 * scripts may ask (DESIGN.md security model 2): verification uses only public data. A good
 * signature's certificate is harvested into contacts, and the verdict is kept as evidence.
 */
import { verifyMessage } from '../../crypto/message/verify-message';
import type { Verdict } from '../../crypto/verdict';
import type { RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { harvestSignerCertificates } from '../store/contacts';
import { recordEvidence } from '../store/evidence';
import { MESSAGE_MAX_BYTES, optionalString, requireBase64Bytes } from './request-fields';
import { loadVerificationInputs } from './verification-inputs';

/** Gmail's ids are ~25 characters; anything far longer is not an id. */
export const MESSAGE_ID_MAX_LENGTH = 200;

export async function handleVerifyMessage(request: RequestOf<'verifyMessage'>, context: HandlerContext): Promise<Verdict> {
  const raw = requireBase64Bytes(request.rawBase64, 'rawBase64', MESSAGE_MAX_BYTES);
  const messageId = optionalString(request.messageId, 'messageId', MESSAGE_ID_MAX_LENGTH);
  const database = await context.database();
  const verdict = await verifyMessage(raw, await loadVerificationInputs(database));
  const verifiedAt = new Date().toISOString();
  await harvestSignerCertificates(database, verdict, verifiedAt);
  await recordEvidence(database, { raw, messageId, verdict, verifiedAt });
  return verdict;
}
