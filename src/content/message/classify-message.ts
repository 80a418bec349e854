/**
 * Whether a message is encrypted at its MIME root, judged from its top-level Content-Type only
 * (RFC 8551 §3.2.2 `smime-type`). Only the root counts (issue 5 item 4): an encrypted part nested
 * inside an unencrypted message is never offered for decryption, since the sender of the outer
 * message could have pasted someone else's ciphertext there to get it decrypted and read back.
 * One wrapping is looked through: a detached signature over ciphertext (RFC 8551 §3.7 allows
 * signing after encrypting; DESIGN.md: `decrypt` looks through such an outer signature), where
 * the signed part is the encrypted one. No cryptography happens here: the background checks the
 * CMS content type itself.
 */
import { getHeaderValue } from '../../crypto/mime/header-values';
import { parseContentType } from '../../crypto/mime/header-parameters';
import { readHeaderSection } from '../../crypto/mime/header-section';
import type { ContentType, MimeEntity } from '../../crypto/mime/mime-entity';
import { parseMimeMessage } from '../../crypto/mime/parse-mime-message';

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
  let root: MimeEntity;
  try {
    const contentType = parseContentType(getHeaderValue({ headers: readHeaderSection(raw, 0, raw.length).fields }, 'content-type'));
    if (contentType.type === 'multipart' && contentType.subtype === 'signed') root = parseMimeMessage(raw);
    else return classifyContentType(contentType);
  } catch {
    return 'not-encrypted'; // unreadable: the verifier reports the malformed message
  }
  // multipart/signed (RFC 1847 §2.1): the first part is what was signed.
  const signedPart = root.children[0];
  return root.children.length === 2 && signedPart ? classifyContentType(signedPart.contentType) : 'not-encrypted';
}

function classifyContentType(contentType: ContentType): MessageShape {
  if (contentType.type !== 'application' || !PKCS7_MIME_SUBTYPES.has(contentType.subtype)) return 'not-encrypted';
  const smimeType = contentType.parameters['smime-type']?.toLowerCase();
  if (smimeType === undefined) return 'possibly-encrypted';
  return ENCRYPTED_SMIME_TYPES.has(smimeType) ? 'encrypted' : 'not-encrypted';
}
