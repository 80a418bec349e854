import {
  binaryStringToBytes,
  bytesToBinaryString,
  findHeaderValue,
  joinMultipart,
  parseContentType,
  splitEntity,
  splitMultipart,
} from './raw-message';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding';

/**
 * `--rewrite-sent`: what some providers do to mail after the sender signed it (DESIGN.md, "What
 * providers do to signed mail"), so that Signet's self-check has something to catch. Exactly:
 *
 * 1. In the first body part of every `multipart/signed` (the signed content, RFC 1847 section 2.1),
 *    recursively through nested multiparts:
 *    - a `text/*` part in quoted-printable or base64 is decoded and stored as
 *      `Content-Transfer-Encoding: 8bit` (the header field is replaced), its lines longer than 76
 *      bytes folded and trailing spaces and tabs removed;
 *    - a `text/*` part in 7bit or 8bit gets the same folding and trailing-space removal;
 *    - any other base64 part is re-wrapped at 64 characters a line.
 *    The signature part is left alone.
 * 2. In any other message, `text/*` parts without a transfer encoding (7bit, 8bit or none) get their
 *    lines longer than 76 bytes folded (Gmail's reported re-wrap); encoded parts and
 *    `application/pkcs7-mime` (opaque signed or enveloped) are left alone.
 * 3. Every line ending of the whole message becomes CRLF.
 *
 * So a detached signature over a quoted-printable text breaks (its Content-Transfer-Encoding
 * header changed even when no line did), while an opaque signature survives.
 */
export function rewriteLikeProvider(raw: Uint8Array): Uint8Array {
  const rewritten = rewriteEntity(bytesToBinaryString(raw), false);
  return binaryStringToBytes(rewritten.replace(/\r?\n/g, '\r\n'));
}

const FOLD_COLUMN = 76;

function rewriteEntity(text: string, insideSignedContent: boolean): string {
  const entity = splitEntity(text);
  const contentType = parseContentType(findHeaderValue(entity.fields, 'Content-Type'));
  const head = entity.headerSection + entity.separator;
  if (contentType.mediaType.startsWith('multipart/')) {
    const boundary = contentType.parameters.get('boundary');
    const multipart = boundary ? splitMultipart(entity.body, boundary) : undefined;
    if (!boundary || !multipart) {
      return text;
    }
    if (contentType.mediaType === 'multipart/signed') {
      multipart.parts[0] = rewriteEntity(multipart.parts[0], true);
    } else {
      multipart.parts = multipart.parts.map((part) => rewriteEntity(part, insideSignedContent));
    }
    return head + joinMultipart(multipart, boundary);
  }
  if (contentType.mediaType.startsWith('message/')) {
    return text;
  }
  const encodingField = entity.fields.find((field) => field.name.toLowerCase() === 'content-transfer-encoding');
  const encoding = (encodingField?.value ?? '7bit').trim().toLowerCase();
  const isText = contentType.mediaType.startsWith('text/');
  const isEncoded = encoding === 'quoted-printable' || encoding === 'base64';
  if (isText && !isEncoded) {
    return head + (insideSignedContent ? foldLines(stripTrailingSpace(entity.body)) : foldLines(entity.body));
  }
  if (!insideSignedContent || !encodingField) {
    return text;
  }
  if (isText) {
    const decoded = encoding === 'base64' ? decodeBase64(entity.body) : decodeQuotedPrintable(entity.body);
    const headerSection = entity.headerSection.replace(encodingField.source, 'Content-Transfer-Encoding: 8bit\r\n');
    return headerSection + entity.separator + foldLines(stripTrailingSpace(decoded));
  }
  if (encoding === 'base64') {
    const compact = entity.body.replace(/\s+/g, '');
    const trailing = /\r?\n$/.test(entity.body) ? '\r\n' : '';
    return head + (compact.match(/.{1,64}/g) ?? []).join('\r\n') + trailing;
  }
  return text;
}

function stripTrailingSpace(text: string): string {
  return text.replace(/[ \t]+(\r?\n|$)/g, '$1');
}

/** Folds lines longer than 76 bytes at the last space, else hard, never inside a UTF-8 sequence. */
function foldLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const pieces: string[] = [];
      let rest = line;
      while (rest.length > FOLD_COLUMN) {
        let cut = rest.lastIndexOf(' ', FOLD_COLUMN);
        if (cut <= 0) {
          cut = FOLD_COLUMN;
          while (cut > 1 && (rest.charCodeAt(cut) & 0xc0) === 0x80) {
            cut -= 1;
          }
        }
        pieces.push(rest.slice(0, cut));
        rest = rest.slice(rest[cut] === ' ' ? cut + 1 : cut);
      }
      pieces.push(rest);
      return pieces.join('\r\n');
    })
    .join('\r\n');
}
