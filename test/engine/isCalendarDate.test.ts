import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../engine/isCalendarDate.js';

describe('isCalendarDate', () => {
  // Leap years by the Gregorian rule: 2028 (divisible by 4), 2000 (by 400); not 1900 (by 100).
  it.each(['2026-07-24', '2026-01-31', '2026-04-30', '2028-02-29', '2000-02-29', '2026-12-31'])(
    'takes %s, a day the calendar has',
    (text) => expect(isCalendarDate(text)).toBe(true),
  );

  it.each([
    '2026-13-45',
    '2026-00-10',
    '2026-01-00',
    '2026-04-31',
    '2026-02-29',
    '1900-02-29',
    '2026-7-24',
    '2026-07-24T00:00',
    '',
  ])('refuses %s', (text) => expect(isCalendarDate(text)).toBe(false));
});
