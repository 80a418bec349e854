import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { deleteIdentity } from '../store/identities';
import { ID_MAX_LENGTH, requireString } from './request-fields';

/** Deletes the identity and its keys (the page asks the user to confirm first). */
export async function handleDeleteIdentity(
  request: RequestOf<'deleteIdentity'>,
  context: HandlerContext,
): Promise<ResponseOf<'deleteIdentity'>> {
  await deleteIdentity(await context.database(), requireString(request.identityId, 'identityId', ID_MAX_LENGTH));
  return { deleted: true };
}
