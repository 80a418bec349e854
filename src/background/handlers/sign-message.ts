import { encodeBase64 } from '../../crypto/encoding/base64';
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import { signMessage } from '../../crypto/message/sign-message';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { resolveIdentityRecord } from '../store/identities';
import { ID_MAX_LENGTH, MESSAGE_MAX_BYTES, optionalString, requireBase64Bytes, requireOneOf } from './request-fields';

/**
 * Signs a message the user composed in one of Signet's own pages (privileged: DESIGN.md security
 * model 2), with the identity's stored key and its certificate chain (RFC 8551 §2.4.1).
 */
export async function handleSignMessage(request: RequestOf<'signMessage'>, context: HandlerContext): Promise<ResponseOf<'signMessage'>> {
  const identityId = optionalString(request.identityId, 'identityId', ID_MAX_LENGTH);
  const raw = requireBase64Bytes(request.rawBase64, 'rawBase64', MESSAGE_MAX_BYTES);
  const form = request.form === undefined ? 'detached' : requireOneOf(request.form, 'form', ['detached', 'opaque'] as const);
  const record = await resolveIdentityRecord(await context.database(), identityId);
  const signed = await signMessage(raw, { key: createPrivateKeyHandle(record.keys), certificates: record.certificates }, { form });
  return { signedBase64: encodeBase64(signed) };
}
