/**
 * What the decrypt frame shows of a decrypted message: the readable entity under any signature
 * layers (RFC 8551 §3.7 triple wrapping), its text and HTML bodies, its attachments' names, and
 * `cid:` images (RFC 2392) turned into `data:` URLs so nothing is fetched. The HTML is passed on
 * as the sender wrote it: the frame sanitizes it and renders it with remote loads blocked.
 */
import { encodeBase64 } from '../../crypto/encoding/base64';
import { parseSignedData } from '../../crypto/cms/signed/parse-signed-data';
import { classifyEntity, attachmentName, decodeEntityBody } from '../../crypto/message/smime-structure';
import { decodeBody, decodeTextBody } from '../../crypto/mime/decode-body';
import { getHeaderValue, parseContentDisposition, parseMimeMessage, type MimeEntity } from '../../crypto/mime/index';
import type { DecryptedMessage } from '../../shared/protocol';

const MAXIMUM_UNWRAPPED_LAYERS = 8;
/** Inline images bigger than this stay attachments (a data: URL of many MB slows the frame to a crawl). */
const MAXIMUM_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;

/** The entity a person reads: signature layers removed, their verdict is reported separately. */
export function unwrapSignedLayers(content: Uint8Array): MimeEntity {
  let entity = parseMimeMessage(content);
  for (let depth = 0; depth < MAXIMUM_UNWRAPPED_LAYERS; depth += 1) {
    let shape;
    try {
      shape = classifyEntity(entity);
    } catch {
      return entity;
    }
    if (shape.kind === 'detached-signed') entity = shape.content;
    else if (shape.kind === 'opaque-signed') {
      const inner = parseSignedData(shape.der).eContent;
      if (!inner) return entity;
      entity = parseMimeMessage(inner);
    } else return entity;
  }
  return entity;
}

export function describeReadableContent(entity: MimeEntity): Omit<DecryptedMessage, 'verdict' | 'subject'> {
  const found: { text?: string; html?: string; attachments: DecryptedMessage['attachments']; inline: Map<string, MimeEntity> } = {
    attachments: [],
    inline: new Map(),
  };
  collectParts(entity, found, 0);
  const html = found.html === undefined ? undefined : inlineContentIdImages(found.html, found.inline);
  return { text: found.text, html, attachments: found.attachments };
}

function collectParts(
  entity: MimeEntity,
  found: { text?: string; html?: string; attachments: DecryptedMessage['attachments']; inline: Map<string, MimeEntity> },
  depth: number,
): void {
  if (depth > 32) return;
  const { type, subtype } = entity.contentType;
  if (type === 'multipart') {
    const children = subtype === 'alternative' ? preferRichest(entity.children) : entity.children;
    for (const child of children) collectParts(child, found, depth + 1);
    return;
  }
  const disposition = parseContentDisposition(getHeaderValue(entity, 'content-disposition'));
  const isAttachment = disposition.disposition === 'attachment';
  if (!isAttachment && type === 'text' && subtype === 'html' && found.html === undefined) {
    found.html = decodeTextBody(entity);
    return;
  }
  if (!isAttachment && type === 'text' && subtype === 'plain' && found.text === undefined) {
    found.text = decodeTextBody(entity);
    return;
  }
  const contentId = getHeaderValue(entity, 'content-id')?.trim().replace(/^<|>$/g, '');
  if (contentId && type === 'image') found.inline.set(contentId, entity);
  found.attachments.push({
    fileName: attachmentName(entity) || (contentId ? `${contentId}` : 'unnamed'),
    mediaType: `${type}/${subtype}`,
    sizeBytes: safeDecodedLength(entity),
  });
}

/** multipart/alternative lists plainest first (RFC 2046 §5.1.4): keep the HTML and the text. */
function preferRichest(children: MimeEntity[]): MimeEntity[] {
  return [...children].reverse();
}

function inlineContentIdImages(html: string, inline: Map<string, MimeEntity>): string {
  return html.replace(/cid:([^"'\s)>]+)/gi, (reference, contentId: string) => {
    const image = inline.get(decodeURIComponent(contentId));
    if (!image) return reference;
    const bytes = safeDecodedBytes(image);
    if (!bytes || bytes.byteLength > MAXIMUM_INLINE_IMAGE_BYTES) return reference;
    return `data:${image.contentType.type}/${image.contentType.subtype};base64,${encodeBase64(bytes)}`;
  });
}

function safeDecodedBytes(entity: MimeEntity): Uint8Array | undefined {
  try {
    return decodeBody(entity);
  } catch {
    return undefined;
  }
}

function safeDecodedLength(entity: MimeEntity): number {
  return (safeDecodedBytes(entity) ?? decodeEntityBody(entity)).byteLength;
}
