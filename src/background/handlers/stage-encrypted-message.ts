/**
 * `stageEncryptedMessage` (issue 5 item 4): a content script hands over an encrypted message's
 * ciphertext and gets a token for Signet's decrypt frame. Only a message encrypted at its MIME
 * root is accepted (RFC 8551 §3.3), or under signatures only (signed after encrypting, RFC 8551
 * §3.7): an encrypted part nested in an unencrypted message is not decrypted, so nobody can wrap
 * someone else's ciphertext in a message and have it read back.
 */
import { parseSignedData } from '../../crypto/cms/signed/parse-signed-data';
import { classifyEntity } from '../../crypto/message/smime-structure';
import { parseMimeMessage, type MimeEntity } from '../../crypto/mime/index';
import { SignetError } from '../../shared/errors';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import type { HandlerContext } from '../router';
import { stagedMessages, type StagedMessages } from '../store/staged-messages';
import { MESSAGE_MAX_BYTES, optionalString, requireBase64Bytes } from './request-fields';
import { MESSAGE_ID_MAX_LENGTH } from './verify-message';

export async function handleStageEncryptedMessage(
  request: RequestOf<'stageEncryptedMessage'>,
  context: HandlerContext,
  staged: StagedMessages = stagedMessages,
): Promise<ResponseOf<'stageEncryptedMessage'>> {
  const raw = requireBase64Bytes(request.rawBase64, 'rawBase64', MESSAGE_MAX_BYTES);
  const messageId = optionalString(request.messageId, 'messageId', MESSAGE_ID_MAX_LENGTH);
  if (!isEncryptedUnderSignaturesOnly(parseMimeMessage(raw))) {
    throw new SignetError('not-encrypted', 'This message is not encrypted at its top level, so Signet will not decrypt it.');
  }
  const token = await staged.stage({ raw, messageId, tabId: context.sender.tabId });
  return { token };
}

/** Real mail has at most one signature around the ciphertext; a few more are tolerated. */
const MAXIMUM_SIGNATURE_LAYERS = 4;

function isEncryptedUnderSignaturesOnly(root: MimeEntity): boolean {
  let entity = root;
  for (let depth = 0; depth <= MAXIMUM_SIGNATURE_LAYERS; depth += 1) {
    let shape;
    try {
      shape = classifyEntity(entity);
    } catch {
      return false;
    }
    if (shape.kind === 'encrypted') return true;
    if (shape.kind === 'detached-signed') entity = shape.content;
    else if (shape.kind === 'opaque-signed') {
      const content = parseSignedData(shape.der).eContent;
      if (!content) return false;
      entity = parseMimeMessage(content);
    } else return false;
  }
  return false;
}
