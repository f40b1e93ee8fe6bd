import { countOf } from '../countOf.js';
import { isMap, isScalar, type Node } from 'yaml';
import { parseMonth } from '../monthIndex.js';
import { isCalendarDate } from '../isCalendarDate.js';
import {
  findModelPrice,
  suggestModelNames,
  type ModelPrice,
  type PriceCatalog,
} from '../priceCatalog.js';
import type { PriceCurve, PriceEvent } from '../scenarioTypes.js';
import { catalogPriceRange, checkPrice } from './checkPlausibility.js';
import { readValue } from './readValue.js';
import {
  entryOf,
  writtenText,
  type MapEntry,
  type ValidationContext,
} from './validationContext.js';

// `catalog` names a file from `pertask prices import`; the CLI reads it and passes it in as
// the catalog, so validation only checks that it is a path.
export const PRICES_KEYS = ['models', 'curve', 'catalog'] as const;
export const MODEL_PRICE_KEYS = [
  'input',
  'cached_input',
  'cache_write',
  'output',
  'reasoning',
  'batch_discount',
  'as_of',
  'context_window',
] as const;
export const CURVE_KEYS = ['annual_change', 'events'] as const;
export const EVENT_KEYS = ['at', 'probability', 'change', 'models'] as const;

/** The horizon, needed to turn 'YYYY-MM' into month indices. */
export interface Horizon {
  readonly start: string;
  readonly months: number;
  /** False when `start` or `months` is itself invalid: months are then checked for form only. */
  readonly known: boolean;
}

/**
 * The catalog with the scenario's `prices.models` applied: an override replaces
 * the fields it names, a new model must name at least input, output and as_of.
 * A model whose price fails is left out and named in `context.failedModels`,
 * so the steps are still read against the others; the scenario fails then.
 */
export function readPrices(
  context: ValidationContext,
  pricesEntry: MapEntry | undefined,
  catalog: PriceCatalog,
): Map<string, ModelPrice> | undefined {
  const prices = new Map(catalog.models);
  if (pricesEntry === undefined) return prices;
  const entries = context.entriesOf(pricesEntry.value, pricesEntry.path, '`prices`');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, PRICES_KEYS, '`prices`');
  const catalogEntry = entryOf(entries, 'catalog');
  const catalogNode = catalogEntry?.value ?? null;
  if (catalogEntry !== undefined && (!isScalar(catalogNode) || writtenText(catalogNode) === '')) {
    const hint = 'a file written by `pertask prices import`, e.g. `./team-prices.json`';
    context.error(
      catalogEntry.value,
      catalogEntry.path,
      'wrong-type',
      'No catalog file named.',
      hint,
    );
  }
  const modelsEntry = entryOf(entries, 'models');
  if (modelsEntry === undefined) return prices;
  const models = context.entriesOf(modelsEntry.value, modelsEntry.path, '`prices.models`');
  if (models === undefined) return undefined;
  const failed = new Set<string>();
  // The catalog's price ranges, for the plausibility of every model's prices.
  const ranges = {
    input: catalogPriceRange(catalog, 'input'),
    output: catalogPriceRange(catalog, 'output'),
    any: catalogPriceRange(catalog),
  };
  for (const model of models) {
    const base = findModelPrice(catalog, model.key);
    const price = readModelPrice(context, model, base, ranges);
    if (price === undefined) failed.add(model.key);
    else prices.set(model.key, price);
  }
  context.failedModels = failed;
  return prices;
}

