import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_ENTRIES } from '../../engine/catalog/catalogData.js';
import {
  BUILTIN_CATALOG,
  createPriceCatalog,
  findModelPrice,
  suggestModelNames,
  type ModelPrice,
} from '../../engine/priceCatalog.js';
import {
  buildCatalogEntries,
  buildCatalogModule,
  convertToPerMillion,
  parsePriceHistoryCsv,
  type LiteLlmPriceMap,
} from '../../tools/buildCatalog.js';

// Expected values come from the public data the catalog is built from, read independently
// here: the LiteLLM price map (mirror of BerriAI/litellm model_prices_and_context_window.json
// synced 2026-07-24) and price-history.csv, both in ../shared/data (see SOURCES.md there).
const repositoryRoot = new URL('../../', import.meta.url);
const dataFolder = new URL('../shared/data/', repositoryRoot);
const litellmJson = readFileSync(new URL('litellm-model-prices.json', dataFolder), 'utf8');
const priceHistoryCsv = readFileSync(new URL('price-history.csv', dataFolder), 'utf8');
const litellm = JSON.parse(litellmJson) as Record<string, Record<string, unknown>>;

type Row = { date: string; model: string; input: number; output: number; commit: string };
const historyRows: Row[] = priceHistoryCsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [date = '', , model = '', input, output, commit = ''] = line.split(',');
    return { date, model, input: Number(input), output: Number(output), commit };
  });

// Catalog models priced from price-history.csv, with the history key and the row they use.
const HISTORY_EXPECTATIONS = [
  { model: 'gpt-3.5-turbo-1106', historyModel: 'gpt-3.5-turbo-1106', row: 'earliest' },
  { model: 'gpt-4-1106-preview', historyModel: 'gpt-4-1106-preview', row: 'earliest' },
  { model: 'gpt-4-turbo', historyModel: 'gpt-4-turbo', row: 'earliest' },
  { model: 'gpt-4o-2024-05-13', historyModel: 'gpt-4o', row: 'earliest' },
  { model: 'claude-3-5-haiku', historyModel: 'claude-3-5-haiku-20241022', row: 'latest' },
] as const;
const historyModels = new Set<string>(HISTORY_EXPECTATIONS.map((pick) => pick.model));
const litellmEntries = CATALOG_ENTRIES.filter((entry) => !historyModels.has(entry.model));

/** Per-million values are rounded to 6 significant digits, so agree to 1e-9 relative. */
function expectClose(actual: number, expected: number, label: string): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}

function perMillion(record: Record<string, unknown>, field: string): number | undefined {
  const value = record[field];
  return typeof value === 'number' ? value * 1e6 : undefined;
}

function recordedBatchDiscount(record: Record<string, unknown>): number | undefined {
  const list = record['input_cost_per_token'];
  const batch = record['input_cost_per_token_batches'];
  return typeof list === 'number' && typeof batch === 'number' ? 1 - batch / list : undefined;
}

const PRICE_FIELDS = ['input', 'cachedInput', 'cacheWrite', 'output', 'reasoning'] as const;

