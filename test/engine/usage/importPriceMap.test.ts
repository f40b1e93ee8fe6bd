import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_ENTRIES } from '../../../engine/catalog/catalogData.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { importPriceMap, readImportedCatalog } from '../../../engine/usage/importPriceMap.js';
import { matchCatalogModel, priceUsage } from '../../../engine/usage/priceUsage.js';
import { emptyRecord } from '../../../engine/usage/usageRecord.js';

// ../shared/data/litellm-model-prices.json: the LiteLLM map of 2026-07-24 (SOURCES.md).
const map = JSON.parse(readFileSync('../shared/data/litellm-model-prices.json', 'utf8'));
const { catalog, skipped } = importPriceMap(map);
const byModel = new Map(catalog.models.map((model) => [model.model, model]));

describe('importPriceMap on the LiteLLM map', () => {
  it('skips the three non-model keys and keeps no entry for them', () => {
    expect(skipped.nonModel).toBe(3);
    for (const key of ['sample_spec', 'fallback_generalizations', 'last_updated']) {
      expect(byModel.has(key)).toBe(false);
    }
  });

  it('leaves out embeddings, images and audio, keeping chat models', () => {
    // text-embedding-3-small is mode "embedding" in the map; gpt-4o is "chat".
    expect(byModel.has('text-embedding-3-small')).toBe(false);
    expect(byModel.has('gpt-4o')).toBe(true);
  });

  it('reads prices exactly as the built-in catalog does', () => {
    const builtIn = CATALOG_ENTRIES.find((entry) => entry.model === 'gpt-4o')!;
    const { source: _a, sourceKey: _b, ...expected } = builtIn;
    const { source: _c, ...imported } = byModel.get('gpt-4o')!;
    expect(imported).toEqual(expected);
  });

  it("keeps Claude Sonnet 4's long-context tier from the map's above_200k prices", () => {
    // The map: input 6e-6, output 2.25e-5, cache read 6e-7, cache write 7.5e-6 per token
    // above 200k tokens, against 3e-6, 1.5e-5, 3e-7 and 3.75e-6 below.
    expect(byModel.get('claude-sonnet-4-20250514')?.longContext).toEqual({
      thresholdTokens: 200_000,
      input: 6,
      cachedInput: 0.6,
      cacheWrite: 7.5,
      output: 22.5,
      reasoning: 22.5,
    });
  });

  it('writes a catalog that reads back', () => {
    const read = readImportedCatalog(JSON.stringify(catalog));
    expect(read.ok && read.entries.length).toBe(catalog.models.length);
    expect(readImportedCatalog('{"models": []}')).toMatchObject({ ok: false });
  });
});

describe('priceUsage', () => {
  const sonnet = byModel.get('claude-sonnet-4-20250514')!;
  const call = (input: number) => ({ ...emptyRecord(1), inputTokens: input, outputTokens: 1_000 });

  it('prices a whole request at the long-context rates once its prompt passes it', () => {
    // 200,000 is not above the threshold: 200,000 x 3 + 1,000 x 15 = $0.615.
    expect(priceUsage(call(200_000), sonnet)).toBeCloseTo(0.615, 12);
    // 200,001 is: every token at the tier, 200,001 x 6 + 1,000 x 22.5 = $1.222506.
    expect(priceUsage(call(200_001), sonnet)).toBeCloseTo(1.222506, 12);
  });

  it('finds dated and provider-prefixed names in the catalog', () => {
    expect(matchCatalogModel(BUILTIN_CATALOG, 'gpt-4o-2024-08-06')?.model).toBe('gpt-4o');
    expect(matchCatalogModel(BUILTIN_CATALOG, 'anthropic/claude-sonnet-4-20250514')?.model).toBe(
      'claude-sonnet-4',
    );
    expect(matchCatalogModel(BUILTIN_CATALOG, 'gpt-4o-2024-05-13')?.model).toBe(
      'gpt-4o-2024-05-13',
    );
    expect(matchCatalogModel(BUILTIN_CATALOG, 'in-house-7b')).toBeUndefined();
  });
});
