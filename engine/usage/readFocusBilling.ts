/**
 * A FinOps FOCUS 1.0 billing export (CSV), keeping its generative-AI rows: those
 * whose ServiceCategory is 'AI and Machine Learning' and whose ConsumedUnit or
 * PricingUnit counts tokens ('Tokens', '1K Tokens', '1M tokens'). Machine-learning
 * compute, storage and traffic in the same category are dropped.
 *
 * Convention: FOCUS has one row per charge, so a row is one kind of token. The
 * kind is read from ChargeDescription and SkuId: 'cached' or 'cache read' is
 * cached input, 'cache write' or 'cache creation' a cache write, 'reasoning' or
 * 'thinking' reasoning, 'output' or 'completion' output, anything else uncached
 * input; each token lands in one field. ConsumedQuantity times the unit's size
 * is the token count. BilledCost is in DOLLARS (the BillingCurrency's major
 * unit), and only USD is accepted. The model is a `model` tag, else the first
 * model-like word of ChargeDescription; the workload is a `workload` tag, else
 * SubAccountName. FOCUS rows have no calls and no tasks.
 */
import { cellPlace, parseCsvTable, type CsvRow } from './parseCsvTable.js';
import { CurrencyCheck } from './currencyCheck.js';
import { describeNotA, failUsage, readNumber, UsageProblems } from './usageProblems.js';
import { emptyRecord, type UsageRecord } from './usageRecord.js';
import { parseTimestamp } from './zonedTime.js';

export const FOCUS_REQUIRED = [
  'ChargePeriodStart',
  'BilledCost',
  'BillingCurrency',
  'ServiceCategory',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ChargeDescription',
] as const;

const MODEL_FAMILIES = [
  'gpt-',
  'o\\d',
  'claude-',
  'gemini-',
  'llama',
  'mistral-',
  'deepseek-',
  'grok-',
];
const MODEL_WORD = new RegExp(`\\b((?:${MODEL_FAMILIES.join('|')})[\\w.-]*)`, 'i');

/**
 * Tokens in one unit: 'Tokens' 1, '1K Tokens' 1,000, '1M tokens' 1,000,000; undefined for a
 * unit that is not tokens.
 */
export function tokensPerUnit(unit: string): number | undefined {
  if (!/tokens?/i.test(unit)) return undefined;
  const match = /(\d+(?:\.\d+)?)?\s*([km])\b/i.exec(unit);
  if (match === null) return 1;
  const size = Number(match[1] ?? 1);
  return size * (match[2]!.toLowerCase() === 'k' ? 1e3 : 1e6);
}

type TokenField =
  'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens' | 'reasoningTokens';

function tokenKindOf(text: string): TokenField {
  if (/cache[ds]?[\s_-]*(read|hit)|cached/i.test(text)) return 'cachedInputTokens';
  if (/cache[\s_-]*(write|creation)/i.test(text)) return 'cacheWriteTokens';
  if (/reasoning|thinking/i.test(text)) return 'reasoningTokens';
  if (/output|completion/i.test(text)) return 'outputTokens';
  return 'inputTokens';
}

function readTags(text: string): Readonly<Record<string, unknown>> {
  try {
    const tags: unknown = JSON.parse(text);
    return typeof tags === 'object' && tags !== null ? (tags as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Reads the generative-AI rows of a FOCUS CSV. FOCUS requires date-times in UTC, so a
 * ChargePeriodStart written without a zone ('2024-09-18 22:00:00', as in the FOCUS
 * sample data) is read as UTC whatever --tz says; --tz still decides its month.
 */
export function readFocusBilling(text: string, problems: UsageProblems): UsageRecord[] {
  const table = parseCsvTable(text, problems);
  const index = new Map(table.header.map((name, column) => [name, column]));
  const missing = FOCUS_REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw failUsage(
      1,
      1,
      missing[0]!,
      `FOCUS column ${missing.join(', ')} missing`,
      `FOCUS 1.0 needs ${FOCUS_REQUIRED.join(', ')}`,
    );
  }
  const currencies = new CurrencyCheck();
  const records: UsageRecord[] = [];
  for (const row of table.rows) {
    const record = readFocusRow(row, index, problems, currencies);
    if (record !== undefined) records.push(record);
  }
  return records;
}

function readFocusRow(
  row: CsvRow,
  index: ReadonlyMap<string, number>,
  problems: UsageProblems,
  currencies: CurrencyCheck,
): UsageRecord | undefined {
  const get = (key: string): string => {
    const value = row.cells[index.get(key) ?? -1] ?? '';
    return value === 'NULL' ? '' : value;
  };
  const report = (key: string, problem: string, hint: string) => {
    const { column, length } = cellPlace(row, index.get(key) ?? 0);
    const message = get(key) === '' ? `blank is not ${problem}` : describeNotA(get(key), problem);
    problems.add(row.line, column, key, message, hint, { length });
  };
  if (get('ServiceCategory') !== 'AI and Machine Learning') return undefined;
  const unit = tokensPerUnit(get('ConsumedUnit')) ?? tokensPerUnit(get('PricingUnit'));
  if (unit === undefined) return undefined;
  const timeMs = parseTimestamp(get('ChargePeriodStart'), 'UTC');
  const quantity = readNumber(get('ConsumedQuantity'));
  const cost = readNumber(get('BilledCost'));
  if (timeMs === undefined) {
    report('ChargePeriodStart', 'a time', 'ISO 8601 in UTC, e.g. 2024-09-18T22:00:00Z');
  }
  if (typeof quantity !== 'number') {
    report('ConsumedQuantity', 'a quantity', 'the quantity in ConsumedUnit, 0 or more, e.g. 1500');
  }
  if (cost === undefined) {
    report('BilledCost', 'an amount', 'the cost in BillingCurrency, 0 or more, e.g. 0.0123');
  }
  currencies.note(get('BillingCurrency'), (message, hint) => {
    const { column, length } = cellPlace(row, index.get('BillingCurrency') ?? 0);
    problems.add(row.line, column, 'BillingCurrency', message, hint, { length });
  });
  if (timeMs === undefined || typeof quantity !== 'number' || cost === undefined) return undefined;
  const tags = readTags(get('Tags'));
  const description = `${get('ChargeDescription')} ${get('SkuId')}`;
  return {
    ...emptyRecord(row.line),
    timeMs,
    workload: String(tags['workload'] ?? '') || get('SubAccountName') || 'default',
    model:
      String(tags['model'] ?? '') ||
      MODEL_WORD.exec(description)?.[1]?.toLowerCase() ||
      get('ServiceName'),
    [tokenKindOf(description)]: Math.round(quantity * unit),
    calls: 0,
    costUsd: cost,
  };
}
