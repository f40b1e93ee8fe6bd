/**
 * Builds engine/catalog/catalogData.ts, the built-in price catalog, from two public files
 * kept next to the repository: the LiteLLM price map and a price history read from older
 * snapshots of the same map (see ../shared/data/SOURCES.md).
 *
 *   npx tsx tools/buildCatalog.ts
 *
 * Only main() touches files. Everything else is a pure function of the file contents, so
 * the tests can rebuild the catalog in memory and check that the committed module is
 * current. The generated module is committed because the product must not need the data
 * folder at run time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CatalogEntry } from '../engine/priceCatalog.js';

/** Catalog key and the exact LiteLLM key it is read from (the vendor's own API entry). */
export const LITELLM_PICKS: ReadonlyArray<readonly [model: string, sourceKey: string]> = [
  ['gpt-4o', 'gpt-4o'],
  ['gpt-4o-mini', 'gpt-4o-mini'],
  ['gpt-4.1', 'gpt-4.1'],
  ['gpt-4.1-mini', 'gpt-4.1-mini'],
  ['gpt-4.1-nano', 'gpt-4.1-nano'],
  ['o3', 'o3'],
  ['o4-mini', 'o4-mini'],
  ['gpt-5', 'gpt-5'],
  ['gpt-5-mini', 'gpt-5-mini'],
  ['gpt-5-nano', 'gpt-5-nano'],
  ['gpt-5.5', 'gpt-5.5'],
  ['gpt-5.6', 'gpt-5.6'],
  ['claude-sonnet-4', 'claude-sonnet-4-20250514'],
  ['claude-opus-4', 'claude-opus-4-20250514'],
  ['claude-opus-4-1', 'claude-opus-4-1-20250805'],
  ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'],
  ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
  ['claude-opus-4-5', 'claude-opus-4-5-20251101'],
  ['claude-opus-4-7', 'claude-opus-4-7-20260416'],
  ['claude-sonnet-5', 'claude-sonnet-5'],
  ['claude-opus-5', 'claude-opus-5'],
  ['gemini-2.5-pro', 'gemini/gemini-2.5-pro'],
  ['gemini-2.5-flash', 'gemini/gemini-2.5-flash'],
  ['gemini-2.5-flash-lite', 'gemini/gemini-2.5-flash-lite'],
  ['gemini-3.1-pro-preview', 'gemini/gemini-3.1-pro-preview'],
  ['gemini-3.6-flash', 'gemini/gemini-3.6-flash'],
  ['gemini-3.5-flash-lite', 'gemini/gemini-3.5-flash-lite'],
  ['deepseek-chat', 'deepseek/deepseek-chat'],
  ['deepseek-reasoner', 'deepseek/deepseek-reasoner'],
  ['deepseek-v4-pro', 'deepseek/deepseek-v4-pro'],
  ['mistral-large-3', 'mistral/mistral-large-2512'],
  ['mistral-small-3-2', 'mistral/mistral-small-3-2-2506'],
  ['grok-4', 'xai/grok-4'],
  ['grok-4.5', 'xai/grok-4.5'],
];

/** A model priced from one row of the price history instead of today's LiteLLM map. */
export interface HistoryPick {
  readonly model: string;
  /** The `model` column of price-history.csv, itself a LiteLLM key at that date. */
  readonly historyModel: string;
  readonly row: 'earliest' | 'latest';
}

/**
 * A 2023-2024 backtest needs what these models cost then, so each takes its earliest row.
 * claude-3-5-haiku has no Anthropic entry in the current map any more, so it takes the
 * last price the map showed for it.
 */
export const HISTORY_PICKS: readonly HistoryPick[] = [
  { model: 'gpt-3.5-turbo-1106', historyModel: 'gpt-3.5-turbo-1106', row: 'earliest' },
  { model: 'gpt-4-1106-preview', historyModel: 'gpt-4-1106-preview', row: 'earliest' },
  { model: 'gpt-4-turbo', historyModel: 'gpt-4-turbo', row: 'earliest' },
  // The history follows the alias gpt-4o, which pointed at the 2024-05-13 snapshot until
  // OpenAI moved it in October 2024 (the history shows 5/15 until 2024-09-06).
  { model: 'gpt-4o-2024-05-13', historyModel: 'gpt-4o', row: 'earliest' },
  { model: 'claude-3-5-haiku', historyModel: 'claude-3-5-haiku-20241022', row: 'latest' },
];