function readModelPrice(
  context: ValidationContext,
  model: MapEntry,
  base: ModelPrice | undefined,
  ranges: Readonly<Record<'input' | 'output' | 'any', { low: number; high: number }>>,
): ModelPrice | undefined {
  const fields = context.entriesOf(model.value, model.path, 'A model price');
  if (fields === undefined) return undefined;
  context.rejectUnknownKeys(fields, MODEL_PRICE_KEYS, 'a model price');
  if (base === undefined) {
    for (const key of ['input', 'output', 'as_of'])
      context.requireKey(fields, key, model.value, model.path);
  }
  const read = (key: string, kind: 'amount' | 'share'): number | undefined | null => {
    const entry = entryOf(fields, key);
    if (entry === undefined) return null;
    const value = readValue(context, entry.value, entry.path, kind, {
      allowUncertain: false,
      money: kind === 'amount' && key !== 'context_window',
    });
    if (value?.kind !== 'fixed') return undefined;
    if (kind === 'amount' && key !== 'context_window') {
      const field = PRICE_FIELDS[key];
      const reference =
        base !== undefined && field !== undefined
          ? { model: base.model, key: key.replace('_', ' '), price: base[field] }
          : undefined;
      const range = key === 'input' || key === 'output' ? ranges[key] : ranges.any;
      checkPrice(context, entry.value, entry.path, value.value, range, reference);
    }
    return value.value;
  };
  const input = read('input', 'amount');
  const output = read('output', 'amount');
  const values = {
    input,
    cachedInput: read('cached_input', 'amount'),
    cacheWrite: read('cache_write', 'amount'),
    output,
    reasoning: read('reasoning', 'amount'),
    batchDiscount: read('batch_discount', 'share'),
    contextWindow: read('context_window', 'amount'),
  };
  const asOf = readDate(context, entryOf(fields, 'as_of'));
  if (Object.values(values).includes(undefined) || asOf === undefined) return undefined;
  const pick = (value: number | null | undefined, fallback: number): number => value ?? fallback;
  const newInput = pick(input, base?.input ?? 0);
  const newOutput = pick(output, base?.output ?? 0);
  return {
    model: model.key,
    vendor: base?.vendor ?? 'scenario',
    input: newInput,
    cachedInput: pick(values.cachedInput, base?.cachedInput ?? newInput),
    cacheWrite: pick(values.cacheWrite, base?.cacheWrite ?? newInput),
    output: newOutput,
    reasoning: pick(values.reasoning, base?.reasoning ?? newOutput),
    batchDiscount: pick(values.batchDiscount, base?.batchDiscount ?? 0),
    contextWindow: values.contextWindow ?? base?.contextWindow ?? null,
    asOf: asOf ?? base?.asOf ?? 'not stated',
    source: base === undefined ? 'scenario file' : `scenario file over ${base.source}`,
  };
}

/** The catalog field each price key of `prices.models` overrides. */
const PRICE_FIELDS: Readonly<
  Record<string, 'input' | 'cachedInput' | 'cacheWrite' | 'output' | 'reasoning'>
> = {
  input: 'input',
  cached_input: 'cachedInput',
  cache_write: 'cacheWrite',
  output: 'output',
  reasoning: 'reasoning',
};

function readDate(
  context: ValidationContext,
  entry: MapEntry | undefined,
): string | null | undefined {
  if (entry === undefined) return null;
  const raw = writtenText(entry.value);
  if (!isCalendarDate(raw)) {
    context.error(
      entry.value,
      entry.path,
      'bad-month',
      `\`${raw}\` is not a calendar date.`,
      'write `YYYY-MM-DD`',
    );
    return undefined;
  }
  return raw;
}

/** The price curve: an annual change and events, each possibly uncertain. */
export function readPriceCurve(
  context: ValidationContext,
  pricesEntry: MapEntry | undefined,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice> | undefined,
): PriceCurve | undefined {
  const none: PriceCurve = { annualChange: { kind: 'fixed', value: 0 }, events: [] };
  if (pricesEntry === undefined) return none;
  // readPrices has already reported a `prices` that is not a map.
  if (!isMap(pricesEntry.value)) return undefined;
  const sections = context.entriesOf(pricesEntry.value, pricesEntry.path, '`prices`') ?? [];
  const curveEntry = entryOf(sections, 'curve');
  if (curveEntry === undefined) return none;
  const entries = context.entriesOf(curveEntry.value, curveEntry.path, '`prices.curve`');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, CURVE_KEYS, '`prices.curve`');
  const changeEntry = entryOf(entries, 'annual_change');
  const annualChange =
    changeEntry === undefined
      ? none.annualChange
      : readValue(context, changeEntry.value, changeEntry.path, 'rate');
  const eventsEntry = entryOf(entries, 'events');
  const events = eventsEntry === undefined ? [] : readEvents(context, eventsEntry, horizon, prices);
  if (annualChange === undefined || events === undefined) return undefined;
  return { annualChange, events };
}

