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
import { collectBuckets, resultsOf, asObject, type JsonBucket } from './readJsonDocument.js';
import { readCount, readNumber, UsageProblems } from './usageProblems.js';
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
  const problems = new UsageProblems();
  const records: UsageRecord[] = [];
  for (const bucket of collectBuckets(documents)) {
    const timeMs = bucketStartMs(bucket, problems);
    if (timeMs === undefined) continue;
    for (const { result, path } of resultsOf(bucket)) {
      const count = (key: string): number => {
        const value = readCount(result[key]);
        if (value === undefined)
          problems.add(bucket.line, 1, `${path}.${key}`, 'not a token count');
        return value ?? 0;
      };
      const input = count('input_tokens');
      const cached = count('input_cached_tokens');
      if (cached > input) {
        problems.add(
          bucket.line,
          1,
          `${path}.input_cached_tokens`,
          'more cached than input tokens',
        );
      }
      records.push({
        ...emptyRecord(bucket.line),
        timeMs,
        workload: String(result['project_id'] ?? '') || 'default',
        vendor: 'openai',
        model: String(result['model'] ?? '') || 'unknown',
        inputTokens: Math.max(0, input - cached),
        cachedInputTokens: cached,
        outputTokens: count('output_tokens'),
        calls: count('num_model_requests'),
      });
    }
  }
  problems.throwIfAny();
  return records;
}

/** Reads cost buckets of the costs endpoint: dollars, one record per line item. */
export function readOpenAiCosts(documents: readonly unknown[]): UsageRecord[] {
  const problems = new UsageProblems();
  const currencies = new CurrencyCheck();
  const records: UsageRecord[] = [];
  for (const bucket of collectBuckets(documents)) {
    const timeMs = bucketStartMs(bucket, problems);
    if (timeMs === undefined) continue;
    for (const { result, path } of resultsOf(bucket)) {
      const amount = asObject(result['amount']);
      const value = readNumber(amount?.['value']);
      if (typeof value !== 'number') {
        problems.add(bucket.line, 1, `${path}.amount.value`, 'no amount in dollars');
        continue;
      }
      const currency = String(amount?.['currency'] ?? 'usd');
      currencies.note(currency, problems, bucket.line, 1, `${path}.amount.currency`);
      const lineItem = String(result['line_item'] ?? '');
      records.push({
        ...emptyRecord(bucket.line),
        timeMs,
        workload: String(result['project_id'] ?? '') || 'default',
        vendor: 'openai',
        model: lineItem.split(',')[0]?.trim() || 'unknown',
        calls: 0,
        costUsd: value,
      });
    }
  }
  problems.throwIfAny();
  return records;
}
