/**
 * Byte-preserving access to a raw RFC 5322 message: the header section, unfolded header fields,
 * Content-Type parameters and multipart bodies. Messages are handled as latin1 strings (one
 * character per byte), so nothing here can re-encode what a sender wrote.
 */

export interface RawHeaderField {
  /** The field name as written. */
  name: string;
  /** The unfolded value (RFC 5322 section 2.2.3), without the leading space. */
  value: string;
  /** The field exactly as it appears, folding lines and line ending included. */
  source: string;
}

export interface RawEntity {
  headerSection: string;
  /** The empty line that ends the header section ("\r\n", "\n" or "" when missing). */
  separator: string;
  body: string;
  fields: RawHeaderField[];
}

/** Reads bytes as latin1: one character per byte, so writing it back gives the same bytes. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function binaryStringToBytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Splits an entity at the first empty line (RFC 5322 section 2.1). */
export function splitEntity(text: string): RawEntity {
  const match = /\r?\n\r?\n/.exec(text);
  let headerSection: string;
  let separator: string;
  let body: string;
  if (text.startsWith('\r\n') || text.startsWith('\n')) {
    headerSection = '';
    separator = text.startsWith('\r\n') ? '\r\n' : '\n';
    body = text.slice(separator.length);
  } else if (match) {
    const lineEnd = match[0].startsWith('\r\n') ? 2 : 1;
    headerSection = text.slice(0, match.index + lineEnd);
    separator = match[0].slice(lineEnd);
    body = text.slice(match.index + match[0].length);
  } else {
    headerSection = text;
    separator = '';
    body = '';
  }
  return { headerSection, separator, body, fields: parseHeaderFields(headerSection) };
}

/** Parses a header section into fields, keeping each field's source for exact removal. */
export function parseHeaderFields(headerSection: string): RawHeaderField[] {
  const fields: RawHeaderField[] = [];
  const lines = headerSection.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    const isContinuation = /^[ \t]/.test(line);
    const last = fields[fields.length - 1];
    if (isContinuation && last) {
      last.source += line;
      last.value += line.replace(/\r?\n$/, '');
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      continue;
    }
    fields.push({
      name: line.slice(0, colon).trim(),
      value: line.slice(colon + 1).replace(/\r?\n$/, '').replace(/^[ \t]+/, ''),
      source: line,
    });
  }
  for (const field of fields) {
    field.value = field.value.replace(/\r?\n/g, '');
  }
  return fields;
}

export function findHeaderValue(fields: RawHeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === lower)?.value;
}

export function findHeaderValues(fields: RawHeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
}

export interface ParsedContentType {
  /** Lower-cased `type/subtype`; `text/plain` when absent (RFC 2045 section 5.2). */
  mediaType: string;
  parameters: Map<string, string>;
}

/** Parses a Content-Type value (RFC 2045 section 5.1); parameter names are lower-cased. */
export function parseContentType(value: string | undefined): ParsedContentType {
  const parameters = new Map<string, string>();
  if (!value) {
    return { mediaType: 'text/plain', parameters };
  }
  const semicolon = value.indexOf(';');
  const mediaType = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase() || 'text/plain';
  const parameterPattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  for (const match of value.matchAll(parameterPattern)) {
    const raw = match[2];
    const unquoted = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    parameters.set(match[1].toLowerCase(), unquoted);
  }
  return { mediaType, parameters };
}

export interface MultipartBody {
  /** Everything before the first boundary line, kept as is. */
  preamble: string;
  /** Each body part exactly as written between its boundary line's CRLF and the next CRLF--. */
  parts: string[];
  /** Everything from the close delimiter on, kept as is. */
  epilogue: string;
  /** The line ending used before each delimiter. */
  lineEnding: string;
  /** The line ending before the first delimiter ("" when the body starts with it). */
  firstOpening: string;
}

/**
 * Splits a multipart body at its boundaries (RFC 2046 section 5.1.1). The CRLF before a delimiter
 * belongs to the delimiter, so a part's bytes are exactly those a multipart/signed signature
 * covers (RFC 1847 section 2.1).
 */
export function splitMultipart(body: string, boundary: string): MultipartBody | undefined {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const delimiter = new RegExp(`(^|\\r?\\n)--${escaped}(--)?[ \\t]*(\\r?\\n|$)`, 'g');
  const matches = [...body.matchAll(delimiter)];
  if (matches.length < 2) {
    return undefined;
  }
  const first = matches[0];
  const preamble = body.slice(0, first.index);
  const parts: string[] = [];
  let epilogue = '';
  for (let index = 0; index < matches.length; index += 1) {
    const current = matches[index];
    const start = (current.index ?? 0) + current[0].length;
    if (current[2] === '--') {
      epilogue = body.slice(current.index);
      break;
    }
    const next = matches[index + 1];
    if (!next) {
      parts.push(body.slice(start));
      break;
    }
    parts.push(body.slice(start, next.index));
  }
  const lineEnding = matches[1][1] || '\r\n';
  return { preamble, parts, epilogue, lineEnding, firstOpening: first[1] };
}

/** Puts a multipart body back together; the inverse of `splitMultipart`. */
export function joinMultipart(multipart: MultipartBody, boundary: string): string {
  const { preamble, parts, epilogue, lineEnding, firstOpening } = multipart;
  let text = preamble;
  parts.forEach((part, index) => {
    const opening = index === 0 ? firstOpening : lineEnding;
    text += `${opening}--${boundary}${lineEnding}${part}`;
  });
  return text + epilogue;
}
