/**
 * The generic usage format, for logs of your own: CSV with a header, or JSON
 * Lines with the same keys, one object a line.
 *
 * | column | required | meaning |
 * |---|---|---|
 * | time | yes | ISO 8601; without a zone it is a time in --tz (UTC by default) |
 * | model | yes | the model called, e.g. gpt-4o or gpt-4o-2024-08-06 |
 * | input_tokens | yes | uncached input tokens (cached reads and cache writes NOT included) |
 * | output_tokens | yes | output tokens, reasoning NOT included |
 * | cached_input_tokens, cache_write_tokens, reasoning_tokens | no (0) | the other kinds |
 * | workload | no (default) | the kind of task |
 * | task | no | id shared by the calls of one task; tasks are counted by it |
 * | vendor | no | openai, anthropic...; from the catalog when blank |
 * | calls | no (1) | LLM calls the row stands for |
 * | cost_usd | no | the cost reported, in dollars |
 * | currency | no (USD) | only USD is accepted |
 * | request_id | no | rows with a request id already seen are dropped |
 *
 * Each token is counted once, in one column: this is the UsageRecord convention
 * itself, so nothing is subtracted.
 */
import { CurrencyCheck } from './currencyCheck.js';
import { columnOf, parseCsvTable } from './parseCsvTable.js';
import { failUsage, readCount, readNumber, UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';
import { parseTimestamp } from './zonedTime.js';

export const GENERIC_REQUIRED = ['time', 'model', 'input_tokens', 'output_tokens'] as const;
export const GENERIC_OPTIONAL = [
  'workload',
  'task',
  'vendor',
  'cached_input_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'calls',
  'cost_usd',
  'currency',
  'request_id',
] as const;

const COUNT_FIELDS = [
  ['input_tokens', 'inputTokens'],
  ['cached_input_tokens', 'cachedInputTokens'],
  ['cache_write_tokens', 'cacheWriteTokens'],
  ['output_tokens', 'outputTokens'],
  ['reasoning_tokens', 'reasoningTokens'],
] as const;

/** Where a field of a row sits, for messages. */
type Locate = (key: string) => readonly [line: number, column: number];

interface RowContext {
  readonly problems: UsageProblems;
  readonly currencies: CurrencyCheck;
  readonly zone: string;
}

/** Reads one row of the generic format from a lookup of its fields. */
function readGenericRow(
  get: (key: string) => unknown,
  locate: Locate,
  context: RowContext,
): UsageRecord | undefined {
  const { problems } = context;
  const fail = (key: string, message: string, hint = ''): undefined => {
    problems.add(...locate(key), key, message, hint);
    return undefined;
  };
  const timeText = String(get('time') ?? '');
  const timeMs = parseTimestamp(timeText, context.zone);
  if (timeMs === undefined) {
    return fail(
      'time',
      `\`${timeText}\` is not a time`,
      'write ISO 8601, e.g. 2024-09-30T18:45:00Z',
    );
  }
  const model = String(get('model') ?? '').trim();
  if (model === '') return fail('model', 'the model is blank');
  const counts: Record<string, number> = {};
  for (const [key, field] of COUNT_FIELDS) {
    const value = readCount(get(key));
    if (value === undefined) {
      return fail(key, `\`${String(get(key))}\` is not a token count`, 'a whole number, 0 or more');
    }
    counts[field] = value ?? 0;
  }
  const calls = readNumber(get('calls'));
  if (calls === undefined || (calls !== null && !(calls >= 0))) {
    return fail('calls', `\`${String(get('calls'))}\` is not a number of calls`);
  }
  const cost = readNumber(String(get('cost_usd') ?? '').replace(/^\$/, ''));
  if (cost === undefined)
    return fail('cost_usd', `\`${String(get('cost_usd'))}\` is not an amount`);
  context.currencies.note(
    String(get('currency') ?? ''),
    problems,
    ...locate('currency'),
    'currency',
  );
  return {
    ...emptyRecord(locate('time')[0]),
    ...counts,
    timeMs,
    model,
    workload: String(get('workload') ?? '').trim() || 'default',
    taskKey: String(get('task') ?? '').trim(),
    vendor: String(get('vendor') ?? '')
      .trim()
      .toLowerCase(),
    calls: calls ?? 1,
    costUsd: cost,
    requestId: String(get('request_id') ?? '').trim(),
  };
}

/** Reads the generic CSV format (columns above, in any order; unknown columns ignored). */
export function readGenericCsv(text: string, zone: string): UsageRecord[] {
  const table = parseCsvTable(text);
  const problems = new UsageProblems();
  const index = new Map(table.header.map((name, column) => [name.toLowerCase(), column]));
  const missing = GENERIC_REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw failUsage(
      1,
      1,
      missing[0]!,
      `the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')} ` +
        'of the generic CSV format missing',
      `the generic CSV needs ${GENERIC_REQUIRED.join(', ')}; ` +
        `other accepted formats: ${ACCEPTED_FORMATS_HINT}`,
    );
  }
  const context = { problems, currencies: new CurrencyCheck(), zone };
  const records: UsageRecord[] = [];
  for (const row of table.rows) {
    const get = (key: string): unknown => {
      const column = index.get(key);
      return column === undefined ? undefined : row.cells[column];
    };
    const locate: Locate = (key) => [row.line, columnOf(row, index.get(key) ?? 0)];
    const record = readGenericRow(get, locate, context);
    if (record !== undefined) records.push(record);
  }
  problems.throwIfAny();
  return records;
}

/** Reads the generic format as JSON Lines: one object a line with the same keys. */
export function readGenericJsonLines(text: string, zone: string): UsageRecord[] {
  const problems = new UsageProblems();
  const context = { problems, currencies: new CurrencyCheck(), zone };
  const records: UsageRecord[] = [];
  forEachJsonLine(text, problems, (object, line) => {
    const missing = GENERIC_REQUIRED.filter((key) => object[key] === undefined);
    if (missing.length > 0) {
      problems.add(line, 1, missing[0]!, `no \`${missing.join('`, `')}\` in this line`);
      return;
    }
    const record = readGenericRow(
      (key) => object[key],
      () => [line, 1],
      context,
    );
    if (record !== undefined) records.push(record);
  });
  problems.throwIfAny();
  return records;
}

/** Calls `visit` with each non-blank line parsed as a JSON object. */
export function forEachJsonLine(
  text: string,
  problems: UsageProblems,
  visit: (object: Readonly<Record<string, unknown>>, line: number) => void,
): void {
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((lineText, index) => {
      if (lineText.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch {
        problems.add(index + 1, 1, '', 'this line is not JSON', 'one JSON object per line');
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.add(index + 1, 1, '', 'this line is not a JSON object');
        return;
      }
      visit(value as Record<string, unknown>, index + 1);
    });
}

/** Named in messages about a file whose format could not be told. */
export const ACCEPTED_FORMATS_HINT =
  'generic CSV or JSON Lines, OpenAI usage or costs JSON, Anthropic usage or cost report JSON, ' +
  'LiteLLM spend logs, OTLP JSON spans with gen_ai.usage.*, FOCUS billing CSV';
