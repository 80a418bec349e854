/**
 * What a person reads in a message (for the decrypted-message frame, DESIGN.md security model 3):
 * the best text and HTML bodies, the attachments, and the inline parts that HTML refers to by
 * `cid:` (RFC 2392). Follows RFC 2046 §5.1.4 (multipart/alternative: the last part the reader
 * can show is the best), RFC 2387 (multipart/related: the root, `start` or the first part, refers
 * to the others) and RFC 2183 (Content-Disposition).
 */
import { decodeBody, decodeTextBody } from './decode-body';
import { parseContentDisposition } from './header-parameters';
import { getHeaderValue } from './header-values';
import type { MimeEntity } from './mime-entity';
import { decodeEncodedWords } from './encoded-words';

export interface AttachmentSummary {
  filename: string;
  /** `type/subtype`, lower case. */
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Without angle brackets. */
  contentId?: string;
  /** The decoded bytes, for saving the file. */
  bytes: Uint8Array;
}

export interface InlinePart {
  contentType: string;
  bytes: Uint8Array;
}

export interface ReadableContent {
  text?: string;
  html?: string;
  attachments: AttachmentSummary[];
  /** Content-ID (without angle brackets) -> the part, for `cid:` references in the HTML. */
  inlineParts: Map<string, InlinePart>;
}

function mediaType(entity: MimeEntity): string {
  return `${entity.contentType.type}/${entity.contentType.subtype}`;
}

function contentIdOf(entity: MimeEntity): string | undefined {
  const value = getHeaderValue(entity, 'content-id');
  if (value === undefined) return undefined;
  const bare = value.trim().replace(/^<|>$/g, '').trim();
  return bare === '' ? undefined : bare;
}

function fileNameOf(entity: MimeEntity): string | undefined {
  const disposition = parseContentDisposition(getHeaderValue(entity, 'content-disposition'));
  const name = disposition.parameters.filename ?? entity.contentType.parameters.name;
  // Many mailers put encoded-words in name= (RFC 2047 §5 forbids it; everyone reads it).
  return name === undefined ? undefined : decodeEncodedWords(name).replace(/[\\/]/g, '_');
}

function isAttachment(entity: MimeEntity): boolean {
  const disposition = parseContentDisposition(getHeaderValue(entity, 'content-disposition')).disposition;
  return disposition === 'attachment';
}

function safelyDecode(entity: MimeEntity): Uint8Array {
  try {
    return decodeBody(entity);
  } catch {
    return entity.body;
  }
}

function summarizeAttachment(entity: MimeEntity, fallbackName: string): AttachmentSummary {
  const bytes = safelyDecode(entity);
  const summary: AttachmentSummary = {
    filename: fileNameOf(entity) ?? fallbackName,
    contentType: mediaType(entity),
    size: bytes.length,
    bytes,
  };
  const contentId = contentIdOf(entity);
  if (contentId !== undefined) summary.contentId = contentId;
  return summary;
}

function appendText(current: string | undefined, addition: string): string {
  return current === undefined ? addition : `${current}\n\n${addition}`;
}

function collect(entity: MimeEntity, into: ReadableContent): void {
  const type = mediaType(entity);
  if (entity.contentType.type === 'multipart') {
    switch (entity.contentType.subtype) {
      case 'alternative':
        collectAlternative(entity, into);
        return;
      case 'related':
        collectRelated(entity, into);
        return;
      case 'signed':
        // RFC 1847 §2.1: the first part is the content; the second is the signature, not a file.
        if (entity.children.length > 0) collect(entity.children[0], into);
        return;
      default:
        for (const child of entity.children) collect(child, into);
        return;
    }
  }
  if ((type === 'text/plain' || type === 'text/html') && !isAttachment(entity)) {
    let text: string;
    try {
      text = decodeTextBody(entity);
    } catch {
      into.attachments.push(summarizeAttachment(entity, type === 'text/html' ? 'message.html' : 'message.txt'));
      return;
    }
    if (type === 'text/plain') into.text = appendText(into.text, text);
    else into.html = appendText(into.html, text);
    return;
  }
  if (type === 'application/pkcs7-signature' || type === 'application/x-pkcs7-signature') return;
  const fallbackName = entity.contentType.type === 'message' ? 'message.eml' : 'attachment';
  into.attachments.push(summarizeAttachment(entity, fallbackName));
}

function emptyContent(): ReadableContent {
  return { attachments: [], inlineParts: new Map() };
}

/** RFC 2046 §5.1.4: parts in increasing faithfulness; take the last that gives each kind. */
function collectAlternative(entity: MimeEntity, into: ReadableContent): void {
  let text: string | undefined;
  let html: string | undefined;
  let chosen: ReadableContent | undefined;
  for (const child of entity.children) {
    const candidate = emptyContent();
    collect(child, candidate);
    if (candidate.text !== undefined) text = candidate.text;
    if (candidate.html !== undefined) {
      html = candidate.html;
      chosen = candidate;
    }
    if (chosen === undefined && candidate.text !== undefined) chosen = candidate;
  }
  if (text !== undefined) into.text = appendText(into.text, text);
  if (html !== undefined) into.html = appendText(into.html, html);
  if (chosen !== undefined) {
    into.attachments.push(...chosen.attachments);
    for (const [contentId, part] of chosen.inlineParts) into.inlineParts.set(contentId, part);
  }
}

/** RFC 2387 §3.2: the root is the part named by `start`, else the first; the rest are inline. */
function collectRelated(entity: MimeEntity, into: ReadableContent): void {
  const start = entity.contentType.parameters.start?.replace(/^<|>$/g, '');
  let rootIndex = start === undefined ? 0 : entity.children.findIndex((child) => contentIdOf(child) === start);
  if (rootIndex < 0) rootIndex = 0;
  entity.children.forEach((child, index) => {
    if (index === rootIndex) {
      collect(child, into);
      return;
    }
    const contentId = contentIdOf(child);
    if (contentId !== undefined && child.contentType.type !== 'multipart') {
      into.inlineParts.set(contentId, { contentType: mediaType(child), bytes: safelyDecode(child) });
    } else {
      collect(child, into);
    }
  });
}

/** The readable content of a parsed message or entity. */
export function extractReadableContent(entity: MimeEntity): ReadableContent {
  const content = emptyContent();
  collect(entity, content);
  return content;
}