describe('the built-in price catalog', () => {
  it('holds 25 to 45 models, each name once', () => {
    const names = CATALOG_ENTRIES.map((entry) => entry.model);
    expect(names.length).toBeGreaterThanOrEqual(25);
    expect(names.length).toBeLessThanOrEqual(45);
    expect(new Set(names).size).toBe(names.length);
    expect(BUILTIN_CATALOG.models.size).toBe(names.length);
  });

  it('prices each LiteLLM entry at the map value for its sourceKey times one million', () => {
    for (const entry of litellmEntries) {
      const record = litellm[entry.sourceKey];
      expect(record, entry.sourceKey).toBeDefined();
      if (record === undefined) continue;
      const input = perMillion(record, 'input_cost_per_token') ?? NaN;
      const output = perMillion(record, 'output_cost_per_token') ?? NaN;
      const cacheRead = perMillion(record, 'cache_read_input_token_cost') ?? input;
      // A zero cache write price (DeepSeek) means no write premium: writes cost plain input.
      const cacheWrite = perMillion(record, 'cache_creation_input_token_cost') || input;
      const reasoning = perMillion(record, 'output_cost_per_reasoning_token') ?? output;
      expectClose(entry.input, input, `${entry.model} input`);
      expectClose(entry.output, output, `${entry.model} output`);
      expectClose(entry.cachedInput, cacheRead, `${entry.model} cachedInput`);
      expectClose(entry.cacheWrite, cacheWrite, `${entry.model} cacheWrite`);
      expectClose(entry.reasoning, reasoning, `${entry.model} reasoning`);
      expect(entry.contextWindow, entry.model).toBe(record['max_input_tokens']);
      expect(entry.asOf).toBe(String(litellm['last_updated']).slice(0, 10));
      expect(entry.source).toContain(`key ${entry.sourceKey}`);
    }
  });

  it('reads Anthropic cache writes at 1.25 times input, as the 5-minute cache is billed', () => {
    // Anthropic's prompt caching page: a 5-minute cache write costs 1.25x the input price.
    const anthropic = litellmEntries.filter((entry) => entry.vendor === 'anthropic');
    expect(anthropic.length).toBeGreaterThan(5);
    for (const entry of anthropic) expectClose(entry.cacheWrite, entry.input * 1.25, entry.model);
  });

  it('takes batch discounts from batch prices, else 50% only for batch-capable entries', () => {
    for (const entry of litellmEntries) {
      const record = litellm[entry.sourceKey] ?? {};
      const recorded = recordedBatchDiscount(record);
      const endpoints = record['supported_endpoints'];
      const batchCapable = Array.isArray(endpoints) && endpoints.includes('/v1/batch');
      if (recorded !== undefined) expectClose(entry.batchDiscount, recorded, entry.model);
      else expect(entry.batchDiscount, entry.model).toBe(batchCapable ? 0.5 : 0);
    }
  });

  it('infers 50% only for providers whose recorded batch prices are all 50% off', () => {
    const providers = new Set(
      litellmEntries
        .filter((entry) => entry.batchDiscount > 0)
        .map((entry) => String(litellm[entry.sourceKey]?.['litellm_provider'])),
    );
    for (const provider of providers) {
      const discounts = Object.entries(litellm)
        .filter(([key, record]) => key !== 'sample_spec' && record['litellm_provider'] === provider)
        .map(([, record]) => recordedBatchDiscount(record))
        .filter((discount): discount is number => discount !== undefined);
      expect(discounts.length, provider).toBeGreaterThan(0);
      for (const discount of discounts) expectClose(discount, 0.5, provider);
    }
  });

  it('prices history models at their price-history row, the earliest for backtests', () => {
    for (const pick of HISTORY_EXPECTATIONS) {
      const rows = historyRows
        .filter((row) => row.model === pick.historyModel)
        .sort((a, b) => a.date.localeCompare(b.date));
      const row = pick.row === 'earliest' ? rows[0] : rows[rows.length - 1];
      const entry = findModelPrice(BUILTIN_CATALOG, pick.model);
      expect(row, pick.historyModel).toBeDefined();
      expect(entry, pick.model).toBeDefined();
      if (row === undefined || entry === undefined) continue;
      expect([entry.input, entry.output, entry.asOf]).toEqual([row.input, row.output, row.date]);
      // The history has no cache, reasoning or batch prices: they fall back to list prices.
      expect([entry.cachedInput, entry.cacheWrite]).toEqual([row.input, row.input]);
      expect([entry.reasoning, entry.batchDiscount]).toEqual([row.output, 0]);
      expect(entry.source).toContain(row.commit);
    }
  });

  it('dates the 2023 backtest prices to the first history snapshot, 2023-12-15', () => {
    expect(findModelPrice(BUILTIN_CATALOG, 'gpt-3.5-turbo-1106')?.asOf).toBe('2023-12-15');
    expect(findModelPrice(BUILTIN_CATALOG, 'gpt-4o-2024-05-13')?.input).toBe(5);
  });

  it('keeps every price finite and non-negative, and cached input at most input', () => {
    for (const entry of CATALOG_ENTRIES) {
      for (const field of PRICE_FIELDS) {
        expect(Number.isFinite(entry[field]) && entry[field] >= 0, `${entry.model} ${field}`).toBe(
          true,
        );
      }
      expect(entry.cachedInput, entry.model).toBeLessThanOrEqual(entry.input);
      expect(entry.batchDiscount).toBeGreaterThanOrEqual(0);
      expect(entry.batchDiscount).toBeLessThan(1);
    }
  });

  it('stores prices without binary floating-point artefacts such as 1.5999999999999999', () => {
    // 1.6e-6 * 1e6 is 1.5999999999999999 in IEEE-754 doubles (checked in Node 20).
    expect(1.6e-6 * 1e6).not.toBe(1.6);
    expect(convertToPerMillion(1.6e-6)).toBe(1.6);
    for (const entry of CATALOG_ENTRIES) {
      for (const field of PRICE_FIELDS) {
        expect(Number(entry[field].toPrecision(6)), `${entry.model} ${field}`).toBe(entry[field]);
      }
    }
  });

  it('is up to date with the source files', () => {
    const history = parsePriceHistoryCsv(priceHistoryCsv);
    expect(buildCatalogEntries(litellm as LiteLlmPriceMap, history)).toEqual(CATALOG_ENTRIES);
    const generated = new URL('engine/catalog/catalogData.ts', repositoryRoot);
    // Fails after a change to the picks or the data: run `npx tsx tools/buildCatalog.ts`.
    expect(buildCatalogModule({ litellmJson, priceHistoryCsv })).toBe(
      readFileSync(generated, 'utf8'),
    );
  });

  it('names every missing LiteLLM key at once when the map lacks picked models', () => {
    const removed = new Set(['gpt-4o', 'claude-opus-5']);
    const rest = Object.fromEntries(Object.entries(litellm).filter(([key]) => !removed.has(key)));
    const history = parsePriceHistoryCsv(priceHistoryCsv);
    expect(() => buildCatalogEntries(rest, history)).toThrow(
      /gpt-4o: no model entry 'gpt-4o'[^]*claude-opus-5: no model entry/,
    );
  });
});

