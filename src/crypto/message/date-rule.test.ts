import { describe, expect, it } from 'vitest';
import { isDateReplayed, parseMailDate } from './date-rule';

describe('the date rule', () => {
  const signed = new Date('2026-03-02T09:00:00Z');

  it('accepts a Date header written a few minutes after signing', () => {
    expect(isDateReplayed('Mon, 02 Mar 2026 09:05:00 +0000', signed)).toBe(false);
    expect(isDateReplayed('Mon, 02 Mar 2026 10:00:00 +0100 (CET)', signed)).toBe(false);
  });

  it("reports Jethro's old order re-sent a week later as replayed", () => {
    expect(isDateReplayed('Mon, 09 Mar 2026 09:00:00 +0000', signed)).toBe(true);
  });

  it('reports a Date just over an hour before signing as replayed', () => {
    expect(isDateReplayed('Mon, 02 Mar 2026 07:59:59 +0000', signed)).toBe(true);
  });

  it('has nothing to compare without a Date or a signing time', () => {
    expect(isDateReplayed(undefined, signed)).toBe(false);
    expect(isDateReplayed('Mon, 09 Mar 2026 09:00:00 +0000', undefined)).toBe(false);
    expect(parseMailDate('not a date')).toBeUndefined();
  });
});
