import type { IdentitySummary } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { getDefaultIdentityId, listIdentityRecords } from '../store/identities';
import { toIdentitySummary } from './record-summaries';

export async function handleListIdentities(_request: Record<string, never>, context: HandlerContext): Promise<IdentitySummary[]> {
  const database = await context.database();
  const defaultIdentityId = await getDefaultIdentityId(database);
  return (await listIdentityRecords(database)).map((record) => toIdentitySummary(record, defaultIdentityId));
}
