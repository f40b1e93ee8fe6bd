import { totalTokens, type UsageRecord } from './usageRecord.js';

/** A total that grew too large: the field, and the record whose value took it past. */
export interface TotalOverflow {
  /** The field as the generic format names it, e.g. 'cost_usd'; 'tokens' for all together. */
  readonly field: string;
  /** The line of the record at which the running total passed the limit. */
  readonly line: number;
  readonly limit: number;
}

/**
 * The largest total of a field that the reports accept: 2^53 - 1. Past it a
 * double no longer holds every whole number, so counts would be rounded, and
 * further on sums turn into Infinity, which no report can show. Far below the
 * largest double, it also keeps what is derived from the totals (a price per
 * million tokens, a yearly figure) finite.
 */
export const TOTAL_LIMIT = Number.MAX_SAFE_INTEGER;

/** Each summed field of a record, by the name the generic format gives it. */
const FIELDS = [
  ['input_tokens', 'inputTokens'],
  ['cached_input_tokens', 'cachedInputTokens'],
  ['cache_write_tokens', 'cacheWriteTokens'],
  ['output_tokens', 'outputTokens'],
  ['reasoning_tokens', 'reasoningTokens'],
  ['calls', 'calls'],
  ['cost_usd', 'costUsd'],
] as const;

/**
 * Finds the first field whose total over the records passes TOTAL_LIMIT, in
 * the records' order, or undefined when none does. Every value is at least 0,
 * so every sum the reports take over a subset (a month, a workload) is at most
 * these totals, and checking them once keeps each of those finite. Cost:
 * linear in records.
 */
export function findTotalOverflow(records: readonly UsageRecord[]): TotalOverflow | undefined {
  const totals = new Map<string, number>();
  for (const record of records) {
    const values: [string, number][] = FIELDS.map(([name, field]) => [name, record[field] ?? 0]);
    values.push(['tokens', totalTokens(record)]);
    for (const [field, value] of values) {
      const total = (totals.get(field) ?? 0) + value;
      if (!(total <= TOTAL_LIMIT)) return { field, line: record.line, limit: TOTAL_LIMIT };
      totals.set(field, total);
    }
  }
  return undefined;
}
