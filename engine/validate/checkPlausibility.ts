import type { Node } from 'yaml';
import type { ScalarDistribution } from '../distributions/scalarDistribution.js';
import type { ModelPrice, PriceCatalog } from '../priceCatalog.js';
import type { Step, Value } from '../scenarioTypes.js';
import { valueQuantile } from '../valueQuantile.js';
import type { MapEntry, ValidationContext } from './validationContext.js';
import {
  isZero,
  modelsOfStep,
  whyStepCostsNothing,
  type CostlessReason,
} from './whyStepCostsNothing.js';

/*
 * Warnings: values that are valid but probably not what the modeller meant.
 * The run goes on; the CLI prints them on stderr and `validate --json` lists
 * them. Every warning text lives here, in one place.
 */

/** A lognormal wider than this (P95 over P5) spans three orders of magnitude. */
export const MAX_LOGNORMAL_SPREAD = 1000;
/** A mean this many times the median is carried by a tail most trials never see. */
export const MAX_MEAN_OVER_MEDIAN = 100;
/** Monthly growth above this compounds to 9x a year. */
export const MAX_MONTHLY_GROWTH = 0.2;
/** A price more than this factor outside the catalog's range is probably in the wrong unit. */
export const PRICE_RANGE_FACTOR = 10;

/**
 * An override this many times off the catalog's price for the same model and
 * key is flagged: a negotiated discount or a tier is a factor of a few, a
 * slip of units (per token, per thousand) a factor of a thousand or more.
 */
export const MODEL_PRICE_FACTOR = 20;

/** Warns about an uncertain value whose spread or tail looks like a slip. */
export function checkDistribution(
  context: ValidationContext,
  node: Node | null,
  path: string,
  dist: ScalarDistribution,
): void {
  const p5 = dist.quantile(0.05);
  const median = dist.quantile(0.5);
  const p95 = dist.quantile(0.95);
  if (dist.family === 'lognormal' && p95 > MAX_LOGNORMAL_SPREAD * p5) {
    const message =
      `This lognormal's P95 (${round(p95)}) is ${round(p95 / p5)} times its P5 ` +
      `(${round(p5)}), more than ${MAX_LOGNORMAL_SPREAD} times.`;
    const hint = 'check the units of both ends; a range this wide is rarely meant';
    context.warn(node, path, 'implausible', message, hint);
  }
  if (median > 0 && dist.mean > MAX_MEAN_OVER_MEDIAN * median) {
    const message =
      `The mean (${round(dist.mean)}) is ${round(dist.mean / median)} times the median ` +
      `(${round(median)}): a far tail decides the forecast.`;
    context.warn(
      node,
      path,
      'implausible',
      message,
      'narrow the distribution or cap it with `max`',
    );
  }
}

/** Warns about monthly growth whose median passes 20% a month. */
export function checkMonthlyGrowth(
  context: ValidationContext,
  node: Node | null,
  path: string,
  growth: Value,
): void {
  const median = valueQuantile(growth, 0.5);
  if (median <= MAX_MONTHLY_GROWTH) return;
  const yearly = (1 + median) ** 12;
  const message =
    `Growth of ${round(median * 100)}% a month multiplies tasks by ${round(yearly)} in a ` +
    'year.';
  context.warn(
    node,
    path,
    'implausible',
    message,
    'is this a yearly rate? divide it over 12 months',
  );
}

/**
 * The lowest and highest price per million tokens in the catalog, over input
 * and output, or over one of them when `key` names it.
 */
export function catalogPriceRange(
  catalog: PriceCatalog,
  key?: 'input' | 'output',
): { low: number; high: number } {
  const prices = [...catalog.models.values()]
    .flatMap((model) => (key === undefined ? [model.input, model.output] : [model[key]]))
    .filter((price) => price > 0);
  return { low: Math.min(...prices), high: Math.max(...prices) };
}

