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
import {
  buildLiteLlmEntry,
  findUniformBatchDiscounts,
  LITELLM_SOURCE,
  NON_MODEL_KEYS,
  parsePriceHistoryCsv,
  readLiteLlmDate,
  roundSignificant,
  VENDOR_BY_PROVIDER,
  type LiteLlmPriceMap,
  type PriceHistoryRow,
} from '../engine/catalog/readLiteLlmPriceMap.js';
import type { CatalogEntry } from '../engine/priceCatalog.js';

export {
  convertToPerMillion,
  findUniformBatchDiscounts,
  parsePriceHistoryCsv,
  readLiteLlmDate,
  type LiteLlmPriceMap,
  type PriceHistoryRow,
} from '../engine/catalog/readLiteLlmPriceMap.js';

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
