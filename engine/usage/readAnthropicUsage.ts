/**
 * Anthropic's Admin API reports, saved as JSON (a page, a list of pages, or one
 * page a line): the usage report (`/v1/organizations/usage_report/messages`)
 * and the cost report (`/v1/organizations/cost_report`).
 *
 * Convention of the usage report: `uncached_input_tokens` EXCLUDES cache reads
 * (`cache_read_input_tokens`) and cache writes (`cache_creation`, split into
 * 5-minute and 1-hour lifetimes), so the three are added, never subtracted. The
 * two write lifetimes are summed into cache writes, priced at the catalog's one
 * write rate (the 5-minute rate; a 1-hour write costs 2x input, not 1.25x, so
 * recomputed costs of 1-hour writes run low). `output_tokens` INCLUDES extended
 * thinking, which Anthropic bills as output; reasoning stays 0. The report has
 * no request counts (calls are 0) and no tasks; `workspace_id` is the workload.
 *
 * Convention of the cost report: `amount` is a decimal string in CENTS (the
 * currency's lowest unit), so $12.34 is "1234"; it is divided by 100 here.
 */
import { CurrencyCheck } from './currencyCheck.js';
import {
  readBucketResults,
  showValue,
  type JsonBucket,
  type JsonDocument,
} from './readJsonDocument.js';
import { describeNotA, readNumber, type UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';
import { parseTimestamp } from './zonedTime.js';

function bucketStartMs(bucket: JsonBucket, problems: UsageProblems): number | undefined {
  const value = bucket.bucket['starting_at'];
  const timeMs = parseTimestamp(String(value ?? ''), 'UTC');
  if (timeMs === undefined) {
    const message =
      value === undefined
        ? 'a bucket without its starting_at'
        : `\`${showValue(value)}\` is not a time`;
    problems.addJson(bucket.place, ['starting_at'], message, 'ISO 8601, e.g. 2025-08-01T00:00:00Z');
  }
  return timeMs;
}

/** Reads the usage report's buckets. */
export function readAnthropicUsage(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): UsageRecord[] {
  return readBucketResults(
    documents,
    problems,
    bucketStartMs,
    ({ result, place, timeMs, count }) => {
      const writes = ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens'].map((key) =>
        count(['cache_creation', key]),
      );
      return {
        ...emptyRecord(place.line),
        timeMs,
        workload: String(result['workspace_id'] ?? '') || 'default',
        vendor: 'anthropic',
        model: String(result['model'] ?? '') || 'unknown',
        inputTokens: count(['uncached_input_tokens']),
        cachedInputTokens: count(['cache_read_input_tokens']),
        cacheWriteTokens: writes[0]! + writes[1]!,
        outputTokens: count(['output_tokens']),
        calls: 0,
      };
    },
  );
}

/** Reads the cost report's buckets: amounts in cents, turned into dollars. */
export function readAnthropicCosts(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): UsageRecord[] {
  const currencies = new CurrencyCheck();
  return readBucketResults(documents, problems, bucketStartMs, ({ result, place, timeMs }) => {
    const cents = readNumber(result['amount']);
    if (typeof cents !== 'number') {
      problems.addJson(
        place,
        ['amount'],
        describeNotA(result['amount'], 'an amount'),
        'the cost in cents as a decimal string, 0 or more, e.g. "1234" for $12.34',
      );
    }
    const currency = String(result['currency'] ?? 'USD');
    currencies.note(currency, (message, hint) =>
      problems.addJson(place, ['currency'], message, hint),
    );
    if (typeof cents !== 'number') return undefined;
    return {
      ...emptyRecord(place.line),
      timeMs,
      workload: String(result['workspace_id'] ?? '') || 'default',
      vendor: 'anthropic',
      model: String(result['model'] ?? '') || String(result['description'] ?? '') || 'unknown',
      calls: 0,
      costUsd: cents / 100,
    };
  });
}
