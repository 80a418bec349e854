/**
 * The date rule, as Thunderbird has it (DESIGN.md): a Date header more than one hour away from the
 * signed signingTime (RFC 5652 §11.3) means an old signed message was sent again with a new date,
 * a replay.
 */
export const DATE_TOLERANCE_MILLISECONDS = 60 * 60 * 1000;

/** True when both times are known and more than an hour apart. */
export function isDateReplayed(dateHeader: string | undefined, signingTime: Date | undefined): boolean {
  if (!dateHeader || !signingTime) return false;
  const date = parseMailDate(dateHeader);
  if (date === undefined) return false;
  return Math.abs(date.getTime() - signingTime.getTime()) > DATE_TOLERANCE_MILLISECONDS;
}

/**
 * RFC 5322 §3.3 date-time, with its comments removed ("+0000 (UTC)"); the obsolete zone names of
 * §4.3 are understood by Date.parse. Undefined when unreadable.
 */
export function parseMailDate(value: string): Date | undefined {
  const withoutComments = value.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const milliseconds = Date.parse(withoutComments);
  return Number.isNaN(milliseconds) ? undefined : new Date(milliseconds);
}
