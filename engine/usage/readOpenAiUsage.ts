/**
 * OpenAI's organization usage API, completions endpoint
 * (`GET /v1/organization/usage/completions`), and its costs endpoint
 * (`GET /v1/organization/costs`), saved as JSON: a page `{ data: [bucket...] }`,
 * a list of pages, or one page a line.
 *
 * Convention of the usage export: `input_tokens` INCLUDES the cached tokens,
 * which `input_cached_tokens` counts again, so uncached input is the difference.
 * `output_tokens` INCLUDES reasoning tokens (the API does not count them apart),
 * so reasoning stays 0 and all output is priced at the output rate, as OpenAI
 * bills it. A bucket's `num_model_requests` is its calls; `project_id` is the
 * workload; there is no task, so tasks cannot be counted from this export.
 * Audio tokens, counted inside input and output, are priced as text.
 *
 * Convention of the costs export: `amount.value` is in DOLLARS, in
 * `amount.currency` ('usd'); a result has no tokens, and its model is read from
 * `line_item` ('gpt-4o-2024-08-06, input').
 */
import { CurrencyCheck } from './currencyCheck.js';
import {
  asObject,
  readBucketResults,
  showValue,
  type JsonBucket,
  type JsonDocument,
} from './readJsonDocument.js';
import { describeNotA, readCount, readNumber, type UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';

function bucketStartMs(bucket: JsonBucket, problems: UsageProblems): number | undefined {
  const value = bucket.bucket['start_time'];
  const start = readNumber(value);
  if (typeof start !== 'number') {
    const message =
      value === undefined
        ? 'a bucket without its start_time'
        : `\`${showValue(value)}\` is not a time`;
    problems.addJson(bucket.place, ['start_time'], message, 'Unix seconds, e.g. 1727740800');
    return undefined;
  }
  return start * 1000;
}

/** Reads usage buckets of the completions endpoint. */
export function readOpenAiUsage(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): UsageRecord[] {
  return readBucketResults(documents, problems, bucketStartMs, (item) => {
    const { result, place, count } = item;
    const input = count(['input_tokens']);
    const cached = count(['input_cached_tokens']);
    // A bad count reads as 0 and is reported already; comparing it would add a false problem.
    const readable = ['input_tokens', 'input_cached_tokens'].every(
      (key) => readCount(result[key]) !== undefined,
    );
    if (readable && cached > input) {
      problems.addJson(
        place,
        ['input_cached_tokens'],
        `more cached tokens (${cached}) than input tokens (${input})`,
        'input_cached_tokens is the cached part of input_tokens, so at most input_tokens',
      );
    }
    return {
      ...emptyRecord(place.line),
      timeMs: item.timeMs,
      workload: String(result['project_id'] ?? '') || 'default',
      vendor: 'openai',
      model: String(result['model'] ?? '') || 'unknown',
      inputTokens: Math.max(0, input - cached),
      cachedInputTokens: cached,
      outputTokens: count(['output_tokens']),
      calls: count(['num_model_requests']),
    };
  });
}

/** Reads cost buckets of the costs endpoint: dollars, one record per line item. */
export function readOpenAiCosts(
  documents: readonly JsonDocument[],
  problems: UsageProblems,
): UsageRecord[] {
  const currencies = new CurrencyCheck();
  return readBucketResults(documents, problems, bucketStartMs, ({ result, place, timeMs }) => {
    const amount = asObject(result['amount']);
    const value = readNumber(amount?.['value']);
    if (typeof value !== 'number') {
      const message = describeNotA(amount?.['value'], 'an amount');
      problems.addJson(place, ['amount', 'value'], message, DOLLARS_HINT);
    }
    const currency = String(amount?.['currency'] ?? 'usd');
    currencies.note(currency, (message, hint) =>
      problems.addJson(place, ['amount', 'currency'], message, hint),
    );
    if (typeof value !== 'number') return undefined;
    const lineItem = String(result['line_item'] ?? '');
    return {
      ...emptyRecord(place.line),
      timeMs,
      workload: String(result['project_id'] ?? '') || 'default',
      vendor: 'openai',
      model: lineItem.split(',')[0]?.trim() || 'unknown',
      calls: 0,
      costUsd: value,
    };
  });
}

const DOLLARS_HINT = 'the cost in dollars as a number, 0 or more, e.g. 0.25';
