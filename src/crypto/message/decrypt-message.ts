/**
 * Decrypting a mail message (RFC 8551 §3.3): the encrypted entity must be the message's MIME root,
 * an application/pkcs7-mime (or x-pkcs7-mime) with enveloped-data or authEnveloped-data, or a root
 * that is only an .p7m attachment (§3.2.2). An encrypted part nested inside an unencrypted
 * multipart is not decrypted: anyone can wrap someone else's ciphertext in their own message, and
 * showing it decrypted under their From line would lend it their name.
 *
 * Outer signatures are looked through (RFC 8551 §3.7, signed-encrypted-signed): a multipart/signed
 * or opaque signed-data whose content is the encrypted entity. The signature over ciphertext
 * proves only who sent it; the verifier reports that layer (DESIGN.md).
 */
import { SignetError, isSignetError } from '../../shared/errors';
import { MAXIMUM_CMS_BYTES } from '../cms/enveloped/cms-asn1';
import { decryptEnvelope, type EnvelopeRecipient } from '../cms/enveloped/decrypt-envelope';
import { OID } from '../cms/enveloped/object-identifiers';
import { readCmsContentType, readSignedContent } from '../cms/enveloped/read-signed-content';
import { decodeBody, getHeaderValue, parseContentDisposition, parseMimeMessage, type MimeEntity } from '../mime';
import type { EncryptionReport } from '../verdict';

/** Signature layers looked through before giving up (a real message has at most one or two). */
const MAXIMUM_SIGNATURE_LAYERS = 4;

const ENCRYPTED_SMIME_TYPES = new Set(['enveloped-data', 'authenveloped-data']);

export interface DecryptedMessage {
  /** The inner MIME entity, bytes as they were encrypted (CRLF as is). */
  content: Uint8Array;
  encryption: EncryptionReport;
}

function isPkcs7Mime(entity: MimeEntity): boolean {
  const { type, subtype } = entity.contentType;
  return type === 'application' && (subtype === 'pkcs7-mime' || subtype === 'x-pkcs7-mime');
}

/** RFC 8551 §3.2.2: application/octet-stream named *.p7m, as some clients send encrypted mail. */
function isP7mAttachment(entity: MimeEntity): boolean {
  const { type, subtype, parameters } = entity.contentType;
  if (type !== 'application' || subtype !== 'octet-stream') return false;
  const filename = parseContentDisposition(getHeaderValue(entity, 'Content-Disposition')).parameters.filename ?? parameters.name ?? '';
  return filename.toLowerCase().endsWith('.p7m');
}

/** Whether an S/MIME part sits somewhere below the root (the parser bounds the depth). */
function containsEncryptedPart(entity: MimeEntity): boolean {
  return entity.children.some((child) => isPkcs7Mime(child) || isP7mAttachment(child) || containsEncryptedPart(child));
}

function notEncrypted(entity: MimeEntity, layers: number): SignetError {
  const { type, subtype } = entity.contentType;
  const where = layers === 0 ? 'The message' : 'The content under its signature';
  if (containsEncryptedPart(entity)) {
    return new SignetError(
      'not-encrypted',
      `${where} is ${type}/${subtype}, not encrypted; it contains an encrypted part nested inside, which Signet does not decrypt: ` +
        'only an encrypted message root is opened, since anyone can wrap someone else’s ciphertext in a message of their own.',
    );
  }
  return new SignetError('not-encrypted', `${where} is not encrypted (it is ${type}/${subtype}).`);
}

/** The CMS bytes of the encrypted root, looking through signature layers. */
function findEncryptedCms(raw: Uint8Array, layers: number): Uint8Array {
  const entity = parseMimeMessage(raw);
  if (entity.contentType.type === 'multipart' && entity.contentType.subtype === 'signed') {
    const [signedContent] = entity.children;
    if (!signedContent) throw new SignetError('malformed-mime', 'The multipart/signed message has no content part.');
    return lookThrough(signedContent.raw, layers, entity);
  }
  if (!isPkcs7Mime(entity) && !isP7mAttachment(entity)) throw notEncrypted(entity, layers);

  const cms = decodeBody(entity);
  if (cms.length > MAXIMUM_CMS_BYTES) throw new SignetError('malformed-cms', `The encrypted part is larger than ${MAXIMUM_CMS_BYTES} bytes.`);
  const smimeType = entity.contentType.parameters['smime-type']?.toLowerCase();
  if (smimeType !== undefined && ENCRYPTED_SMIME_TYPES.has(smimeType)) return cms;
  // No or another smime-type: what the CMS says decides (old clients omit the parameter).
  const contentType = readCmsContentType(cms);
  if (contentType === OID.envelopedData || contentType === OID.authEnvelopedData) return cms;
  if (contentType === OID.signedData) return lookThrough(readSignedContent(cms), layers, entity);
  throw new SignetError('not-encrypted', `The message's S/MIME part holds no encrypted data (CMS content type ${contentType}).`);
}

function lookThrough(inner: Uint8Array, layers: number, signed: MimeEntity): Uint8Array {
  if (layers + 1 > MAXIMUM_SIGNATURE_LAYERS) {
    throw new SignetError('not-encrypted', `The message nests more than ${MAXIMUM_SIGNATURE_LAYERS} signatures; Signet stops looking for encryption.`);
  }
  try {
    return findEncryptedCms(inner, layers + 1);
  } catch (error) {
    if (isSignetError(error, 'not-encrypted') && layers === 0) {
      throw new SignetError('not-encrypted', `The message is signed (${signed.contentType.type}/${signed.contentType.subtype}) but not encrypted: ${error.message}`);
    }
    throw error;
  }
}

/**
 * A decrypted MIME entity starts with a header field or with the blank line of an empty header.
 * A wrong content key that happens to pass the CBC padding check (1 in 256 for a PKCS#1 v1.5
 * implicit rejection) gives random bytes, which fail this; the error is the same decryption-failed.
 */
function looksLikeMimeEntity(content: Uint8Array): boolean {
  if (content.length === 0) return false;
  if (content[0] === 0x0a || (content[0] === 0x0d && content[1] === 0x0a)) return true;
  const limit = Math.min(content.length, 998);
  for (let index = 0; index < limit; index += 1) {
    const byte = content[index];
    if (byte === 0x3a) return index > 0;
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return false;
}

/**
 * Decrypts `raw` for `recipient`. Throws SignetError `not-encrypted` (with the reason), `not-a-
 * recipient` (naming the certificates it was encrypted for), `decryption-failed`, `malformed-mime`,
 * `malformed-cms` or `unsupported-algorithm`.
 */
export async function decryptMessage(raw: Uint8Array, recipient: EnvelopeRecipient): Promise<DecryptedMessage> {
  const cms = findEncryptedCms(raw, 0);
  let opened;
  try {
    opened = await decryptEnvelope(cms, recipient);
  } catch (error) {
    if (error instanceof SignetError) throw error;
    // A library's surprise on hostile input is still just a message that doesn't decrypt.
    throw new SignetError('decryption-failed', 'The message could not be decrypted.', { cause: error });
  }
  if (!looksLikeMimeEntity(opened.content)) {
    throw new SignetError('decryption-failed', 'The message could not be decrypted: the key does not open it, or it was damaged or altered.');
  }
  return { content: opened.content, encryption: opened.encryption };
}