function readEvents(
  context: ValidationContext,
  eventsEntry: MapEntry,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice> | undefined,
): PriceEvent[] | undefined {
  const items = context.itemsOf(eventsEntry.value, eventsEntry.path, '`events`');
  if (items === undefined) return undefined;
  const events = items.map((item, index) =>
    readEvent(context, item, `${eventsEntry.path}.${index}`, horizon, prices),
  );
  return events.every((event) => event !== undefined) ? (events as PriceEvent[]) : undefined;
}

function readEvent(
  context: ValidationContext,
  node: Node | null,
  path: string,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice> | undefined,
): PriceEvent | undefined {
  const entries = context.entriesOf(node, path, 'A price event');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, EVENT_KEYS, 'a price event');
  for (const key of ['at', 'change']) context.requireKey(entries, key, node, path);
  const atEntry = entryOf(entries, 'at');
  const monthIndex = atEntry === undefined ? undefined : readMonthIndex(context, atEntry, horizon);
  const probabilityEntry = entryOf(entries, 'probability');
  const probability =
    probabilityEntry === undefined
      ? { kind: 'fixed' as const, value: 1 }
      : readValue(context, probabilityEntry.value, probabilityEntry.path, 'share');
  const changeEntry = entryOf(entries, 'change');
  const change =
    changeEntry === undefined
      ? undefined
      : readValue(context, changeEntry.value, changeEntry.path, 'rate');
  const models = readModelList(context, entryOf(entries, 'models'), prices);
  if (monthIndex === undefined || probability === undefined || change === undefined)
    return undefined;
  if (models === undefined) return undefined;
  return { path, monthIndex, probability, change, models };
}

/** Reads 'YYYY-MM' as a month index of the horizon, with an error when it lies outside. */
export function readMonthIndex(
  context: ValidationContext,
  entry: MapEntry,
  horizon: Horizon,
): number | undefined {
  const raw = writtenText(entry.value);
  const absolute = parseMonth(raw);
  const first = parseMonth(horizon.start) ?? 0;
  if (absolute === undefined) {
    context.error(
      entry.value,
      entry.path,
      'bad-month',
      `\`${raw}\` is not a month.`,
      'write `YYYY-MM`, e.g. `2027-06`',
    );
    return undefined;
  }
  const index = absolute - first;
  if (!horizon.known) return 0;
  if (index < 0 || index >= horizon.months) {
    const message =
      `\`${raw}\` lies outside the horizon, which starts ${horizon.start} ` +
      `and runs ${countOf(horizon.months, 'month')}.`;
    context.error(entry.value, entry.path, 'bad-month', message);
    return undefined;
  }
  return index;
}

function readModelList(
  context: ValidationContext,
  entry: MapEntry | undefined,
  prices: ReadonlyMap<string, ModelPrice> | undefined,
) {
  if (entry === undefined) return null;
  const items = context.itemsOf(entry.value, entry.path, '`models`');
  if (items === undefined) return undefined;
  let failed = false;
  const names = items.map((item, index) => {
    const name = writtenText(item);
    if (prices !== undefined && !prices.has(name)) {
      reportUnknownModel(context, item, `${entry.path}.${index}`, name, prices);
      failed = true;
    }
    return name;
  });
  return failed ? undefined : names;
}

/** The error for a model that neither the catalog nor `prices.models` knows. */
export function reportUnknownModel(
  context: ValidationContext,
  node: Node | null,
  path: string,
  model: string,
  prices: ReadonlyMap<string, ModelPrice>,
): void {
  // A custom model whose price failed has been reported under `prices.models`; the
  // step naming it is checked once that price reads.
  if (context.failedModels.has(model)) return;
  const near = suggestModelNames({ models: prices }, model, 3);
  const hint =
    near.length > 0
      ? `did you mean ${near.map((name) => `\`${name}\``).join(' or ')}? ` +
        'Or add it under `prices.models`.'
      : 'add it under `prices.models` with its input and output prices, or run `pertask prices`';
  context.error(
    node,
    path,
    'unknown-model',
    `The model \`${model}\` is not in the price catalog.`,
    hint,
  );
}
