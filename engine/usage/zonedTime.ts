/**
 * Times in usage files: parsing timestamps with or without a zone, and naming
 * the calendar day, month and quarter a moment falls in, in a chosen IANA zone.
 * A usage at 20:00 in New York on 31 January is 01:00 UTC on 1 February: which
 * month it counts in depends on the zone the operator reports in, so the zone is
 * always explicit (UTC unless the user names another).
 *
 * Uses Intl.DateTimeFormat, which is deterministic (no clock is read).
 */
import { daysInMonth } from '../isCalendarDate.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the zone ('UTC', 'Europe/Paris', 'America/New_York'). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall-clock reading of a moment in a zone. */
export function readWallClock(timeMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(timeMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** How far the zone's clock is ahead of UTC at a moment, in milliseconds. */
function zoneOffsetMs(timeMs: number, zone: string): number {
  const clock = readWallClock(timeMs, zone);
  const asUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  return asUtc - (timeMs - (((timeMs % 1000) + 1000) % 1000));
}

// Date, optional time (seconds and fraction optional), optional zone.
const TIMESTAMP = new RegExp(
  '^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?' +
    '\\s*(Z|UTC|[+-]\\d{2}:?\\d{2})?$',
  'i',
);

/**
 * Reads an ISO 8601 timestamp ('2024-09-30T22:15:00Z', '2024-09-30 22:15:00+02:00',
 * '2024-09-30'). One without a zone is a wall-clock time in `zone`. Returns
 * milliseconds since the epoch, or undefined when the text is not such a time
 * or names a day that does not exist.
 */
export function parseTimestamp(text: string, zone: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) =>
    Number(match[index] ?? 0),
  ) as [number, number, number, number, number, number];
  const millis = Math.round(Number(match[7] ?? 0) * 1000);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zoneText = match[8];
  if (zoneText === undefined) {
    // The offset at the guessed instant, then once more at the corrected one, so a
    // time just after a daylight-saving change still lands on the right hour.
    const first = wall - zoneOffsetMs(wall, zone);
    return wall - zoneOffsetMs(first, zone);
  }
  if (/^(z|utc)$/i.test(zoneText)) return wall;
  const sign = zoneText.startsWith('-') ? -1 : 1;
  const digits = zoneText.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return wall - sign * offsetMinutes * 60_000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** 'YYYY-MM-DD' of the moment in the zone. */
export function dayKey(timeMs: number, zone: string): string {
  const clock = readWallClock(timeMs, zone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** 'YYYY-MM' of the moment in the zone. */
export function monthKey(timeMs: number, zone: string): string {
  return dayKey(timeMs, zone).slice(0, 7);
}

/** 'YYYY-Qn' of a 'YYYY-MM' month. */
export function quarterOfMonth(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}
