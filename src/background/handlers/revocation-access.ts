/**
 * `getRevocationAccess`, `setRevocationChecking`, `forgetRevocationCache` (issue 4): what the
 * management page's "Check revocation online" section shows and changes. Privileged: a webmail
 * page must not turn revocation checking off.
 */
import { SignetError } from '../../shared/errors';
import type { RequestOf, RevocationAccess } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { revocationNetwork } from '../revocation/revocation-network';
import { readRevocationAccess, writeRevocationAccess } from '../revocation/revocation-setting';
import { clearRevocationCache } from '../revocation/stored-revocation-cache';
import type { SignetDatabase } from '../store/schema';

export async function handleGetRevocationAccess(_request: RequestOf<'getRevocationAccess'>, context: HandlerContext): Promise<RevocationAccess> {
  return describeRevocationAccess(await context.database());
}

export async function handleSetRevocationChecking(request: RequestOf<'setRevocationChecking'>, context: HandlerContext): Promise<RevocationAccess> {
  if (typeof request.online !== 'boolean') throw new SignetError('bad-request', '"online" must be true or false.');
  const database = await context.database();
  await writeRevocationAccess(database, { ...(await readRevocationAccess(database)), online: request.online });
  return describeRevocationAccess(database);
}

export async function handleForgetRevocationCache(_request: RequestOf<'forgetRevocationCache'>, context: HandlerContext): Promise<RevocationAccess> {
  const database = await context.database();
  await clearRevocationCache(database);
  return describeRevocationAccess(database);
}

async function describeRevocationAccess(database: SignetDatabase): Promise<RevocationAccess> {
  const [setting, cachedEntries] = await Promise.all([readRevocationAccess(database), database.count('revocationCache')]);
  const permissions = revocationNetwork()?.permissions;
  const origins = await Promise.all(
    setting.wantedOrigins.map(async (origin) => ({ origin, granted: permissions ? await permissions.contains({ origins: [origin] }) : false })),
  );
  return { online: setting.online, origins, cachedEntries };
}
