/**
 * Where Gmail serves the raw RFC 822 source of a message, on its own origin (gmail.js
 * `email_source_pre`, GMAIL-NOTES.md §2): `<origin><pathname>?view=att&th=<hex>&attid=0&disp=comp&safe=1&zw`,
 * or with `permmsgid=msg-f:<decimal>` instead of `th` (gmail.js commit 429b105). `view=att`
 * rather than the older `view=om` because it is "not truncated and with attachments included".
 */
import type { GmailMessageIds } from './message-ids';

/**
 * Candidate URLs in the order to try. The page's own query parameters are kept (real Gmail has
 * none; the demo webmail's `account` picks the mailbox), and a cache counter is added because a
 * repeated download can bounce back to mail.google.com and fail CORS (gmail.js).
 */
export function buildRawMessageUrls(pageUrl: URL, ids: GmailMessageIds, cacheCounter: number): URL[] {
  const urls: URL[] = [];
  const make = (idParameter: 'th' | 'permmsgid', idValue: string): URL => {
    const url = new URL(pageUrl.origin + pageUrl.pathname);
    for (const [name, value] of pageUrl.searchParams) url.searchParams.append(name, value);
    url.searchParams.set('view', 'att');
    url.searchParams.set(idParameter, idValue);
    url.searchParams.set('attid', '0');
    url.searchParams.set('disp', 'comp');
    url.searchParams.set('safe', '1');
    url.searchParams.set('zw', '');
    url.searchParams.set('cacheCounter', String(cacheCounter));
    return url;
  };
  if (ids.legacyHex !== undefined) urls.push(make('th', ids.legacyHex));
  if (ids.permanentId?.startsWith('msg-f:')) urls.push(make('permmsgid', ids.permanentId));
  return urls;
}