/** Warns about a price per million tokens far outside what the catalog holds. */
export function checkPrice(
  context: ValidationContext,
  node: Node | null,
  path: string,
  usdPerMillionTokens: number,
  range: { low: number; high: number },
  reference?: { readonly model: string; readonly key: string; readonly price: number },
): void {
  if (usdPerMillionTokens === 0) return;
  if (reference !== undefined && reference.price > 0) {
    const ratio = Math.max(
      usdPerMillionTokens / reference.price,
      reference.price / usdPerMillionTokens,
    );
    if (ratio < MODEL_PRICE_FACTOR) return;
    const below = usdPerMillionTokens < reference.price;
    const message =
      `$${price(usdPerMillionTokens)} per million tokens is ${round(ratio)} times ` +
      `${below ? 'below' : 'above'} ${reference.model}'s catalog ${reference.key} price ` +
      `($${price(reference.price)}).`;
    const hint = below
      ? 'a price per thousand tokens? multiply it by 1,000'
      : 'a price per token? divide it by 1,000,000';
    context.warn(node, path, 'implausible', message, hint);
    return;
  }
  const low = range.low / PRICE_RANGE_FACTOR;
  const high = range.high * PRICE_RANGE_FACTOR;
  if (usdPerMillionTokens >= low && usdPerMillionTokens <= high) return;
  const message =
    `$${price(usdPerMillionTokens)} per million tokens is far outside the catalog's ` +
    `$${price(range.low)} to $${price(range.high)}.`;
  const hint =
    usdPerMillionTokens < low
      ? 'a price per thousand tokens? multiply it by 1,000'
      : 'a price per token? divide it by 1,000,000';
  context.warn(node, path, 'implausible', message, hint);
}

/**
 * Warns when a step's last average call would send more input than the
 * model's context window: the median input plus the context grown over the
 * calls before it.
 */
export function checkContextWindow(
  context: ValidationContext,
  node: Node | null,
  path: string,
  tokensPerCall: number,
  price: ModelPrice | undefined,
): void {
  const window = price?.contextWindow ?? null;
  if (window === null || tokensPerCall <= window) return;
  const message =
    `A call sends about ${round(tokensPerCall)} input tokens at the median, above ` +
    `${price!.model}'s context window of ${round(window)}.`;
  const hint =
    'lower `input_tokens` or `context_growth`, cap `calls` with `max`, ' +
    'or pick a model with a larger window';
  context.warn(node, path, 'implausible', message, hint);
}

/** What each reason a step costs nothing says, and what to do about it. */
const COSTLESS_STEP: Record<CostlessReason, (step: Step) => readonly [string, string]> = {
  'never-runs': () => ['`when` is 0, so it never runs', 'raise `when` above 0'],
  'no-calls': () => ['`calls` is 0, so it makes no call', 'give it calls above 0'],
  'no-tokens': () => [
    'it has no input, output or reasoning tokens',
    'give it `input_tokens`, `output_tokens` or `reasoning_tokens`',
  ],
  'free-models': (step) => {
    const models = modelsOfStep(step).map((model) => `\`${model}\``);
    const verb = models.length > 1 ? 'charge' : 'charges';
    return [
      `${models.join(' and ')} ${verb} $0 for every kind of token it has`,
      'price the model under `prices.models`',
    ];
  },
};

/**
 * Warns at each step that can never cost anything (whyStepCostsNothing), and
 * at the workload when it costs $0 in every month (no tasks, or only such
 * steps): the reports then show $0 for it, and this says why. `steps` are the
 * workload's steps as read, in the order of the entries under `steps`.
 */
export function checkCostlessWork(
  context: ValidationContext,
  workload: { readonly entry: MapEntry; readonly steps: MapEntry; readonly tasks: Value },
  steps: readonly Step[],
  prices: ReadonlyMap<string, ModelPrice>,
): void {
  const entries = context.entriesOf(workload.steps.value, workload.steps.path, '`steps`') ?? [];
  const reasons = steps.map((step, index) => {
    const reason = whyStepCostsNothing(step, prices);
    const entry = entries[index];
    if (reason === undefined || entry === undefined) return reason;
    const [why, hint] = COSTLESS_STEP[reason](step);
    const message = `Step \`${step.name}\` never costs anything: ${why}.`;
    context.warn(entry.keyNode, entry.path, 'implausible', message, `${hint}, or remove the step`);
    return reason;
  });
  const name = workload.entry.key;
  const noTasks = isZero(workload.tasks);
  if (!noTasks && reasons.some((reason) => reason === undefined)) return;
  const message = noTasks
    ? `Workload \`${name}\` costs $0 in every month: \`tasks_per_month\` is 0, so it runs no task.`
    : `Workload \`${name}\` costs $0 in every month: none of its steps ever costs anything ` +
      '(see the warning at each step).';
  const hint = noTasks
    ? 'set `tasks_per_month` above 0, or remove the workload'
    : 'give a step tokens, calls and a `when` above 0 on a priced model, or remove the workload';
  context.warn(workload.entry.keyNode, workload.entry.path, 'implausible', message, hint);
}

/** The median of a value: the value itself when fixed. */
export function medianOf(value: Value): number {
  return valueQuantile(value, 0.5);
}

/** A price as written, to six significant digits: 0.0025 stays 0.0025. */
function price(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

function round(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}
