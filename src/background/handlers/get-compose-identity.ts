/**
 * `getComposeIdentity` (issue 6 item 1): the digital ID for a compose window's From address and
 * its defaults. Says only whether the person has an identity for an address the page already
 * shows, and its public subject.
 */
import type { ComposeIdentity, RequestOf } from '../../shared/protocol';
import { defaultsFor, readComposeSettings } from '../outgoing/compose-settings';
import { findIdentityForAddress } from '../outgoing/identity-for-address';
import type { HandlerContext } from '../router';
import { requireString } from './request-fields';

export async function handleGetComposeIdentity(request: RequestOf<'getComposeIdentity'>, context: HandlerContext): Promise<ComposeIdentity> {
  const address = requireString(request.fromAddress, 'fromAddress', 320).trim().toLowerCase();
  const database = await context.database();
  const [identity, settings] = await Promise.all([findIdentityForAddress(database, address), readComposeSettings(database)]);
  return {
    address,
    identityId: identity?.id,
    subject: identity?.summary.subject,
    ...defaultsFor(settings, identity?.id),
  };
}
