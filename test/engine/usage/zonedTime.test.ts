import { describe, expect, it } from 'vitest';
import {
  dayKey,
  isKnownTimeZone,
  monthKey,
  parseTimestamp,
  quarterOfMonth,
} from '../../../engine/usage/zonedTime.js';

describe('parseTimestamp', () => {
  it('reads a UTC time written with Z', () => {
    expect(parseTimestamp('2024-09-30T22:15:00Z', 'UTC')).toBe(Date.UTC(2024, 8, 30, 22, 15));
  });

  it('applies an explicit offset whatever the zone asked for', () => {
    // 20:00 at -05:00 is 01:00 UTC the next day.
    const expected = Date.UTC(2024, 1, 1, 1, 0);
    expect(parseTimestamp('2024-01-31T20:00:00-05:00', 'UTC')).toBe(expected);
    expect(parseTimestamp('2024-01-31 20:00:00-0500', 'Asia/Tokyo')).toBe(expected);
  });

  it('reads a time without a zone as a wall-clock time in the given zone', () => {
    // New York is UTC-5 in January (EST) and UTC-4 in July (EDT).
    expect(parseTimestamp('2024-01-31 20:00:00', 'America/New_York')).toBe(
      Date.UTC(2024, 1, 1, 1, 0),
    );
    expect(parseTimestamp('2024-07-31 20:00:00', 'America/New_York')).toBe(
      Date.UTC(2024, 7, 1, 0, 0),
    );
    expect(parseTimestamp('2024-07-31 20:00', 'UTC')).toBe(Date.UTC(2024, 6, 31, 20, 0));
  });

  it('refuses days that do not exist and text that is not a time', () => {
    expect(parseTimestamp('2023-02-29T10:00:00Z', 'UTC')).toBeUndefined();
    expect(parseTimestamp('2024-13-01', 'UTC')).toBeUndefined();
    expect(parseTimestamp('yesterday', 'UTC')).toBeUndefined();
    expect(parseTimestamp('2024-02-29', 'UTC')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('days and months in a zone', () => {
  it('puts an evening usage in New York in its own day and month, not the UTC ones', () => {
    const evening = parseTimestamp('2024-01-31T20:30:00-05:00', 'UTC')!;
    expect(monthKey(evening, 'UTC')).toBe('2024-02');
    expect(dayKey(evening, 'UTC')).toBe('2024-02-01');
    expect(monthKey(evening, 'America/New_York')).toBe('2024-01');
    expect(dayKey(evening, 'America/New_York')).toBe('2024-01-31');
  });

  it('names quarters of months', () => {
    expect(quarterOfMonth('2024-03')).toBe('2024-Q1');
    expect(quarterOfMonth('2024-10')).toBe('2024-Q4');
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
