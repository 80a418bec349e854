/**
 * `lookUpRecipientCertificates` (issue 6 item 2): as addresses are typed into a compose window,
 * whether Signet has a usable certificate for each. Certificates are public: content scripts may
 * ask (DESIGN.md security model 2).
 */
import { SignetError } from '../../shared/errors';
import type { RecipientCertificateAnswer, RequestOf } from '../../shared/protocol';
import { judgeRecipientCertificates, MAXIMUM_LOOKED_UP_ADDRESSES } from '../outgoing/recipient-certificates';
import type { HandlerContext } from '../router';
import { requireString } from './request-fields';

export async function handleLookUpRecipientCertificates(
  request: RequestOf<'lookUpRecipientCertificates'>,
  context: HandlerContext,
): Promise<RecipientCertificateAnswer[]> {
  if (!Array.isArray(request.addresses) || request.addresses.length > MAXIMUM_LOOKED_UP_ADDRESSES) {
    throw new SignetError('bad-request', `"addresses" must be a list of at most ${MAXIMUM_LOOKED_UP_ADDRESSES} addresses.`);
  }
  const addresses = request.addresses.map((address) => requireString(address, 'addresses', 320));
  const choices = await judgeRecipientCertificates(await context.database(), addresses);
  return choices.map((choice) => choice.answer);
}
