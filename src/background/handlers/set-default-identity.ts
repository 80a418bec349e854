import type { IdentitySummary, RequestOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { getIdentityRecord, setDefaultIdentity } from '../store/identities';
import { toIdentitySummary } from './record-summaries';
import { ID_MAX_LENGTH, requireString } from './request-fields';

/** The identity Signet signs with when the From address doesn't pick another. */
export async function handleSetDefaultIdentity(
  request: RequestOf<'setDefaultIdentity'>,
  context: HandlerContext,
): Promise<IdentitySummary> {
  const identityId = requireString(request.identityId, 'identityId', ID_MAX_LENGTH);
  const database = await context.database();
  await setDefaultIdentity(database, identityId);
  return toIdentitySummary(await getIdentityRecord(database, identityId), identityId);
}
