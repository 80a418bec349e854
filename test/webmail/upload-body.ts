import type { IncomingMessage } from 'node:http';
import { googleErrors, MAXIMUM_MESSAGE_BYTES, type GoogleError } from './google-errors';
import { readRequestBody } from './http-helpers';
import {
  binaryStringToBytes,
  bytesToBinaryString,
  findHeaderValue,
  parseContentType,
  splitEntity,
  splitMultipart,
} from './raw-message';
import { decodeTransferEncoding } from './transfer-encoding';

/**
 * Reads `POST /upload/gmail/v1/users/ID/messages/send` (developers.google.com/gmail/api/guides/
 * uploads): `uploadType=media` is the message itself (`Content-Type: message/rfc822`, as
 * Mailvelope sends it); `uploadType=multipart` is a multipart/related of the JSON metadata
 * (`{threadId}`) and the message, possibly base64 (as FlowCrypt sends it).
 */
export type UploadedMessage = { raw: Uint8Array; threadId?: string } | { error: GoogleError };

const MAXIMUM_MULTIPART_BYTES = Math.ceil((MAXIMUM_MESSAGE_BYTES * 4) / 3) + 65_536;

export async function readUploadedMessage(request: IncomingMessage, url: URL): Promise<UploadedMessage> {
  const uploadType = url.searchParams.get('uploadType');
  const contentType = parseContentType(request.headers['content-type']);
  if (uploadType === 'media') {
    if (!contentType.mediaType.startsWith('message/')) {
      return { error: googleErrors.unsupportedMediaType(contentType.mediaType) };
    }
    return { raw: await readRequestBody(request, MAXIMUM_MESSAGE_BYTES) };
  }
  if (uploadType === 'multipart') {
    const boundary = contentType.parameters.get('boundary');
    if (!contentType.mediaType.startsWith('multipart/') || !boundary) {
      return { error: googleErrors.invalidArgument('Invalid multipart request with 0 mime parts.') };
    }
    const body = bytesToBinaryString(await readRequestBody(request, MAXIMUM_MULTIPART_BYTES));
    return readMultipartUpload(body, boundary);
  }
  return { error: googleErrors.invalidArgument(`Invalid upload type: ${uploadType ?? '(none)'}; the demo accepts media and multipart`) };
}

function readMultipartUpload(body: string, boundary: string): UploadedMessage {
  const multipart = splitMultipart(body, boundary);
  if (!multipart || multipart.parts.length !== 2) {
    return { error: googleErrors.invalidArgument(`Invalid multipart request with ${multipart?.parts.length ?? 0} mime parts.`) };
  }
  const [metadataPart, messagePart] = multipart.parts.map(splitEntity);
  let threadId: string | undefined;
  try {
    const metadata = JSON.parse(Buffer.from(metadataPart.body, 'latin1').toString('utf8') || '{}') as { threadId?: unknown };
    threadId = typeof metadata.threadId === 'string' ? metadata.threadId : undefined;
  } catch {
    return { error: googleErrors.invalidArgument('Invalid JSON payload received.') };
  }
  const messageType = parseContentType(findHeaderValue(messagePart.fields, 'Content-Type')).mediaType;
  if (!messageType.startsWith('message/')) {
    return { error: googleErrors.unsupportedMediaType(messageType) };
  }
  const decoded = decodeTransferEncoding(messagePart.body, findHeaderValue(messagePart.fields, 'Content-Transfer-Encoding'));
  if (decoded.length > MAXIMUM_MESSAGE_BYTES) {
    return { error: googleErrors.tooLarge() };
  }
  return { raw: binaryStringToBytes(decoded), threadId };
}
