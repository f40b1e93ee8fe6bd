import { UsageReadError, type JsonPath, type UsageProblem } from './usageRecord.js';

/**
 * Bad rows whose every problem is listed; past them, rows and problems are
 * only counted. Twenty rows, at two or three lines a problem, fit a terminal
 * or two, and a file with more bad rows than that is usually wrong
 * throughout (another format, a shifted column), which the first rows show.
 */
export const MAX_LISTED_ROWS = 20;

/** A record in a JSON file: the line its document starts on, and its path inside it. */
export interface JsonPlace {
  readonly line: number;
  readonly at: JsonPath;
}

/** What a reader knows of a problem beyond its line and column. */
export interface ProblemDetail {
  /** Characters to underline from the column (a CSV cell's length). */
  readonly length?: number;
  /** The value's path in its JSON document, placed later by placeUsageProblems. */
  readonly at?: JsonPath;
  /** Which row the problem is in, so that a row's problems are listed together; its line. */
  readonly row?: string;
}

/**
 * Collects the problems of one usage file while a reader walks it: every
 * problem of a bad row, for the first MAX_LISTED_ROWS bad rows, and a count
 * of the rest, so a user sees what is wrong at once instead of fixing one
 * problem a run.
 */
export class UsageProblems {
  private readonly listed: UsageProblem[] = [];
  private readonly listedRows = new Set<string>();
  private readonly unlistedRows = new Set<string>();
  private unlistedProblems = 0;

  add(
    line: number,
    column: number,
    key: string,
    message: string,
    hint: string,
    detail: ProblemDetail = {},
  ): void {
    const row = detail.row ?? String(line);
    if (!this.listedRows.has(row) && this.listedRows.size >= MAX_LISTED_ROWS) {
      this.unlistedRows.add(row);
      this.unlistedProblems += 1;
      return;
    }
    this.listedRows.add(row);
    const at = detail.at === undefined ? {} : { at: detail.at };
    this.listed.push({ line, column, length: detail.length ?? 1, key, message, hint, ...at });
  }

  /** A problem of the value at `field` below the JSON record at `row`; its key is the path. */
  addJson(row: JsonPlace, field: JsonPath, message: string, hint: string): void {
    const at = [...row.at, ...field];
    const detail = { at, row: `${row.line}:${row.at.join('.')}` };
    this.add(row.line, 1, at.join('.'), message, hint, detail);
  }

  /** Throws a UsageReadError with every problem collected, if there is any. */
  throwIfAny(): void {
    if (this.listed.length === 0) return;
    const unlisted = { rows: this.unlistedRows.size, problems: this.unlistedProblems };
    throw new UsageReadError(this.listed, unlisted);
  }
}

/** Throws at once: for a file that cannot be read at all (not JSON, wrong shape). */
export function failUsage(
  line: number,
  column: number,
  key: string,
  message: string,
  hint: string,
): UsageReadError {
  return new UsageReadError([{ line, column, length: 1, key, message, hint }]);
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Reads a number as exports write it: '1234', '1,234,567' (thousands separators,
 * usually inside quotes in a CSV), '0.5', '1e-6', or a JSON number. Every number
 * a usage file holds is a count, an amount or a time, none of which is below
 * zero, so a negative number is refused here once for every reader; so is one
 * too large for a double ('1e400' reads as Infinity). Returns undefined for
 * those and for anything else that is not a number; null for a blank.
 */
export function readNumber(value: unknown): number | undefined | null {
  const number = readAnyNumber(value);
  if (number === null || number === undefined) return number;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** The number written, whatever its sign or size; undefined when it is not one. */
function readAnyNumber(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || /^null$/i.test(text)) return null;
  if (GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  return PLAIN_NUMBER.test(text) ? Number(text) : undefined;
}

/**
 * Reads a token count: a whole number, not negative, and at most 2^53 - 1, past
 * which a double no longer holds every whole number and counts would be rounded.
 */
export function readCount(value: unknown): number | undefined | null {
  const number = readNumber(value);
  if (number === null || number === undefined) return number;
  return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * Says why a value readNumber or readCount refused is not `what` (e.g. 'an
 * amount'): negative, too large, not whole, or not a number at all.
 */
export function describeNotA(value: unknown, what: string): string {
  const shown = `\`${showRaw(value)}\``;
  const number = readAnyNumber(value);
  if (typeof number !== 'number' || Number.isNaN(number)) return `${shown} is not ${what}`;
  if (number < 0) return `${shown} is negative, so not ${what}`;
  if (!Number.isFinite(number) || number > Number.MAX_SAFE_INTEGER) {
    return `${shown} is too large to hold, so not ${what}`;
  }
  return `${shown} is not ${what}`;
}

/** Shows a value as the file wrote it; showValue's twin, which this file cannot import. */
function showRaw(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}
