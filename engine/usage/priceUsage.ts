import { findModelPrice, type ModelPrice, type PriceCatalog } from '../priceCatalog.js';
import type { UsageRecord } from './usageRecord.js';

/**
 * A long-context tier: once a request's prompt (uncached, cached and written
 * input together) passes `thresholdTokens`, the WHOLE request is priced at these
 * rates, not only the tokens past the threshold. USD per million tokens.
 */
export interface LongContextPrice {
  readonly thresholdTokens: number;
  readonly input: number;
  readonly cachedInput: number;
  readonly cacheWrite: number;
  readonly output: number;
  readonly reasoning: number;
}

/** A catalog price that may carry a long-context tier (an imported LiteLLM map does). */
export type TieredModelPrice = ModelPrice & { readonly longContext?: LongContextPrice | undefined };

const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * Finds the catalog price of a model as a usage export names it: exactly, then
 * without a provider prefix ('anthropic/', 'gemini/'), a Bedrock-style prefix
 * and version ('anthropic.' ... '-v1:0'), a '-latest' tag or a snapshot date
 * ('gpt-4o-2024-08-06' is priced as 'gpt-4o', 'claude-sonnet-4-20250514' as
 * 'claude-sonnet-4'). Undefined when none matches.
 */
export function matchCatalogModel(
  catalog: PriceCatalog,
  model: string,
): TieredModelPrice | undefined {
  const exact = findModelPrice(catalog, model);
  if (exact !== undefined) return exact;
  let name = model.trim().toLowerCase();
  name = name.slice(name.lastIndexOf('/') + 1).replace(/^(anthropic|openai|google)\./, '');
  name = name.replace(/-v\d+(:\d+)?$/, '').replace(/-latest$/, '');
  return findModelPrice(catalog, name) ?? findModelPrice(catalog, name.replace(DATE_SUFFIX, ''));
}

/**
 * What a record's tokens cost at a catalog price, USD: each kind at its own rate.
 * A long-context tier applies when the average prompt per call passes its
 * threshold (exact for a record of one call; for a bucket of many calls it is
 * the best the bucket allows). Batch discounts are not applied: exports mostly
 * do not say which calls went through a batch.
 */
export function priceUsage(record: UsageRecord, price: TieredModelPrice): number {
  const prompt = record.inputTokens + record.cachedInputTokens + record.cacheWriteTokens;
  const perCall = prompt / Math.max(1, record.calls);
  const tier = price.longContext;
  const rates = tier !== undefined && perCall > tier.thresholdTokens ? tier : price;
  const microDollars =
    record.inputTokens * rates.input +
    record.cachedInputTokens * rates.cachedInput +
    record.cacheWriteTokens * rates.cacheWrite +
    record.outputTokens * rates.output +
    record.reasoningTokens * rates.reasoning;
  return microDollars / 1e6;
}
