/**
 * The webmail sites a person authorises for Signet at run time (DESIGN.md security model 6, like
 * Mailvelope's "authorised domains"): a self-hosted webmail. A site is stored and asked for as a
 * match pattern of its whole origin, `https://mail.example.org/*`, the form both
 * `chrome.permissions` and `chrome.scripting.registerContentScripts` take. Used by the management
 * page (before it asks the browser) and by the background (which trusts no request).
 */
import { SignetError } from './errors';

/** Plain HTTP only where nobody in between can read or change the page: this machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/** Each site is one registration and one permission; a person has a handful of webmails. */
export const MAXIMUM_AUTHORISED_SITES = 50;

const MAXIMUM_INPUT_LENGTH = 2048;
const SITE_PATTERN = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1))\/\*$/;
const SCRIPT_ID_PREFIX = 'signet-site:';

/**
 * Turns what a person typed (`mail.example.org`, `https://mail.example.org/roundcube/?_task=mail`,
 * `https://mail.example.org/*`) into the origin's match pattern. The port and path are dropped:
 * Chrome's permission patterns take neither, and Signet runs on the whole origin (RFC 6454: the
 * origin, not the path, is the security boundary). Refuses wildcards, other schemes, and plain
 * HTTP anywhere but this machine, where a network attacker could replace the page Signet trusts.
 */
export function parseSiteOrigin(input: string): string {
  const text = input.trim();
  if (text === '') throw refuse('Type the address of your webmail, for example https://mail.example.org.');
  if (text.length > MAXIMUM_INPUT_LENGTH) throw refuse('That address is too long to be a webmail address.');
  if ((text.endsWith('/*') ? text.slice(0, -2) : text).includes('*')) {
    throw refuse('Give one webmail address, without wildcards: Signet asks for each site on its own.');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme.endsWith('/*') ? withScheme.slice(0, -1) : withScheme);
  } catch {
    throw refuse(`"${text.slice(0, 100)}" is not a web address.`);
  }
  if (url.username !== '' || url.password !== '') throw refuse('Give the address without a user name or password in it.');
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(host)) {
    throw refuse(`Signet runs only on https:// webmails (plain http:// only for localhost and 127.0.0.1): ${url.protocol}//${host} could be altered on the way.`);
  }
  const pattern = `${url.protocol}//${host}/*`;
  if (!SITE_PATTERN.test(pattern)) throw refuse(`Signet cannot run on ${url.protocol}//${host}: give an https:// web address.`);
  return pattern;
}

/** Whether `pattern` is one Signet could have stored (for data read back from storage or a request). */
export function isSitePattern(pattern: unknown): pattern is string {
  return typeof pattern === 'string' && SITE_PATTERN.test(pattern);
}

/**
 * Whether the manifest's own content scripts already run there (mail.google.com; the demo
 * build's 127.0.0.1): registering it again would start a second content script in the page.
 */
export function isCoveredByManifest(pattern: string, manifestMatches: readonly string[]): boolean {
  return manifestMatches.includes(pattern);
}

/** The registered content script's id: one per origin, stable across service-worker restarts. */
export function siteScriptId(pattern: string): string {
  return `${SCRIPT_ID_PREFIX}${pattern}`;
}

export function isSiteScriptId(id: string): boolean {
  return id.startsWith(SCRIPT_ID_PREFIX);
}

/** For a person: `https://mail.example.org` rather than the pattern. */
export function describeSite(pattern: string): string {
  return pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
}

function refuse(message: string): SignetError {
  return new SignetError('bad-request', message);
}
