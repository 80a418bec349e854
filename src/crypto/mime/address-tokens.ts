/**
 * The lexical layer of RFC 5322 §3.2-§3.4 address syntax: atoms (with dots, for dot-atoms and
 * obs-phrase), quoted strings, comments, domain literals and the specials that give an address
 * its structure. One linear pass; every quoted-pair is resolved here, so the parser above never
 * sees a backslash, and a quote or bracket inside a quoted string can never become structure.
 */
import { SignetError } from '../../shared/errors';

export type AddressTokenKind = 'atom' | 'quoted' | 'comment' | 'literal' | 'special';

export interface AddressToken {
  kind: AddressTokenKind;
  /** Atom text; quoted-string or comment content with quoted-pairs resolved; the special character. */
  text: string;
  /** Whether white space or a comment separated this token from the one before. */
  spaceBefore: boolean;
}

/** Specials that structure an address (RFC 5322 §3.2.3), '.' excepted: it lives inside atoms. */
const STRUCTURE_SPECIALS = '<>@,;:';

function malformedAddress(message: string): SignetError {
  return new SignetError('malformed-mime', `Address list: ${message}`);
}

function isWhiteSpace(character: string): boolean {
  return character === ' ' || character === '\t' || character === '\r' || character === '\n';
}

/** atext (RFC 5322 §3.2.3) plus '.', plus any non-ASCII character (RFC 6532 §3.2). */
function isAtomCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code >= 0x80) return true;
  if (code <= 0x20 || code === 0x7f) return false;
  return !'()<>[]:;@\\,"'.includes(character);
}

/** A quoted-string (RFC 5322 §3.2.4) from its opening quote: its content, quoted-pairs resolved. */
function readQuotedString(value: string, start: number): { text: string; end: number } {
  let text = '';
  let position = start + 1;
  while (position < value.length) {
    const character = value[position];
    if (character === '"') return { text, end: position + 1 };
    if (character === '\\' && position + 1 < value.length) {
      text += value[position + 1];
      position += 2;
      continue;
    }
    // Folding inside a quoted string is white space, not content (RFC 5322 §3.2.4, §2.2.3).
    if (character !== '\r' && character !== '\n') text += character;
    position += 1;
  }
  throw malformedAddress('a quoted string is not closed.');
}

/** A comment (RFC 5322 §3.2.2) from its opening parenthesis: nested comments, quoted-pairs. */
function readComment(value: string, start: number): { text: string; end: number } {
  let text = '';
  let depth = 0;
  let position = start;
  while (position < value.length) {
    const character = value[position];
    if (character === '\\' && position + 1 < value.length) {
      text += value[position + 1];
      position += 2;
      continue;
    }
    if (character === '(') {
      depth += 1;
      if (depth > 1) text += character;
    } else if (character === ')') {
      depth -= 1;
      if (depth === 0) return { text, end: position + 1 };
      text += character;
    } else if (character !== '\r' && character !== '\n') {
      text += character;
    }
    position += 1;
  }
  throw malformedAddress('a comment is not closed.');
}

export function tokenizeAddressList(value: string): AddressToken[] {
  const tokens: AddressToken[] = [];
  let position = 0;
  let spaceBefore = false;
  while (position < value.length) {
    const character = value[position];
    if (isWhiteSpace(character)) {
      spaceBefore = true;
      position += 1;
    } else if (character === '(') {
      const { text, end } = readComment(value, position);
      tokens.push({ kind: 'comment', text, spaceBefore });
      spaceBefore = true;
      position = end;
    } else if (character === '"') {
      const { text, end } = readQuotedString(value, position);
      tokens.push({ kind: 'quoted', text, spaceBefore });
      spaceBefore = false;
      position = end;
    } else if (character === '[') {
      const close = value.indexOf(']', position);
      if (close < 0) throw malformedAddress('a domain literal is not closed.');
      tokens.push({ kind: 'literal', text: value.slice(position, close + 1), spaceBefore });
      spaceBefore = false;
      position = close + 1;
    } else if (STRUCTURE_SPECIALS.includes(character)) {
      tokens.push({ kind: 'special', text: character, spaceBefore });
      spaceBefore = false;
      position += 1;
    } else if (isAtomCharacter(character)) {
      const start = position;
      while (position < value.length && isAtomCharacter(value[position])) position += 1;
      tokens.push({ kind: 'atom', text: value.slice(start, position), spaceBefore });
      spaceBefore = false;
    } else {
      throw malformedAddress(`unexpected character ${JSON.stringify(character)} at position ${position}.`);
    }
  }
  return tokens;
}
