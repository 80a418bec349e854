import type { ExtensionStatus } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { getDefaultIdentityId } from '../store/identities';

/** The popup's "state at a glance". */
export async function handleGetStatus(_request: Record<string, never>, context: HandlerContext): Promise<ExtensionStatus> {
  const database = await context.database();
  const defaultIdentityId = await getDefaultIdentityId(database);
  const defaultRecord = defaultIdentityId === undefined ? undefined : await database.get('identities', defaultIdentityId);
  return {
    version: chrome.runtime.getManifest().version,
    identityCount: await database.count('identities'),
    defaultIdentity: defaultRecord && {
      id: defaultRecord.id,
      subject: defaultRecord.summary.subject,
      emailAddresses: defaultRecord.emailAddresses,
    },
    trustAnchorCount: await database.count('trustAnchors'),
    contactCount: await database.count('contacts'),
  };
}
