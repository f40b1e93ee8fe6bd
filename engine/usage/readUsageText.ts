/**
 * Reads a usage file of any supported format into normalised records: the
 * format is told from the content (or named), the matching reader runs, and
 * rows whose request id was already seen are dropped.
 */
import { readAnthropicCosts, readAnthropicUsage } from './readAnthropicUsage.js';
import { readFocusBilling } from './readFocusBilling.js';
import {
  ACCEPTED_FORMATS_HINT,
  GENERIC_REQUIRED,
  readGenericCsv,
  readGenericJsonLines,
} from './readGenericUsage.js';
import { asObject, firstJsonValue, parseJsonDocuments } from './readJsonDocument.js';
import { placeUsageProblems } from './placeUsageProblems.js';
import { readLiteLlmSpendLogs, type LiteLlmTaskKey } from './readLiteLlmSpendLogs.js';
import { readOpenAiCosts, readOpenAiUsage } from './readOpenAiUsage.js';
import { readOtelSpans } from './readOtelSpans.js';
import { findTotalOverflow, type TotalOverflow } from './findTotalOverflow.js';
import { failUsage, UsageProblems } from './usageProblems.js';
import { UsageReadError, type UsageFormat, type UsageRecord } from './usageRecord.js';

export interface ReadUsageOptions {
  /** IANA zone of times written without one; also the zone days and months are told in. */
  readonly zone: string;
  readonly format?: UsageFormat | undefined;
  /** For LiteLLM spend logs: what groups calls into a task. */
  readonly taskKey?: LiteLlmTaskKey | undefined;
}

export interface UsageRead {
  readonly format: UsageFormat;
  readonly records: readonly UsageRecord[];
  /** Rows dropped because their request id had been seen before. */
  readonly duplicates: number;
}

/**
 * Reads one usage file's text. Throws a UsageReadError naming every problem
 * of every bad row (up to MAX_LISTED_ROWS rows, and a count of the rest),
 * each at its line and column with the text of its line.
 */
export function readUsageText(text: string, options: ReadUsageOptions): UsageRead {
  try {
    const format = options.format ?? detectUsageFormat(text);
    const records = readAs(format, text, options);
    const { kept, duplicates } = dropDuplicateRequests(records);
    const overflow = findTotalOverflow(kept);
    if (overflow !== undefined) throw failTotal(overflow);
    return { format, records: kept, duplicates };
  } catch (error) {
    throw error instanceof UsageReadError ? placeUsageProblems(text, error) : error;
  }
}

/** The problem of a total too large to add up, placed at the row that took it past. */
function failTotal(overflow: TotalOverflow): UsageReadError {
  return failUsage(
    overflow.line,
    1,
    overflow.field,
    `the ${describeTotal(overflow.field)} add up past ${overflow.limit} at this row, ` +
      'more than a total can hold exactly',
    'check the column for a value far too large (e.g. 1e300); each total must stay below 2^53',
  );
}

/** The words for a summed field in a message. */
export function describeTotal(field: string): string {
  if (field === 'cost_usd') return 'costs';
  return field === 'tokens' ? 'tokens of all kinds' : field.replace(/_/g, ' ');
}

/** Reads the text as `format`, noting every problem; throws them all at the end. */
function readAs(format: UsageFormat, text: string, options: ReadUsageOptions): UsageRecord[] {
  const problems = new UsageProblems();
  const records = readWith(format, text, options, problems);
  problems.throwIfAny();
  return records;
}

function readWith(
  format: UsageFormat,
  text: string,
  options: ReadUsageOptions,
  problems: UsageProblems,
): UsageRecord[] {
  const documents = () => parseJsonDocuments(text, problems);
  switch (format) {
    case 'generic-csv':
      return readGenericCsv(text, options.zone, problems);
    case 'generic-jsonl':
      return readGenericJsonLines(text, options.zone, problems);
    case 'focus':
      return readFocusBilling(text, problems);
    case 'openai-usage':
      return readOpenAiUsage(documents(), problems);
    case 'openai-costs':
      return readOpenAiCosts(documents(), problems);
    case 'anthropic-usage':
      return readAnthropicUsage(documents(), problems);
    case 'anthropic-costs':
      return readAnthropicCosts(documents(), problems);
    case 'litellm-spend':
      return readLiteLlmSpendLogs(documents(), problems, options.zone, options.taskKey);
    case 'otel-spans':
      return readOtelSpans(documents(), problems);
  }
}

/** Keeps the first record of each request id; records without one are all kept. */
export function dropDuplicateRequests(records: readonly UsageRecord[]) {
  const seen = new Set<string>();
  const kept = records.filter((record) => {
    if (record.requestId === '') return true;
    if (seen.has(record.requestId)) return false;
    seen.add(record.requestId);
    return true;
  });
  return { kept, duplicates: records.length - kept.length };
}

/** Tells a file's format from its first bytes, its header or its first record. */
export function detectUsageFormat(text: string): UsageFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') {
    const hint = `a usage export: ${ACCEPTED_FORMATS_HINT}`;
    throw failUsage(1, 1, 'file', 'the file is empty', hint);
  }
  if (start.startsWith('{') || start.startsWith('[')) return detectJsonFormat(text);
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
  if (columns.includes('ChargePeriodStart') && columns.includes('BilledCost')) return 'focus';
  const lower = columns.map((column) => column.toLowerCase());
  if (lower.includes('time') || lower.includes('model')) return 'generic-csv';
  const missing = GENERIC_REQUIRED.filter((name) => !lower.includes(name));
  throw failUsage(
    1,
    1,
    missing[0] ?? '',
    'cannot tell the format of this file: its header has no column ' +
      `${missing.map((name) => `\`${name}\``).join(', ')} of the generic CSV`,
    `accepted formats: ${ACCEPTED_FORMATS_HINT}; or name one with --format`,
  );
}

function detectJsonFormat(text: string): UsageFormat {
  // The first document tells the format; bad lines after it are the reader's to report.
  const value = firstJsonValue(text);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const object = asObject(first) ?? {};
  if ('resourceSpans' in object) return 'otel-spans';
  if ('time' in object && 'model' in object) return 'generic-jsonl';
  if ('spend' in object || 'startTime' in object) return 'litellm-spend';
  const data = object['data'];
  const bucket = asObject(Array.isArray(data) ? data[0] : undefined);
  const results = bucket?.['results'];
  const result = asObject(Array.isArray(results) ? results[0] : undefined) ?? {};
  const kind = String(result['object'] ?? '');
  if ('uncached_input_tokens' in result) return 'anthropic-usage';
  if (kind === 'organization.usage.completions.result' || 'num_model_requests' in result) {
    return 'openai-usage';
  }
  if (kind === 'organization.costs.result' || asObject(result['amount']) !== undefined) {
    return 'openai-costs';
  }
  if (typeof result['amount'] === 'string' || 'cost_type' in result) return 'anthropic-costs';
  const litellmList = asObject(value)?.['data'];
  if (Array.isArray(litellmList) && asObject(litellmList[0])?.['spend'] !== undefined) {
    return 'litellm-spend';
  }
  throw failUsage(
    1,
    1,
    'format',
    'cannot tell the format of this JSON file',
    `accepted formats: ${ACCEPTED_FORMATS_HINT}; or name one with --format`,
  );
}
