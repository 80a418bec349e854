import { encodeBase64Url } from './http-helpers';
import {
  binaryStringToBytes,
  findHeaderValue,
  parseContentType,
  splitEntity,
  splitMultipart,
} from './raw-message';
import { decodeTransferEncoding } from './transfer-encoding';

/**
 * The `payload` of a Gmail API Message (MessagePart in the discovery document): the MIME tree
 * with headers, and for `format=full` each leaf's decoded body as base64url `data`. The demo puts
 * every leaf's data inline (Gmail moves large attachments behind an attachmentId).
 */
export interface MessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: { name: string; value: string }[];
  body: { size: number; data?: string };
  parts?: MessagePart[];
}

const MAXIMUM_DEPTH = 32;

export function buildPayload(text: string, withBodies: boolean, partId = '', depth = 0): MessagePart {
  const entity = splitEntity(text);
  const contentType = parseContentType(findHeaderValue(entity.fields, 'Content-Type'));
  const headers = entity.fields.map((field) => ({ name: field.name, value: field.value }));
  const disposition = findHeaderValue(entity.fields, 'Content-Disposition') ?? '';
  // Content-Disposition has the same `value; name=value` grammar (RFC 2183 section 2).
  const filename =
    parseContentType(disposition || undefined).parameters.get('filename') ?? contentType.parameters.get('name') ?? '';
  const part: MessagePart = { partId, mimeType: contentType.mediaType, filename, headers, body: { size: 0 } };
  if (!withBodies) {
    return part;
  }
  const boundary = contentType.parameters.get('boundary');
  if (contentType.mediaType.startsWith('multipart/') && boundary && depth < MAXIMUM_DEPTH) {
    const multipart = splitMultipart(entity.body, boundary);
    if (multipart) {
      part.parts = multipart.parts.map((child, index) =>
        buildPayload(child, withBodies, partId === '' ? String(index) : `${partId}.${index}`, depth + 1),
      );
      return part;
    }
  }
  const decoded = binaryStringToBytes(decodeTransferEncoding(entity.body, findHeaderValue(entity.fields, 'Content-Transfer-Encoding')));
  part.body = { size: decoded.byteLength, data: encodeBase64Url(decoded) };
  return part;
}
