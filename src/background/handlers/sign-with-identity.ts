import { encodeBase64 } from '../../crypto/encoding/base64';
import { createPrivateKeyHandle } from '../../crypto/keys/identity-keys';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { resolveIdentityRecord } from '../store/identities';
import { ID_MAX_LENGTH, MESSAGE_MAX_BYTES, optionalString, requireBase64Bytes } from './request-fields';

/**
 * Signs bytes with a stored identity's non-extractable key: SHA-256 with RSASSA-PKCS1-v1_5 (RSA)
 * or ECDSA (EC; DER Ecdsa-Sig-Value, RFC 3279 §2.2.3). Privileged: only Signet's own pages.
 */
export async function handleSignWithIdentity(
  request: RequestOf<'signWithIdentity'>,
  context: HandlerContext,
): Promise<ResponseOf<'signWithIdentity'>> {
  const identityId = optionalString(request.identityId, 'identityId', ID_MAX_LENGTH);
  const data = requireBase64Bytes(request.dataBase64, 'dataBase64', MESSAGE_MAX_BYTES);
  const record = await resolveIdentityRecord(await context.database(), identityId);
  const scheme = record.keyType === 'RSA' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA';
  const signature = await createPrivateKeyHandle(record.keys).sign(scheme, 'SHA-256', data);
  return { signatureBase64: encodeBase64(signature), scheme, hash: 'SHA-256' };
}
