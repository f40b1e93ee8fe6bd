/**
 * `pertask prices import`: a price map in LiteLLM's format
 * (model_prices_and_context_window.json) to a catalog file a scenario can name
 * (`prices: { catalog: ./team-prices.json }`) and the usage commands can read
 * (`--catalog`). Entries are read by the same code that builds the built-in
 * catalog; the map's non-model keys are skipped, and so are entries that are
 * not text models (embeddings, images, audio) or that lack input and output
 * prices. Long-context tiers are kept: LiteLLM's `*_above_<N>k_tokens` prices,
 * which apply to the whole request once its prompt passes N thousand tokens.
 */
import {
  buildLiteLlmEntry,
  findUniformBatchDiscounts,
  NON_MODEL_KEYS,
  readLiteLlmDate,
  convertToPerMillion,
  type LiteLlmPriceMap,
} from '../catalog/readLiteLlmPriceMap.js';
import { createPriceCatalog } from '../priceCatalog.js';
import type { LongContextPrice, TieredModelPrice } from './priceUsage.js';

export const CATALOG_FORMAT = 'pertask-catalog/1';

const TEXT_MODES = new Set(['chat', 'completion', 'responses']);

export interface ImportedCatalog {
  readonly format: typeof CATALOG_FORMAT;
  readonly source: string;
  readonly asOf: string;
  readonly models: readonly TieredModelPrice[];
}

export interface ImportOutcome {
  readonly catalog: ImportedCatalog;
  /** Keys left out, by reason. */
  readonly skipped: {
    readonly nonModel: number;
    readonly notText: number;
    readonly unpriced: number;
  };
}

/**
 * The lowest long-context threshold the entry prices, with its rates; a rate the
 * tier does not list is the base rate. Priority-tier prices are ignored.
 */
export function readLongContextTier(
  record: Readonly<Record<string, unknown>>,
  base: TieredModelPrice,
): LongContextPrice | undefined {
  const thresholds = Object.keys(record)
    .map((key) => /^input_cost_per_token_above_(\d+)k_tokens$/.exec(key)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const [thousands] = thresholds;
  if (thousands === undefined) return undefined;
  const rate = (field: string, fallback: number): number => {
    const value = record[`${field}_above_${thousands}k_tokens`];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? convertToPerMillion(value)
      : fallback;
  };
  const output = rate('output_cost_per_token', base.output);
  return {
    thresholdTokens: thousands * 1000,
    input: rate('input_cost_per_token', base.input),
    cachedInput: rate('cache_read_input_token_cost', base.cachedInput),
    cacheWrite: rate('cache_creation_input_token_cost', base.cacheWrite),
    output,
    reasoning: output,
  };
}

/** Reads every text model of the map. `asOf` is needed when the map has no last_updated. */
export function importPriceMap(map: LiteLlmPriceMap, asOf?: string): ImportOutcome {
  const date = asOf ?? readLiteLlmDate(map);
  const context = { asOf: date, uniformBatch: findUniformBatchDiscounts(map), anyProvider: true };
  const skipped = { nonModel: 0, notText: 0, unpriced: 0 };
  const models: TieredModelPrice[] = [];
  for (const key of Object.keys(map)) {
    const record = map[key] as Readonly<Record<string, unknown>> | undefined;
    if (NON_MODEL_KEYS.has(key) || typeof record !== 'object' || record === null) {
      skipped.nonModel += 1;
      continue;
    }
    const mode = record['mode'];
    if (mode !== undefined && !TEXT_MODES.has(String(mode))) {
      skipped.notText += 1;
      continue;
    }
    try {
      const { sourceKey: _sourceKey, ...built } = buildLiteLlmEntry(key, key, map, context);
      const entry = { ...built, source: `price map in the LiteLLM format, key ${key}` };
      // The same checks a catalog file gets when it is read back (a context window of 0
      // is listed for some gateway entries, for one).
      createPriceCatalog([entry]);
      const longContext = readLongContextTier(record, entry);
      models.push(longContext === undefined ? entry : { ...entry, longContext });
    } catch {
      skipped.unpriced += 1;
    }
  }
  const source = 'LiteLLM price map (model_prices_and_context_window.json format)';
  return { catalog: { format: CATALOG_FORMAT, source, asOf: date, models }, skipped };
}

/** Reads a catalog file written by `pertask prices import`, checking every price. */
export function readImportedCatalog(
  text: string,
): { ok: true; entries: TieredModelPrice[] } | { ok: false; message: string } {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'not JSON; write it with `pertask prices import <map.json>`' };
  }
  const catalog = document as Partial<ImportedCatalog> | null;
  if (catalog?.format !== CATALOG_FORMAT || !Array.isArray(catalog.models)) {
    return {
      ok: false,
      message: `not a pertask catalog (expected "format": "${CATALOG_FORMAT}" and a models list)`,
    };
  }
  try {
    createPriceCatalog(catalog.models);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, entries: [...catalog.models] };
}
