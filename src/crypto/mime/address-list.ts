/**
 * Address lists (RFC 5322 §3.4): mailboxes, name-addr and addr-spec forms, groups, comments,
 * quoted strings, obsolete routes and local parts (§4.4), and RFC 2047 display names.
 *
 * This feeds the From rule (DESIGN.md), so it is written against the display-name and address
 * tricks of "Johnny, You Are Fired" (USENIX Security 2019):
 * - the address comes only from the structure: inside `<...>` when there is one, else the whole
 *   addr-spec; a display name that looks like an address (`"jethro@jedco.example" <bob@...>`)
 *   stays a display name;
 * - encoded-words are decoded after parsing and only in display names, so one that decodes to
 *   `<...>` or `,` can never create a mailbox or change an address;
 * - a quoted-string is one token: `"jethro@jedco.example"@hacker.example` is an address at
 *   hacker.example;
 * - anything ambiguous (two angle addresses in one mailbox, text after `>`, a phrase with no
 *   address, an unclosed quote, a nested group) is refused with SignetError('malformed-mime')
 *   rather than guessed at, because two readers guessing differently is the attack.
 */
import { SignetError } from '../../shared/errors';
import { tokenizeAddressList } from './address-tokens';
import type { AddressToken } from './address-tokens';
import { decodeEncodedWords } from './encoded-words';

export interface Mailbox {
  /** Decoded for display (RFC 2047); never compared (DESIGN.md From rule). May be ''. */
  displayName: string;
  /** `local@domain` as written, a quoted local part kept quoted unless it is a plain dot-atom. */
  address: string;
  /** The display name of the group the mailbox was listed in (RFC 5322 §3.4 group), if any. */
  group?: string;
}

function malformedAddress(message: string): SignetError {
  return new SignetError('malformed-mime', `Address list: ${message}`);
}

function isSpecial(token: AddressToken | undefined, character: string): boolean {
  return token !== undefined && token.kind === 'special' && token.text === character;
}

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+)*$/;

/** A display phrase: words joined as they were spaced, then RFC 2047-decoded for display. */
function renderDisplayName(tokens: readonly AddressToken[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    if (text !== '' && token.spaceBefore) text += ' ';
    text += token.text;
  }
  return decodeEncodedWords(text).trim();
}

function renderComments(tokens: readonly AddressToken[]): string {
  return decodeEncodedWords(
    tokens
      .filter((token) => token.kind === 'comment')
      .map((token) => token.text.trim())
      .join(' '),
  ).trim();
}

/** Joins words that an obsolete syntax lets CFWS separate, requiring the dots between them. */
function joinDottedWords(words: readonly AddressToken[], what: string): string {
  let joined = '';
  words.forEach((word, index) => {
    const rendered = word.kind === 'quoted' ? renderQuotedWord(word.text) : word.text;
    if (index > 0 && !joined.endsWith('.') && !rendered.startsWith('.')) {
      throw malformedAddress(`the ${what} "${joined} ${rendered}" has words without a dot between them (a display name needs <...> around the address).`);
    }
    joined += rendered;
  });
  return joined;
}

