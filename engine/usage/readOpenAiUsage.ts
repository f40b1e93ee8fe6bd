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
import { asObject, readBucketResults, type JsonBucket } from './readJsonDocument.js';
import { readNumber, type UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';

function bucketStartMs(bucket: JsonBucket, problems: UsageProblems): number | undefined {
  const start = readNumber(bucket.bucket['start_time']);
  if (typeof start !== 'number') {
    problems.add(bucket.line, 1, `${bucket.path}.start_time`, 'no start_time (Unix seconds)');
    return undefined;
  }
  return start * 1000;
}

/** Reads usage buckets of the completions endpoint. */
export function readOpenAiUsage(documents: readonly unknown[]): UsageRecord[] {
  return readBucketResults(documents, bucketStartMs, (item, problems) => {
    const { result, path, line, count } = item;
    const input = count(result['input_tokens'], 'input_tokens');
    const cached = count(result['input_cached_tokens'], 'input_cached_tokens');
    if (cached > input) {
      problems.add(line, 1, `${path}.input_cached_tokens`, 'more cached than input tokens');
    }
    return {
      ...emptyRecord(line),
      timeMs: item.timeMs,
      workload: String(result['project_id'] ?? '') || 'default',
      vendor: 'openai',
      model: String(result['model'] ?? '') || 'unknown',
      inputTokens: Math.max(0, input - cached),
      cachedInputTokens: cached,
      outputTokens: count(result['output_tokens'], 'output_tokens'),
      calls: count(result['num_model_requests'], 'num_model_requests'),
    };
  });
}

/** Reads cost buckets of the costs endpoint: dollars, one record per line item. */
export function readOpenAiCosts(documents: readonly unknown[]): UsageRecord[] {
  const currencies = new CurrencyCheck();
  return readBucketResults(documents, bucketStartMs, ({ result, path, line, timeMs }, problems) => {
    const amount = asObject(result['amount']);
    const value = readNumber(amount?.['value']);
    if (typeof value !== 'number') {
      problems.add(line, 1, `${path}.amount.value`, 'no amount in dollars');
      return undefined;
    }
    const currency = String(amount?.['currency'] ?? 'usd');
    currencies.note(currency, problems, line, 1, `${path}.amount.currency`);
    const lineItem = String(result['line_item'] ?? '');
    return {
      ...emptyRecord(line),
      timeMs,
      workload: String(result['project_id'] ?? '') || 'default',
      vendor: 'openai',
      model: lineItem.split(',')[0]?.trim() || 'unknown',
      calls: 0,
      costUsd: value,
    };
  });
}
