/**
 * Reading LiteLLM's price map (model_prices_and_context_window.json) and the price
 * history derived from its older snapshots. Pure functions of the parsed files, shared by
 * the catalog's build script (tools/buildCatalog.ts) and `pertask prices import`.
 */
import { parse } from 'csv-parse/sync';
import type { CatalogEntry } from '../priceCatalog.js';
import { isCalendarDate } from '../isCalendarDate.js';

export interface LiteLlmContext {
  /** 'YYYY-MM-DD' the map was read. */
  readonly asOf: string;
  readonly uniformBatch: ReadonlyMap<string, number>;
  /** Keep entries of resellers and clouds too, named by their LiteLLM provider. */
  readonly anyProvider?: boolean;
}

/** LiteLLM's provider names mapped to the vendor that sets the price. */
export const VENDOR_BY_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  'google-vertex': 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  xai: 'xai',
};

export const NON_MODEL_KEYS = new Set(['sample_spec', 'fallback_generalizations', 'last_updated']);
export const LITELLM_SOURCE = 'litellm model_prices_and_context_window.json';

export type LiteLlmPriceMap = Readonly<Record<string, unknown>>;

export interface PriceHistoryRow {
  readonly date: string;
  readonly provider: string;
  readonly model: string;
  readonly inputUsdPerMillionTokens: number;
  readonly outputUsdPerMillionTokens: number;
  readonly sourceCommit: string;
}

const HISTORY_HEADER = [
  'date',
  'provider',
  'model',
  'input_usd_per_mtok',
  'output_usd_per_mtok',
  'source_commit',
];

/** Reads price-history.csv with csv-parse; a row that is not a dated pair of prices throws. */
export function parsePriceHistoryCsv(text: string): PriceHistoryRow[] {
  const table = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  const rows = table as string[][];
  if (rows[0]?.join(',') !== HISTORY_HEADER.join(',')) {
    throw new Error(`price-history.csv: expected the header ${HISTORY_HEADER.join(',')}`);
  }
  return rows.slice(1).map((cells, index) => {
    const line = cells.join(',');
    const [date, provider, model, input, output, sourceCommit] = cells;
    const row = {
      date: date ?? '',
      provider: provider ?? '',
      model: model ?? '',
      inputUsdPerMillionTokens: Number(input),
      outputUsdPerMillionTokens: Number(output),
      sourceCommit: sourceCommit ?? '',
    };
    // Number('') is 0, so the price cells are matched as decimals before they are converted.
    const valid =
      cells.length === HISTORY_HEADER.length &&
      /^\d{4}-\d{2}-\d{2}$/.test(row.date) &&
      [input, output].every((cell) => /^\d+(\.\d+)?$/.test(cell ?? ''));
    if (!valid) throw new Error(`price-history.csv line ${index + 2}: cannot read '${line}'`);
    return row;
  });
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * USD per token to USD per million tokens, rounded to 6 significant digits: the map stores
 * gpt-4.1-mini's output as 1.6e-6, and 1.6e-6 * 1e6 is 1.5999999999999999 in binary
 * floating point.
 */
export function convertToPerMillion(usdPerToken: number): number {
  return roundSignificant(usdPerToken * 1e6);
}

export function roundSignificant(value: number): number {
  return Number(value.toPrecision(6));
}

function readModelRecord(map: LiteLlmPriceMap, key: string): Readonly<Record<string, unknown>> {
  const record = NON_MODEL_KEYS.has(key) ? undefined : map[key];
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new Error(`no model entry '${key}' in the LiteLLM map`);
  }
  return record as Readonly<Record<string, unknown>>;
}

function readPrice(record: Readonly<Record<string, unknown>>, field: string): number | undefined {
  const value = record[field];
  if (value === undefined) return undefined;
  if (!isPrice(value)) throw new Error(`${field} is ${String(value)}, not a price`);
  return value;
}

function requirePrice(record: Readonly<Record<string, unknown>>, field: string): number {
  const value = readPrice(record, field);
  if (value === undefined) throw new Error(`${field} is missing`);
  return value;
}

/** The date the map was read: its `last_updated` timestamp, which the mirror adds. */
export function readLiteLlmDate(map: LiteLlmPriceMap): string {
  const stamp = map['last_updated'];
  const date = typeof stamp === 'string' ? stamp.slice(0, 10) : '';
  if (!isCalendarDate(date)) {
    throw new Error(
      stamp === undefined
        ? 'the map has no `last_updated` date to price its models as of'
        : `the map's \`last_updated\` is \`${String(stamp)}\`, not a calendar date (YYYY-MM-DD...)`,
    );
  }
  return date;
}

