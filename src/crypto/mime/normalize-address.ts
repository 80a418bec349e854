/**
 * Comparing e-mail addresses (the From rule of DESIGN.md compares the From address with the
 * certificate's rfc822Name / emailAddress, RFC 8550 §3).
 *
 * The domain is case-insensitive (RFC 5321 §2.4, RFC 1035 §2.3.3) and an internationalized one is
 * compared in its ASCII (A-label) form, which is how certificates carry it (RFC 5280 §7.5).
 * The local part is, by RFC 5321 §2.4, case-sensitive to the receiving server; but no mail system
 * in use gives JETHRO@ and jethro@ to different people, and every mail client (Thunderbird,
 * Outlook, Apple Mail) matches certificate addresses case-insensitively. Comparing it case-
 * sensitively would call honest mail "mismatch" without stopping any attack, so it is lower-cased
 * too. Nothing else is folded: no dropping of dots or "+tags", which only some providers ignore.
 * A quoted local part that is a plain dot-atom is unquoted (RFC 5321 §4.1.2 makes them equal).
 */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed.toLowerCase();
  let localPart = trimmed.slice(0, at);
  const quotedDotAtom = /^"([A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*)"$/.exec(localPart);
  if (quotedDotAtom !== null) localPart = quotedDotAtom[1];
  return `${localPart.toLowerCase()}@${normalizeDomain(trimmed.slice(at + 1))}`;
}

function normalizeDomain(domain: string): string {
  const lower = domain.toLowerCase().replace(/\.$/, '');
  if (lower.startsWith('[') || /^[\x00-\x7f]*$/.test(lower)) return lower;
  try {
    // The WHATWG URL parser applies UTS #46 (IDNA) in Node and in service workers alike.
    return new URL(`http://${lower}/`).hostname;
  } catch {
    return lower;
  }
}

/** Whether two addresses name the same mailbox under normalizeAddress's rules. */
export function isSameAddress(first: string, second: string): boolean {
  return normalizeAddress(first) === normalizeAddress(second);
}
