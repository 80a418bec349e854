import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { deleteTrustAnchor } from '../store/trust-anchors';
import { ID_MAX_LENGTH, requireString } from './request-fields';

export async function handleDeleteTrustAnchor(
  request: RequestOf<'deleteTrustAnchor'>,
  context: HandlerContext,
): Promise<ResponseOf<'deleteTrustAnchor'>> {
  await deleteTrustAnchor(await context.database(), requireString(request.anchorId, 'anchorId', ID_MAX_LENGTH));
  return { deleted: true };
}