/** LiteLLM's provider names mapped to the vendor that sets the price. */
const VENDOR_BY_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  'google-vertex': 'google',
  deepseek: 'deepseek',
  mistral: 'mistral',
  xai: 'xai',
};

const NON_MODEL_KEYS = new Set(['sample_spec', 'fallback_generalizations', 'last_updated']);
const LITELLM_SOURCE = 'litellm model_prices_and_context_window.json';

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

/** Reads price-history.csv. The file has no quoted fields, which the column count checks. */
export function parsePriceHistoryCsv(text: string): PriceHistoryRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0] !== HISTORY_HEADER.join(',')) {
    throw new Error(`price-history.csv: expected the header ${HISTORY_HEADER.join(',')}`);
  }
  return lines.slice(1).map((line, index) => {
    const cells = line.split(',');
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

function roundSignificant(value: number): number {
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error(`the LiteLLM map's last_updated is ${String(stamp)}, not an ISO timestamp`);
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

function buildLiteLlmEntry(
  model: string,
  sourceKey: string,
  map: LiteLlmPriceMap,
  context: { readonly asOf: string; readonly uniformBatch: ReadonlyMap<string, number> },
): CatalogEntry {
  const record = readModelRecord(map, sourceKey);
  const provider = String(record['litellm_provider']);
  const vendor = VENDOR_BY_PROVIDER[provider];
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

/**
 * The history has list input and output prices only, so cache reads and writes are priced
 * as plain input and there is no batch discount. The context window, which does not change
 * for a dated model, comes from the current map when it still has the model.
 */
function buildHistoryEntry(
  pick: HistoryPick,
  rows: readonly PriceHistoryRow[],
  map: LiteLlmPriceMap,
  mapDate: string,
): CatalogEntry {
  const matching = rows
    .filter((row) => row.model === pick.historyModel)
    .sort((a, b) => a.date.localeCompare(b.date));
  const row = pick.row === 'earliest' ? matching[0] : matching[matching.length - 1];
  if (row === undefined) throw new Error(`no rows for '${pick.historyModel}' in price-history.csv`);
  const vendor = VENDOR_BY_PROVIDER[row.provider];
  if (vendor === undefined) throw new Error(`provider '${row.provider}' has no vendor name`);
  const current = NON_MODEL_KEYS.has(pick.model) ? undefined : map[pick.model];
  const window =
    typeof current === 'object' && current !== null
      ? (current as Readonly<Record<string, unknown>>)['max_input_tokens']
      : undefined;
  const windowNote =
    typeof window === 'number'
      ? `; context window from ${LITELLM_SOURCE} (mirror synced ${mapDate}), key ${pick.model}`
      : '';
  const input = roundSignificant(row.inputUsdPerMillionTokens);
  const output = roundSignificant(row.outputUsdPerMillionTokens);
  return {
    model: pick.model,
    vendor,
    input,
    cachedInput: input,
    cacheWrite: input,
    output,
    reasoning: output,
    batchDiscount: 0,
    contextWindow: typeof window === 'number' ? window : null,
    asOf: row.date,
    source:
      `price-history.csv row ${row.date} from ${row.sourceCommit}, ` +
      `key ${row.model}${windowNote}`,
    sourceKey: row.model,
  };
}

/**
 * The pure core: the parsed LiteLLM map and price history to the catalog entries, in pick
 * order. Every missing key or unreadable price is collected and reported in one error.
 */
export function buildCatalogEntries(
  map: LiteLlmPriceMap,
  history: readonly PriceHistoryRow[],
): CatalogEntry[] {
  const context = { asOf: readLiteLlmDate(map), uniformBatch: findUniformBatchDiscounts(map) };
  const problems: string[] = [];
  const entries: CatalogEntry[] = [];
  const attempt = (model: string, build: () => CatalogEntry): void => {
    try {
      entries.push(build());
    } catch (error) {
      problems.push(`${model}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const [model, sourceKey] of LITELLM_PICKS) {
    attempt(model, () => buildLiteLlmEntry(model, sourceKey, map, context));
  }
  for (const pick of HISTORY_PICKS) {
    attempt(pick.model, () => buildHistoryEntry(pick, history, map, context.asOf));
  }
  if (problems.length > 0) {
    throw new Error(`cannot build the price catalog:\n  ${problems.join('\n  ')}`);
  }
  return entries;
}

export interface CatalogSourceTexts {
  readonly litellmJson: string;
  readonly priceHistoryCsv: string;
}

export const LITELLM_PATH = '../shared/data/litellm-model-prices.json';
export const PRICE_HISTORY_PATH = '../shared/data/price-history.csv';
const OUTPUT_PATH = 'engine/catalog/catalogData.ts';

/** The text of engine/catalog/catalogData.ts for the given source files. */
export function buildCatalogModule(sources: CatalogSourceTexts): string {
  const map = JSON.parse(sources.litellmJson) as LiteLlmPriceMap;
  const entries = buildCatalogEntries(map, parsePriceHistoryCsv(sources.priceHistoryCsv));
  const header = [
    '// Generated by tools/buildCatalog.ts (npx tsx tools/buildCatalog.ts). Do not edit by hand:',
    '// change the picks in that script or the source files, then run it again.',
    '// Sources, relative to the repository root:',
    `//   ${LITELLM_PATH}, LiteLLM mirror synced ${readLiteLlmDate(map)},`,
    `//     sha256 ${hashText(sources.litellmJson)}`,
    `//   ${PRICE_HISTORY_PATH},`,
    `//     sha256 ${hashText(sources.priceHistoryCsv)}`,
    '// Prices are USD per million tokens.',
    '',
    "import type { CatalogEntry } from '../priceCatalog.js';",
    '',
    'export const CATALOG_ENTRIES: readonly CatalogEntry[] = [',
  ];
  return [...header, ...entries.flatMap(renderEntry), '];', ''].join('\n');
}

function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function renderEntry(entry: CatalogEntry): string[] {
  const source = wrapStringLiteral(`source: `, entry.source, '    ', 100);
  return [
    '  {',
    `    model: ${quote(entry.model)}, vendor: ${quote(entry.vendor)},`,
    `    input: ${entry.input}, cachedInput: ${entry.cachedInput}, ` +
      `cacheWrite: ${entry.cacheWrite}, output: ${entry.output}, ` +
      `reasoning: ${entry.reasoning},`,
    `    batchDiscount: ${entry.batchDiscount}, contextWindow: ${entry.contextWindow}, ` +
      `asOf: ${quote(entry.asOf)},`,
    `    sourceKey: ${quote(entry.sourceKey)},`,
    ...source,
    '  },',
  ];
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Renders `label'text',` and, when that is wider than `width`, splits the literal at spaces
 * into `'a ' +` lines so the generated module keeps to the house line width.
 */
function wrapStringLiteral(label: string, text: string, indent: string, width: number): string[] {
  const oneLine = `${indent}${label}${quote(text)},`;
  if (oneLine.length <= width) return [oneLine];
  const pieces: string[] = [];
  let piece = '';
  for (const word of text.split(/(?<= )/)) {
    // 2 leaves room for the ' +' that joins a line to the next (or the closing comma).
    if (piece !== '' && indent.length + 2 + quote(piece + word).length + 2 > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += word;
  }
  pieces.push(piece);
  const lines = pieces.map(
    (part, index) => `${indent}  ${quote(part)}${index < pieces.length - 1 ? ' +' : ','}`,
  );
  return [`${indent}${label.trimEnd()}`, ...lines];
}

function main(): void {
  const repositoryRoot = new URL('..', import.meta.url);
  const resolve = (path: string): string => fileURLToPath(new URL(path, repositoryRoot));
  const text = buildCatalogModule({
    litellmJson: readFileSync(resolve(LITELLM_PATH), 'utf8'),
    priceHistoryCsv: readFileSync(resolve(PRICE_HISTORY_PATH), 'utf8'),
  });
  // Write beside the target and rename, so a failed run never leaves half a module behind.
  const target = resolve(OUTPUT_PATH);
  writeFileSync(`${target}.tmp`, text, 'utf8');
  renameSync(`${target}.tmp`, target);
  process.stderr.write(`wrote ${OUTPUT_PATH}\n`);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`buildCatalog: ${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
  }
}
