/**
 * Structured header values with parameters: Content-Type (RFC 2045 §5.1), Content-Disposition
 * (RFC 2183), with comments and quoted strings (RFC 5322 §3.2), and RFC 2231 parameter value
 * continuations, charsets and languages. One left-to-right pass; no backtracking regexes.
 */
import type { ContentType } from './mime-entity';
import { decodeBytesWithCharset } from './charset';

/** RFC 2231 §3: more sections than this is not a file name, it is an attack on time and memory. */
const MAXIMUM_CONTINUATION_SECTIONS = 1000;

interface ScanState {
  text: string;
  position: number;
}

function isWhiteSpace(character: string): boolean {
  return character === ' ' || character === '\t' || character === '\r' || character === '\n';
}

/** Skips white space and RFC 5322 §3.2.2 comments (nested, with quoted-pairs). */
function skipWhiteSpaceAndComments(state: ScanState): void {
  const { text } = state;
  while (state.position < text.length) {
    const character = text[state.position];
    if (isWhiteSpace(character)) {
      state.position += 1;
    } else if (character === '(') {
      let depth = 0;
      while (state.position < text.length) {
        const inner = text[state.position];
        if (inner === '\\') state.position += 1;
        else if (inner === '(') depth += 1;
        else if (inner === ')') depth -= 1;
        state.position += 1;
        if (depth === 0) break;
      }
    } else {
      return;
    }
  }
}

/** RFC 2045 §5.1 token: any CHAR except SPACE, CTLs and tspecials. */
function readToken(state: ScanState): string {
  const start = state.position;
  while (state.position < state.text.length && isTokenCharacter(state.text.charCodeAt(state.position))) {
    state.position += 1;
  }
  return state.text.slice(start, state.position);
}

function isTokenCharacter(code: number): boolean {
  if (code <= 0x20 || code === 0x7f) return false;
  return !'()<>@,;:\\"/[]?='.includes(String.fromCharCode(code));
}

/** RFC 5322 §3.2.4 quoted-string, starting at the opening quote; an unclosed one runs to the end. */
function readQuotedString(state: ScanState): string {
  let value = '';
  state.position += 1;
  while (state.position < state.text.length) {
    const character = state.text[state.position];
    state.position += 1;
    if (character === '"') return value;
    if (character === '\\' && state.position < state.text.length) {
      value += state.text[state.position];
      state.position += 1;
    } else if (character !== '\r' && character !== '\n') {
      value += character;
    }
  }
  return value;
}

/**
 * A parameter value: a quoted string, or (tolerating what real mailers write) the run of
 * characters up to the next `;`, white space or comment, which admits a stray `=` or `/`.
 */
function readParameterValue(state: ScanState): string {
  if (state.text[state.position] === '"') return readQuotedString(state);
  const start = state.position;
  while (state.position < state.text.length) {
    const character = state.text[state.position];
    if (character === ';' || character === '(' || character === '"' || isWhiteSpace(character)) break;
    state.position += 1;
  }
  return state.text.slice(start, state.position);
}

function skipToNextSemicolon(state: ScanState): void {
  while (state.position < state.text.length && state.text[state.position] !== ';') {
    if (state.text[state.position] === '"') readQuotedString(state);
    else state.position += 1;
  }
}

interface RawParameter {
  name: string;
  value: string;
}

function readRawParameters(state: ScanState): RawParameter[] {
  const parameters: RawParameter[] = [];
  while (state.position < state.text.length) {
    skipWhiteSpaceAndComments(state);
    if (state.text[state.position] !== ';') {
      skipToNextSemicolon(state);
      continue;
    }
    state.position += 1;
    skipWhiteSpaceAndComments(state);
    const name = readToken(state).toLowerCase();
    skipWhiteSpaceAndComments(state);
    if (name === '' || state.text[state.position] !== '=') {
      skipToNextSemicolon(state);
      continue;
    }
    state.position += 1;
    skipWhiteSpaceAndComments(state);
    parameters.push({ name, value: readParameterValue(state) });
  }
  return parameters;
}

function decodePercentEncoded(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      const code = text.charCodeAt(index);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...new TextEncoder().encode(character));
    }
  }
  return Uint8Array.from(bytes);
}