/**
 * Batch discounts the map lets us infer for entries that list no batch prices, per provider.
 * OpenAI's gpt-5 and o3 entries, for example, list the '/v1/batch' endpoint but no batch
 * prices, while every OpenAI entry that does list batch prices shows exactly 50% off. When a
 * provider's recorded discounts are all one value, that value is used for its batch-capable
 * entries; when they differ, or the provider records none (Anthropic, DeepSeek, Mistral and
 * xAI in the 2026-07-24 map), nothing is inferred and the discount is 0.
 */
export function findUniformBatchDiscounts(map: LiteLlmPriceMap): Map<string, number> {
  const seen = new Map<string, Set<number>>();
  for (const key of Object.keys(map)) {
    if (NON_MODEL_KEYS.has(key)) continue;
    const record = map[key];
    if (typeof record !== 'object' || record === null) continue;
    const entry = record as Readonly<Record<string, unknown>>;
    const provider = entry['litellm_provider'];
    if (typeof provider !== 'string') continue;
    for (const discount of readRecordedBatchDiscounts(entry)) {
      const discounts = seen.get(provider) ?? new Set<number>();
      seen.set(provider, discounts.add(discount));
    }
  }
  const uniform = new Map<string, number>();
  for (const [provider, discounts] of seen) {
    const [only] = discounts;
    if (discounts.size === 1 && only !== undefined) uniform.set(provider, only);
  }
  return uniform;
}

/** 1 - batch / list for input and output, where the entry records both prices. */
function readRecordedBatchDiscounts(entry: Readonly<Record<string, unknown>>): number[] {
  const pairs = [
    [entry['input_cost_per_token'], entry['input_cost_per_token_batches']],
    [entry['output_cost_per_token'], entry['output_cost_per_token_batches']],
  ];
  return pairs.flatMap(([list, batch]) =>
    isPrice(list) && list > 0 && isPrice(batch) ? [roundSignificant(1 - batch / list)] : [],
  );
}

function chooseBatchDiscount(
  entry: Readonly<Record<string, unknown>>,
  uniformByProvider: ReadonlyMap<string, number>,
): number {
  const recorded = readRecordedBatchDiscounts(entry);
  // Input and output discounts agree for every model picked; if one day they do not, the
  // smaller one keeps the forecast on the side of paying more.
  if (recorded.length > 0) return Math.min(...recorded);
  const endpoints = entry['supported_endpoints'];
  const batchCapable = Array.isArray(endpoints) && endpoints.includes('/v1/batch');
  const provider = String(entry['litellm_provider']);
  return batchCapable ? (uniformByProvider.get(provider) ?? 0) : 0;
}

export function buildLiteLlmEntry(
  model: string,
  sourceKey: string,
  map: LiteLlmPriceMap,
  context: LiteLlmContext,
): CatalogEntry {
  const record = readModelRecord(map, sourceKey);
  const provider = String(record['litellm_provider']);
  // The built-in catalog keeps vendors' own APIs; an import keeps every provider by its name.
  const vendor = VENDOR_BY_PROVIDER[provider] ?? (context.anyProvider ? provider : undefined);
  if (vendor === undefined) throw new Error(`provider '${provider}' is not a vendor's own API`);
  const input = requirePrice(record, 'input_cost_per_token');
  const output = requirePrice(record, 'output_cost_per_token');
  // DeepSeek lists a cache write price of 0, yet it bills a cache miss (which is what fills
  // the cache) at the input price; 0 here means "no premium", so the input price is used.
  const cacheWrite = readPrice(record, 'cache_creation_input_token_cost') || input;
  const contextWindow = record['max_input_tokens'];
  // Fields such as input_cost_per_token_above_200k_tokens, *_priority, *_flex and
  // cache_creation_input_token_cost_above_1hr are ignored: ModelPrice keeps one base price
  // per token kind (see the limitation noted on ModelPrice).
  return {
    model,
    vendor,
    input: convertToPerMillion(input),
    cachedInput: convertToPerMillion(readPrice(record, 'cache_read_input_token_cost') ?? input),
    cacheWrite: convertToPerMillion(cacheWrite),
    output: convertToPerMillion(output),
    reasoning: convertToPerMillion(readPrice(record, 'output_cost_per_reasoning_token') ?? output),
    batchDiscount: chooseBatchDiscount(record, context.uniformBatch),
    contextWindow: typeof contextWindow === 'number' ? contextWindow : null,
    asOf: context.asOf,
    source: `${LITELLM_SOURCE} (mirror synced ${context.asOf}), key ${sourceKey}`,
    sourceKey,
  };
}
