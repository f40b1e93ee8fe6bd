import { UsageReadError, type UsageProblem } from './usageRecord.js';

/** More problems than this in one file are summarised, not listed. */
const MAX_LISTED = 30;

/**
 * Collects the problems of one usage file while a reader walks it, so a user sees
 * every bad row at once instead of fixing them one run at a time.
 */
export class UsageProblems {
  readonly list: UsageProblem[] = [];
  private dropped = 0;

  add(line: number, column: number, key: string, message: string, hint = ''): void {
    if (this.list.length < MAX_LISTED) this.list.push({ line, column, key, message, hint });
    else this.dropped += 1;
  }

  /** Throws a UsageReadError with every problem collected, if there is any. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const problems = [...this.list];
    if (this.dropped > 0) {
      const last = problems[problems.length - 1]!;
      problems.push({ ...last, key: '', message: `and ${this.dropped} more problems`, hint: '' });
    }
    throw new UsageReadError(problems);
  }
}

/** Throws at once: for a file that cannot be read at all (not JSON, wrong shape). */
export function failUsage(line: number, column: number, key: string, message: string, hint = '') {
  return new UsageReadError([{ line, column, key, message, hint }]);
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Reads a number as exports write it: '1234', '1,234,567' (thousands separators,
 * usually inside quotes in a CSV), '0.5', '1e-6', or a JSON number. Returns
 * undefined for anything else, including NaN and infinities; null for a blank.
 */
export function readNumber(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || /^null$/i.test(text)) return null;
  if (GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  return PLAIN_NUMBER.test(text) ? Number(text) : undefined;
}

/** Reads a token count: a number that is whole and not negative. */
export function readCount(value: unknown): number | undefined | null {
  const number = readNumber(value);
  if (number === null || number === undefined) return number;
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}