interface ContinuationSection {
  index: number;
  extended: boolean;
  value: string;
}

/**
 * Combines raw parameters into final values. RFC 2231 §3-§4: `name*0`, `name*1*`, ... are joined
 * in order (stopping at the first gap); `name*` and extended sections are percent-decoded in the
 * charset named by the first section (`charset'language'value`). An RFC 2231 value wins over a
 * plain one of the same name; among plain duplicates the first wins.
 */
function combineParameters(rawParameters: RawParameter[]): Record<string, string> {
  const plain = new Map<string, string>();
  const sections = new Map<string, ContinuationSection[]>();
  for (const { name, value } of rawParameters) {
    const match = /^([^*]+)\*(?:(\d{1,4})\*?)?$/.exec(name);
    if (match === null) {
      if (!plain.has(name)) plain.set(name, value);
      continue;
    }
    const baseName = match[1];
    const index = match[2] === undefined ? 0 : Number(match[2]);
    const extended = match[2] === undefined || name.endsWith('*');
    if (index >= MAXIMUM_CONTINUATION_SECTIONS) continue;
    const list = sections.get(baseName) ?? [];
    if (!list.some((section) => section.index === index)) list.push({ index, extended, value });
    sections.set(baseName, list);
  }
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of plain) result[name] = value;
  for (const [name, list] of sections) {
    list.sort((first, second) => first.index - second.index);
    let charset = 'us-ascii';
    const chunks: Uint8Array[] = [];
    for (let position = 0; position < list.length && list[position].index === position; position += 1) {
      const section = list[position];
      let text = section.value;
      if (position === 0 && section.extended) {
        const firstQuote = text.indexOf("'");
        const secondQuote = firstQuote < 0 ? -1 : text.indexOf("'", firstQuote + 1);
        if (secondQuote >= 0) {
          charset = text.slice(0, firstQuote) || 'us-ascii';
          text = text.slice(secondQuote + 1);
        }
      }
      chunks.push(section.extended ? decodePercentEncoded(text) : new TextEncoder().encode(text));
    }
    if (chunks.length === 0) continue;
    let length = 0;
    for (const chunk of chunks) length += chunk.length;
    const joined = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      joined.set(chunk, offset);
      offset += chunk.length;
    }
    result[name] = decodeBytesWithCharset(joined, charset);
  }
  return result;
}

/** Parses `value; name=value; ...` after a leading token (a disposition) or type/subtype. */
function parseLeadingTokenAndParameters(value: string): { leading: string; parameters: Record<string, string> } {
  const state: ScanState = { text: value, position: 0 };
  skipWhiteSpaceAndComments(state);
  let leading = readToken(state);
  skipWhiteSpaceAndComments(state);
  if (state.text[state.position] === '/') {
    state.position += 1;
    skipWhiteSpaceAndComments(state);
    leading += '/' + readToken(state);
  }
  return { leading: leading.toLowerCase(), parameters: combineParameters(readRawParameters(state)) };
}

/** RFC 2045 §5.2: no Content-Type (or one that can't be read) means text/plain; charset=us-ascii. */
export function defaultContentType(): ContentType {
  return { type: 'text', subtype: 'plain', parameters: { charset: 'us-ascii' } };
}

/** Parses a Content-Type value (RFC 2045 §5.1). Unreadable values get the RFC 2045 §5.2 default. */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined) return defaultContentType();
  const { leading, parameters } = parseLeadingTokenAndParameters(value);
  const slash = leading.indexOf('/');
  if (slash <= 0 || slash === leading.length - 1) return defaultContentType();
  return { type: leading.slice(0, slash), subtype: leading.slice(slash + 1), parameters };
}

export interface ContentDisposition {
  /** Lower case: 'inline', 'attachment', ... or '' when absent. */
  disposition: string;
  parameters: Record<string, string>;
}

/** Parses a Content-Disposition value (RFC 2183 §2, with RFC 2231 parameters). */
export function parseContentDisposition(value: string | undefined): ContentDisposition {
  if (value === undefined) return { disposition: '', parameters: {} };
  const { leading, parameters } = parseLeadingTokenAndParameters(value);
  return { disposition: leading, parameters };
}
