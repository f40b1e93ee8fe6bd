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
import { cellPlace, parseCsvTable } from './parseCsvTable.js';
import { COUNT_HINT, jsonFaultOf, showValue, tryParseJson } from './readJsonDocument.js';
import {
  describeNotA,
  failUsage,
  readCount,
  readNumber,
  type UsageProblems,
} from './usageProblems.js';
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

/** Notes one problem of a row at its field: what is wrong, and what would be valid. */
type Report = (key: string, message: string, hint: string) => void;

/** Reads a row's time; undefined, with the problem reported, when it has none or a bad one. */
function readTime(value: unknown, zone: string, report: Report): number | undefined {
  const text = value === undefined || value === null ? '' : showValue(value).trim();
  const timeMs = parseTimestamp(text, zone);
  if (timeMs === undefined) {
    const hint = 'ISO 8601, e.g. 2024-09-30T18:45:00Z; without a zone it is a time in --tz';
    const problem = text === '' ? 'the time is blank' : `\`${text}\` is not a time`;
    report('time', value === undefined ? 'the row has no `time`' : problem, hint);
  }
  return timeMs;
}

/**
 * Reads one row of the generic format from a lookup of its fields, reporting
 * every problem of the row, not only the first; undefined when it has any.
 */
function readGenericRow(
  get: (key: string) => unknown,
  line: number,
  report: Report,
  context: { readonly currencies: CurrencyCheck; readonly zone: string },
): UsageRecord | undefined {
  let bad = false;
  const fail: Report = (key, message, hint) => {
    bad = true;
    report(key, message, hint);
  };
  const timeMs = readTime(get('time'), context.zone, fail);
  const model = String(get('model') ?? '').trim();
  if (model === '') {
    const problem = get('model') === undefined ? 'the row has no `model`' : 'the model is blank';
    fail('model', problem, 'the model called, e.g. gpt-4o');
  }
  const counts: Record<string, number> = {};
  for (const [key, field] of COUNT_FIELDS) {
    const value = get(key);
    const count = readCount(value);
    // Only JSON Lines can lack a key: a CSV without a required column was refused whole.
    const required = (GENERIC_REQUIRED as readonly string[]).includes(key);
    if (value === undefined && required) fail(key, `the row has no \`${key}\``, COUNT_HINT);
    if (count === undefined) fail(key, describeNotA(value, 'a token count'), COUNT_HINT);
    counts[field] = count ?? 0;
  }
  const calls = readNumber(get('calls'));
  if (calls === undefined) {
    const hint = 'the LLM calls the row stands for, 0 or more, e.g. 3; blank for 1';
    fail('calls', describeNotA(get('calls'), 'a number of calls'), hint);
  }
  const costText = String(get('cost_usd') ?? '').replace(/^\$/, '');
  const cost = readNumber(costText);
  if (cost === undefined) {
    const hint = 'an amount in dollars, 0 or more, e.g. 0.0123 or $0.0123; blank when not known';
    fail('cost_usd', describeNotA(costText, 'an amount'), hint);
  }
  context.currencies.note(String(get('currency') ?? ''), (message, hint) =>
    fail('currency', message, hint),
  );
  if (bad || timeMs === undefined) return undefined;
  return {
    ...emptyRecord(line),
    ...counts,
    timeMs,
    model,
    workload: String(get('workload') ?? '').trim() || 'default',
    taskKey: String(get('task') ?? '').trim(),
    vendor: String(get('vendor') ?? '')
      .trim()
      .toLowerCase(),
    calls: calls ?? 1,
    costUsd: cost ?? null,
    requestId: String(get('request_id') ?? '').trim(),
  };
}

/** Reads the generic CSV format (columns above, in any order; unknown columns ignored). */
export function readGenericCsv(text: string, zone: string, problems: UsageProblems): UsageRecord[] {
  const table = parseCsvTable(text, problems);
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
  const context = { currencies: new CurrencyCheck(), zone };
  const records: UsageRecord[] = [];
  for (const row of table.rows) {
    const get = (key: string): unknown => {
      const column = index.get(key);
      return column === undefined ? undefined : row.cells[column];
    };
    const report: Report = (key, message, hint) => {
      const { column, length } = cellPlace(row, index.get(key) ?? 0);
      problems.add(row.line, column, key, message, hint, { length });
    };
    const record = readGenericRow(get, row.line, report, context);
    if (record !== undefined) records.push(record);
  }
  return records;
}

/** Reads the generic format as JSON Lines: one object a line with the same keys. */
export function readGenericJsonLines(
  text: string,
  zone: string,
  problems: UsageProblems,
): UsageRecord[] {
  const context = { currencies: new CurrencyCheck(), zone };
  const records: UsageRecord[] = [];
  forEachJsonLine(text, problems, (object, line) => {
    const report: Report = (key, message, hint) => {
      problems.addJson({ line, at: [] }, [key], message, hint);
    };
    const record = readGenericRow((key) => object[key], line, report, context);
    if (record !== undefined) records.push(record);
  });
  return records;
}

/** Calls `visit` with each non-blank line parsed as a JSON object; other lines are problems. */
export function forEachJsonLine(
  text: string,
  problems: UsageProblems,
  visit: (object: Readonly<Record<string, unknown>>, line: number) => void,
): void {
  const hint = 'one JSON object a line, e.g. {"time": "2024-09-30T18:45:00Z", "model": "gpt-4o"}';
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((lineText, index) => {
      if (lineText.trim() === '') return;
      const parsed = tryParseJson(lineText);
      if (parsed === undefined) {
        const fault = jsonFaultOf(lineText);
        const message = `this line is not JSON: ${fault.reason}`;
        problems.add(index + 1, fault.offset + 1, 'line', message, hint);
        return;
      }
      const value = parsed.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.add(index + 1, 1, 'line', 'this line is not a JSON object', hint);
        return;
      }
      visit(value as Record<string, unknown>, index + 1);
    });
}

/** Named in messages about a file whose format could not be told. */
export const ACCEPTED_FORMATS_HINT =
  'generic CSV or JSON Lines, OpenAI usage or costs JSON, Anthropic usage or cost report JSON, ' +
  'LiteLLM spend logs, OTLP JSON spans with gen_ai.usage.*, FOCUS billing CSV';