function renderQuotedWord(content: string): string {
  // RFC 5321 §4.1.2: a quoted local part that is a valid dot-atom is the same address unquoted.
  if (DOT_ATOM.test(content)) return content;
  return `"${content.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** addr-spec (RFC 5322 §3.4.1, §4.4): local-part "@" domain, comments already removed. */
function parseAddressSpec(tokens: readonly AddressToken[]): string {
  const atSigns = tokens.filter((token) => isSpecial(token, '@')).length;
  if (atSigns === 0) throw malformedAddress(`"${tokens.map((token) => token.text).join(' ')}" has no @ and no address in <...>.`);
  if (atSigns > 1) throw malformedAddress('an address has more than one unquoted @.');
  const at = tokens.findIndex((token) => isSpecial(token, '@'));
  const localTokens = tokens.slice(0, at);
  const domainTokens = tokens.slice(at + 1);
  if (localTokens.length === 0) throw malformedAddress('an address has an empty local part.');
  if (domainTokens.length === 0) throw malformedAddress('an address has an empty domain.');
  for (const token of [...localTokens, ...domainTokens]) {
    if (token.kind === 'special') throw malformedAddress(`an address contains an unexpected "${token.text}".`);
  }
  if (localTokens.some((token) => token.kind === 'literal')) throw malformedAddress('a local part contains a [literal].');
  const localPart = joinDottedWords(localTokens, 'local part');
  let domain: string;
  if (domainTokens.length === 1 && domainTokens[0].kind === 'literal') {
    domain = domainTokens[0].text;
  } else {
    if (domainTokens.some((token) => token.kind !== 'atom')) throw malformedAddress('a domain contains a quoted string or a misplaced literal.');
    domain = joinDottedWords(domainTokens, 'domain');
    if (domain.split('.').some((label) => label === '')) throw malformedAddress(`the domain "${domain}" has an empty label.`);
  }
  return `${localPart}@${domain}`;
}

/** The inside of `<...>`: an optional obsolete route (`@a,@b:`, RFC 5322 §4.4), then an addr-spec. */
function parseAngleAddress(inner: readonly AddressToken[]): string {
  let tokens = inner.filter((token) => token.kind !== 'comment');
  if (tokens.length === 0) throw malformedAddress('an address in <> is empty.');
  if (isSpecial(tokens[0], '@') || isSpecial(tokens[0], ',')) {
    const colon = tokens.findIndex((token) => isSpecial(token, ':'));
    if (colon < 0) throw malformedAddress('a route in <...> has no closing colon.');
    tokens = tokens.slice(colon + 1);
  }
  return parseAddressSpec(tokens);
}

/** One mailbox from its tokens (between commas, outside any group syntax). */
function parseMailbox(tokens: readonly AddressToken[], group: string | undefined): Mailbox {
  const opens = tokens.filter((token) => isSpecial(token, '<')).length;
  const closes = tokens.filter((token) => isSpecial(token, '>')).length;
  let mailbox: Mailbox;
  if (opens === 0 && closes === 0) {
    const words = tokens.filter((token) => token.kind !== 'comment');
    // Legacy `address (Full Name)`: the comment is all there is to show.
    mailbox = { displayName: renderComments(tokens), address: parseAddressSpec(words) };
  } else {
    if (opens !== 1 || closes !== 1) throw malformedAddress('a mailbox has more than one <address> or an unbalanced < >.');
    const open = tokens.findIndex((token) => isSpecial(token, '<'));
    const close = tokens.findIndex((token) => isSpecial(token, '>'));
    if (close < open) throw malformedAddress('a mailbox has > before <.');
    const after = tokens.slice(close + 1).filter((token) => token.kind !== 'comment');
    if (after.length > 0) throw malformedAddress(`text after <address>: "${after.map((token) => token.text).join(' ')}".`);
    // Lenient on the phrase only (mailers write unquoted dots and even @ in names): the address
    // is unambiguous inside <...>, and the display name is never compared.
    const phrase = tokens.slice(0, open);
    const displayName = renderDisplayName(phrase) || renderComments(phrase);
    mailbox = { displayName, address: parseAngleAddress(tokens.slice(open + 1, close)) };
  }
  if (group !== undefined) mailbox.group = group;
  return mailbox;
}

/** Index of the end of the element starting at `start`: the next ',' (or ';' in a group) outside <>. */
function findElementEnd(tokens: readonly AddressToken[], start: number, inGroup: boolean): { end: number; groupColon: number } {
  let depth = 0;
  for (let index = start; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (isSpecial(token, '<')) depth += 1;
    else if (isSpecial(token, '>')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSpecial(token, ',')) return { end: index, groupColon: -1 };
    else if (depth === 0 && inGroup && isSpecial(token, ';')) return { end: index, groupColon: -1 };
    else if (depth === 0 && isSpecial(token, ':')) return { end: index, groupColon: index };
  }
  return { end: tokens.length, groupColon: -1 };
}

function hasOnlyComments(tokens: readonly AddressToken[]): boolean {
  return tokens.every((token) => token.kind === 'comment');
}

function parseTokens(tokens: readonly AddressToken[], allowGroups: boolean): Mailbox[] {
  const mailboxes: Mailbox[] = [];
  let position = 0;
  while (position < tokens.length) {
    const { end, groupColon } = findElementEnd(tokens, position, false);
    if (groupColon >= 0) {
      if (!allowGroups) throw malformedAddress('a group (name: ...;) where only mailboxes are allowed.');
      const groupName = renderDisplayName(tokens.slice(position, groupColon));
      position = groupColon + 1;
      for (;;) {
        const member = findElementEnd(tokens, position, true);
        if (member.groupColon >= 0) throw malformedAddress('a group inside a group.');
        const memberTokens = tokens.slice(position, member.end);
        if (!hasOnlyComments(memberTokens)) mailboxes.push(parseMailbox(memberTokens, groupName));
        if (member.end >= tokens.length) throw malformedAddress(`the group "${groupName}" is not closed with ";".`);
        position = member.end + 1;
        if (isSpecial(tokens[member.end], ';')) break;
      }
      const rest = findElementEnd(tokens, position, false);
      if (rest.groupColon >= 0 || !hasOnlyComments(tokens.slice(position, rest.end))) {
        throw malformedAddress(`text after the group "${groupName}".`);
      }
      position = rest.end + 1;
      continue;
    }
    const elementTokens = tokens.slice(position, end);
    // obs-addr-list (RFC 5322 §4.4) allows empty elements: "a@b, , c@d".
    if (!hasOnlyComments(elementTokens)) mailboxes.push(parseMailbox(elementTokens, undefined));
    position = end + 1;
  }
  return mailboxes;
}

/**
 * Parses an address-list header value (To, Cc, Reply-To; RFC 5322 §3.4). Group members are
 * returned flattened, each carrying its group's name. Throws SignetError('malformed-mime') for
 * anything that isn't an address list.
 */
export function parseAddressList(value: string): Mailbox[] {
  return parseTokens(tokenizeAddressList(value), true);
}

/**
 * Parses a mailbox-list (From, RFC 5322 §3.6.2): as parseAddressList, but a group is refused,
 * since From may not hold one.
 */
export function parseMailboxList(value: string): Mailbox[] {
  return parseTokens(tokenizeAddressList(value), false);
}
