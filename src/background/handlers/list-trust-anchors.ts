import type { TrustAnchorSummary } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { listTrustAnchorRecords } from '../store/trust-anchors';
import { toTrustAnchorSummary } from './record-summaries';

export async function handleListTrustAnchors(_request: Record<string, never>, context: HandlerContext): Promise<TrustAnchorSummary[]> {
  return (await listTrustAnchorRecords(await context.database())).map(toTrustAnchorSummary);
}
