/**
 * Whether a message is encrypted at its MIME root, judged from its top-level Content-Type only
 * (RFC 8551 §3.2.2 `smime-type`). Only the root counts (issue 5 item 4): an encrypted part nested
 * inside an unencrypted message is never offered for decryption, since the sender of the outer
 * message could have pasted someone else's ciphertext there to get it decrypted and read back.
 * No cryptography happens here: the background checks the CMS content type itself.
 */
import { getHeaderValue } from '../../crypto/mime/header-values';
import { parseContentType } from '../../crypto/mime/header-parameters';
import { readHeaderSection } from '../../crypto/mime/header-section';

export type MessageShape =
  /** enveloped-data or authEnveloped-data at the root. */
  | 'encrypted'
  /** application/pkcs7-mime without an smime-type: the background looks at the CMS to tell. */
  | 'possibly-encrypted'
  /** Anything else: signed, unsigned, or encrypted only somewhere inside. */
  | 'not-encrypted';

const PKCS7_MIME_SUBTYPES = new Set(['pkcs7-mime', 'x-pkcs7-mime']);
const ENCRYPTED_SMIME_TYPES = new Set(['enveloped-data', 'authenveloped-data']);

export function classifyMessage(raw: Uint8Array): MessageShape {
  let contentTypeValue: string | undefined;
  try {
    contentTypeValue = getHeaderValue({ headers: readHeaderSection(raw, 0, raw.length).fields }, 'content-type');
  } catch {
    return 'not-encrypted'; // unreadable headers: the verifier reports the malformed message
  }
  const contentType = parseContentType(contentTypeValue);
  if (contentType.type !== 'application' || !PKCS7_MIME_SUBTYPES.has(contentType.subtype)) return 'not-encrypted';
  const smimeType = contentType.parameters['smime-type']?.toLowerCase();
  if (smimeType === undefined) return 'possibly-encrypted';
  return ENCRYPTED_SMIME_TYPES.has(smimeType) ? 'encrypted' : 'not-encrypted';
}