describe('looking up catalog prices', () => {
  const sonnet = litellm['claude-sonnet-4-20250514'] ?? {};

  it('finds a model by its key, ignoring case and surrounding spaces', () => {
    const expected = perMillion(sonnet, 'input_cost_per_token');
    expect(findModelPrice(BUILTIN_CATALOG, 'claude-sonnet-4')?.input).toBe(expected);
    expect(findModelPrice(BUILTIN_CATALOG, ' Claude-Sonnet-4 ')?.model).toBe('claude-sonnet-4');
    expect(findModelPrice(BUILTIN_CATALOG, 'claude-sonnet-4-20250514')).toBeUndefined();
  });

  it('suggests gpt-4o-mini first for the typo gpt-4o-mni', () => {
    const suggestions = suggestModelNames(BUILTIN_CATALOG, 'gpt-4o-mni');
    expect(suggestions).toContain('gpt-4o-mini');
    expect(suggestions[0]).toBe('gpt-4o-mini');
  });

  it('suggests through swapped letters, missing parts and partial names', () => {
    expect(suggestModelNames(BUILTIN_CATALOG, 'gtp-4o')[0]).toBe('gpt-4o');
    expect(suggestModelNames(BUILTIN_CATALOG, 'gemini-pro')).toContain('gemini-2.5-pro');
    expect(suggestModelNames(BUILTIN_CATALOG, 'sonnet')).toContain('claude-sonnet-4');
  });

  it('suggests nothing for a name unlike any in the catalog, and honours the limit', () => {
    expect(suggestModelNames(BUILTIN_CATALOG, 'llama-3')).toEqual([]);
    expect(suggestModelNames(BUILTIN_CATALOG, 'claude', 2)).toHaveLength(2);
  });
});

describe('creating a price catalog', () => {
  const base: ModelPrice = {
    model: 'house-model',
    vendor: 'acme',
    input: 1,
    cachedInput: 0.1,
    cacheWrite: 1.25,
    output: 4,
    reasoning: 4,
    batchDiscount: 0.5,
    contextWindow: 1000,
    asOf: '2026-01-01',
    source: 'test',
  };

  it('accepts valid prices and finds them by name', () => {
    const catalog = createPriceCatalog([base]);
    expect(findModelPrice(catalog, 'house-model')).toBe(base);
  });

  it('rejects a duplicate name and a NaN price, naming the model and field of each', () => {
    const broken = { ...base, model: 'other', output: NaN };
    expect(() => createPriceCatalog([base, base, broken])).toThrow(
      /house-model: listed twice[^]*other: output is NaN/,
    );
  });

  it('rejects a batch discount of 100% or more and a date that is not YYYY-MM-DD', () => {
    expect(() => createPriceCatalog([{ ...base, batchDiscount: 1 }])).toThrow(/batchDiscount/);
    expect(() => createPriceCatalog([{ ...base, asOf: '2026-1-1' }])).toThrow(/asOf/);
  });
});

describe('the README', () => {
  it('lists every built-in model with its input price', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const price of BUILTIN_CATALOG.models.values()) {
      expect(readme).toContain(`| \`${price.model}\` | ${price.vendor} | ${price.input} |`);
    }
  });
});
