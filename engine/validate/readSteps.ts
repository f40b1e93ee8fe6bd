import { isMap, isScalar, type Node } from 'yaml';
import type { CountFamily } from '../distributions/countMoments.js';
import type { ModelPrice } from '../priceCatalog.js';
import { rolloutShares } from '../decide/lowerPlannedChanges.js';
import type { Calls, Migration, Step, Value } from '../scenarioTypes.js';
import { valueQuantile } from '../valueQuantile.js';
import { checkContextWindow, medianOf } from './checkPlausibility.js';
import { namesUsed, orderByDependency } from './readParams.js';
import { readInteger, readText } from './readPlainKeys.js';
import { readMonthIndex, reportUnknownModel, type Horizon } from './readPrices.js';
import { parseQuantity } from '../parseQuantity.js';
import { readValue, SCALAR_FAMILIES, type QuantityKind } from './readValue.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';
import { NAME_CHARACTERS } from './nameCharacters.js';

export const STEP_KEYS = [
  'model',
  'calls',
  'input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'context_growth',
  'cached_share',
  'cache_write_share',
  'batch_share',
  'when',
  'elasticity',
  'from',
  'ramp',
  'migrate',
] as const;

/** Keys of a step's `migrate:`. */
export const MIGRATE_KEYS = ['to', 'from', 'ramp', 'share'] as const;

/** Step keys that `per: month` may draw again every month: the token counts. */
export const PER_MONTH_FIELDS = [
  'input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'context_growth',
] as const;

/**
 * A token count drawn every month enters the simulation as a monthly factor
 * on its first month's draw, which therefore must never be 0.
 */
function checkMonthly(context: ValidationContext, entry: MapEntry, value: Value | undefined) {
  if (value?.kind !== 'uncertain' || value.per !== 'month') return value;
  if (value.dist.quantile(1e-9) > 0) return value;
  const message = 'A token count drawn every month must stay above 0 in every draw.';
  const hint = 'use a lognormal, a gamma or a range, or draw it once per trial';
  context.error(entry.value, entry.path, 'bad-distribution', message, hint);
  return undefined;
}

/**
 * A token count written as a param or an expression that gives less than one
 * token per call (`output_tokens: share` with `share: 20%`) is almost surely a
 * share reaching a count: a literal `20%` there is refused, and this is the
 * same mistake one step removed.
 */
function checkTokensFromExpression(
  context: ValidationContext,
  entry: MapEntry,
  value: Value | undefined,
): Value | undefined {
  if (value === undefined || !isScalar(entry.value)) return value;
  const text = typeof entry.value.value === 'string' ? entry.value.value.trim() : '';
  if (text === '' || parseQuantity(text) !== undefined || /\sto\s/.test(text)) return value;
  const median = medianOf(value);
  if (!(median > 0 && median < 1)) return value;
  const message =
    `\`${entry.key}: ${text}\` gives ${Number(median.toPrecision(3))} tokens per call` +
    `${value.kind === 'fixed' ? '' : ' (median)'}; a token count below 1 is almost surely ` +
    'a percentage or share.';
  const hint =
    'a token count is whole tokens per call: scale a share by a count (`share * 2k`), ' +
    'or write a number such as 200';
  context.error(entry.value, entry.path, 'out-of-range', message, hint);
  return undefined;
}

/** A step's numeric keys: their kind and their value when not written. */
const NUMERIC_STEP_KEYS = {
  input_tokens: ['amount', 0],
  output_tokens: ['amount', 0],
  reasoning_tokens: ['amount', 0],
  context_growth: ['amount', 0],
  cached_share: ['share', 0],
  cache_write_share: ['share', 0],
  batch_share: ['share', 0],
  when: ['share', 1],
  elasticity: ['real', 0],
} as const satisfies Record<string, readonly [QuantityKind, number]>;

function isNumericStepKey(key: string): key is keyof typeof NUMERIC_STEP_KEYS {
  return Object.hasOwn(NUMERIC_STEP_KEYS, key);
}

/**
 * Reads the numeric keys a step writes, by key (undefined for one that
 * failed). An expression in one may read the others by name, as it reads
 * params (`output_tokens: input_tokens * 15%`), and one draw then serves
 * both keys in a trial. Keys are read after those they read; a cycle is
 * reported with its path. Within the step its own key hides a param of the
 * same name.
 */
function readNumericKeys(
  context: ValidationContext,
  entries: readonly MapEntry[],
): Map<string, Value | undefined> {
  const written = entries.filter((entry) => isNumericStepKey(entry.key));
  const names = new Set(written.map((entry) => entry.key));
  const outer = { params: context.params, declared: context.declaredParams };
  // A key the step does not write reads as its default (`when` as 1); elasticity's
  // default is the workload's, which is not known here, so it must be written to be read.
  const defaults = Object.entries(NUMERIC_STEP_KEYS)
    .filter(([key]) => !names.has(key) && key !== 'elasticity')
    .map(([key, [, value]]): [string, Value] => [key, { kind: 'fixed', value }]);
  const known = new Set([...outer.declared, ...names, ...defaults.map(([key]) => key)]);
  const expressions = new Map<string, { entry: MapEntry; uses: readonly string[] }>();
  for (const entry of written) {
    const text = isScalar(entry.value) ? entry.value.value : undefined;
    if (typeof text !== 'string') continue;
    const uses = namesUsed(text, known).filter((name) => names.has(name));
    if (uses.length > 0) expressions.set(entry.key, { entry, uses });
  }
  const plain = written.filter((entry) => !expressions.has(entry.key)).map((entry) => entry.key);
  const read = new Map<string, Value | undefined>();
  // What an expression may read: the params, then the step's keys as they are read.
  const scope = new Map([...outer.params, ...defaults]);
  context.params = scope;
  try {
    const ordered = orderByDependency(context, expressions, 'The keys of this step');
    for (const key of [...plain, ...ordered]) {
      // Its own name is not among the names a key may read (a hint never suggests a cycle).
      context.declaredParams = new Set([...known].filter((name) => name !== key));
      const value = readNumericKey(context, entryOf(entries, key)!, scope);
      read.set(key, value);
      if (value !== undefined) scope.set(key, value);
    }
  } finally {
    context.params = outer.params;
    context.declaredParams = outer.declared;
  }
  // A key left out on a cycle has been reported; it reads as failed, not as its default.
  for (const key of names) if (!read.has(key)) read.set(key, undefined);
  return read;
}

function readNumericKey(
  context: ValidationContext,
  entry: MapEntry,
  scope: ReadonlyMap<string, Value>,
): Value | undefined {
  const key = entry.key as keyof typeof NUMERIC_STEP_KEYS;
  const allowPerMonth = (PER_MONTH_FIELDS as readonly string[]).includes(key);
  const kind = NUMERIC_STEP_KEYS[key][0];
  const read = readValue(context, entry.value, entry.path, kind, { allowPerMonth });
  const monthly = [...scope].find(
    ([, sibling]) =>
      read?.kind === 'derived' &&
      sibling.kind === 'uncertain' &&
      sibling.per === 'month' &&
      read.inputs.includes(sibling),
  );
  if (monthly !== undefined) {
    const message =
      `\`${key}\` reads \`${monthly[0]}\`, which is drawn every month; ` +
      'an expression reads values drawn once per trial.';
    const hint = `draw \`${monthly[0]}\` once per trial, or write \`${key}\` without it`;
    context.error(entry.value, entry.path, 'not-supported', message, hint);
    return undefined;
  }
  const checked = allowPerMonth ? checkTokensFromExpression(context, entry, read) : read;
  return checkMonthly(context, entry, checked);
}

export const COUNT_FAMILIES = ['poisson', 'geometric', 'negative_binomial'] as const;

const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Reads a workload's steps. A workload elasticity that failed (undefined) has
 * been reported; the steps are still read, and a step without its own
 * elasticity then fails quietly.
 */
export function readSteps(
  context: ValidationContext,
  stepsEntry: MapEntry,
  horizon: Horizon,
  workloadElasticity: Value | undefined,
  prices: ReadonlyMap<string, ModelPrice>,
): Step[] | undefined {
  const entries = context.entriesOf(stepsEntry.value, stepsEntry.path, '`steps`');
  if (entries === undefined) return undefined;
  if (entries.length === 0) {
    context.error(
      stepsEntry.value,
      stepsEntry.path,
      'missing-key',
      'A workload needs at least one step.',
    );
    return undefined;
  }
  const steps = entries.map((entry) =>
    readStep(context, entry, horizon, workloadElasticity, prices),
  );
  return steps.every((step) => step !== undefined) ? (steps as Step[]) : undefined;
}

function readStep(
  context: ValidationContext,
  step: MapEntry,
  horizon: Horizon,
  workloadElasticity: Value | undefined,
  prices: ReadonlyMap<string, ModelPrice>,
): Step | undefined {
  if (!STEP_NAME.test(step.key)) {
    const message = `\`${step.key}\` cannot name a step.`;
    context.error(step.keyNode, step.path, 'out-of-range', message, `use ${NAME_CHARACTERS}`);
  }
  const entries = context.entriesOf(step.value, step.path, 'A step');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, STEP_KEYS, 'a step');
  context.requireKey(entries, 'model', step.value, step.path);
  const model = readModel(context, entryOf(entries, 'model'), prices);
  const numeric = readNumericKeys(context, entries);
  const value = (key: keyof typeof NUMERIC_STEP_KEYS): Value | undefined =>
    numeric.has(key) ? numeric.get(key) : { kind: 'fixed', value: NUMERIC_STEP_KEYS[key][1] };
  const fields = {
    inputTokens: value('input_tokens'),
    outputTokens: value('output_tokens'),
    reasoningTokens: value('reasoning_tokens'),
    contextGrowth: value('context_growth'),
    cachedShare: value('cached_share'),
    cacheWriteShare: value('cache_write_share'),
    batchShare: value('batch_share'),
    when: value('when'),
  };
  const elasticity = numeric.has('elasticity') ? numeric.get('elasticity') : workloadElasticity;
  const calls = readCalls(context, entryOf(entries, 'calls'));
  const fromEntry = entryOf(entries, 'from');
  const fromMonth = fromEntry === undefined ? 0 : readMonthIndex(context, fromEntry, horizon);
  const rampMonths = readInteger(context, entryOf(entries, 'ramp'), 0, 0, 120);
  const migrateEntry = entryOf(entries, 'migrate');
  const migration =
    migrateEntry && readMigration(context, migrateEntry, horizon, prices, model ?? '');
  checkCacheShares(context, entries, fields.cachedShare, fields.cacheWriteShare);
  if (model !== undefined && calls !== undefined && fields.inputTokens && fields.contextGrowth) {
    const lastCall = Math.max(1, Math.min(calls.max, medianOf(calls.mean)));
    const tokens = medianOf(fields.inputTokens) + medianOf(fields.contextGrowth) * (lastCall - 1);
    const entry = entryOf(entries, 'input_tokens') ?? entryOf(entries, 'model');
    checkContextWindow(
      context,
      entry?.value ?? null,
      entry?.path ?? step.path,
      tokens,
      prices.get(model),
    );
  }
  const parts = [model, calls, elasticity, fromMonth, rampMonths, ...Object.values(fields)];
  if (parts.some((part) => part === undefined) || migration === null) return undefined;
  return {
    name: step.key,
    model: model!,
    calls: calls!,
    elasticity: elasticity!,
    fromMonth: fromMonth!,
    rampMonths: rampMonths!,
    ...(fields as { [K in keyof typeof fields]: Value }),
    ...(migration === undefined ? {} : { migration }),
  };
}

/**
 * Reads `migrate: { to, from, ramp, share }`: from month `from`, over `ramp`
 * months (at once for 0), `share` (all, by default) of the step's calls move
 * to model `to`, as a rollout moves tasks. Null when it does not read.
 */
function readMigration(
  context: ValidationContext,
  entry: MapEntry,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice>,
  model: string,
): Migration | null {
  const fields = context.entriesOf(entry.value, entry.path, '`migrate`');
  if (fields === undefined) return null;
  context.rejectUnknownKeys(fields, MIGRATE_KEYS, '`migrate`');
  context.requireKey(fields, 'to', entry.value, entry.path);
  context.requireKey(fields, 'from', entry.value, entry.path);
  const toEntry = entryOf(fields, 'to');
  let to = toEntry && readModel(context, toEntry, prices);
  if (to !== undefined && to === model) {
    const message = `\`migrate.to\` names the step's own model, \`${model}\`.`;
    context.error(toEntry!.value, toEntry!.path, 'out-of-range', message, 'name its successor');
    to = undefined;
  }
  const fromEntry = entryOf(fields, 'from');
  const fromMonth = fromEntry && readMonthIndex(context, fromEntry, horizon);
  const rampMonths = readInteger(context, entryOf(fields, 'ramp'), 0, 0, 120);
  const shareEntry = entryOf(fields, 'share');
  const share = shareEntry
    ? readValue(context, shareEntry.value, shareEntry.path, 'share', { allowUncertain: false })
    : { kind: 'fixed' as const, value: 1 };
  if (to === undefined || fromMonth === undefined || rampMonths === undefined) return null;
  if (share?.kind !== 'fixed') return null;
  const shares = rolloutShares(horizon.months, fromMonth, rampMonths).map((s) => s * share.value);
  return { to, fromMonth, rampMonths, shares };
}

function readModel(
  context: ValidationContext,
  entry: MapEntry | undefined,
  prices: ReadonlyMap<string, ModelPrice>,
): string | undefined {
  if (entry === undefined) return undefined;
  const model = readText(context, entry);
  if (model === undefined) return undefined;
  if (!prices.has(model)) {
    reportUnknownModel(context, entry.value, entry.path, model, prices);
    return undefined;
  }
  return model;
}

function checkCacheShares(
  context: ValidationContext,
  entries: readonly MapEntry[],
  cached: Value | undefined,
  written: Value | undefined,
): void {
  if (cached === undefined || written === undefined) return;
  // A range is judged by its P95: a logit-normal share reaches towards 100%
  // in a far tail, and the simulation caps the write share at what the cached
  // share leaves in the rare trials where the two would overlap.
  const high = (value: Value): number => valueQuantile(value, 0.95);
  const total = high(cached) + high(written);
  if (total <= 1) return;
  const entry = entryOf(entries, 'cache_write_share') ?? entryOf(entries, 'cached_share');
  const message =
    'Cached and cache-write shares are parts of the same input, and together they pass ' +
    `100% (${Math.round(total * 100)}%, at P95 for a range).`;
  const hint = 'lower `cached_share` or `cache_write_share` so that they add up to 100% at most';
  context.error(entry?.value ?? null, entry?.path ?? '', 'out-of-range', message, hint);
}

/**
 * Reads `calls`: a number or range is the average count per task; a count
 * family (`poisson`, `geometric`, `negative_binomial`) varies task by task.
 */
function readCalls(context: ValidationContext, entry: MapEntry | undefined): Calls | undefined {
  const none = { kind: 'fixed' as const, value: 1 };
  if (entry === undefined) return { family: 'fixed', mean: none, sd: null, max: Infinity };
  const family = isMap(entry.value)
    ? (context.entriesOf(entry.value, entry.path, '`calls`') ?? []).find((field) =>
        (COUNT_FAMILIES as readonly string[]).includes(field.key),
      )
    : undefined;
  if (family === undefined) {
    if (isMap(entry.value) && !hasScalarFamily(context, entry)) {
      const message = '`calls` takes a count distribution or an average number of calls.';
      const hint =
        'e.g. `{ poisson: 1.5 }`, `{ geometric: { mean: 3 }, max: 12 }`, ' +
        '`{ negative_binomial: { mean: 12, sd: 6 } }`, `2` or `2 to 4`';
      context.error(entry.value, entry.path, 'bad-distribution', message, hint);
      return undefined;
    }
    const mean = readValue(context, entry.value, entry.path, 'amount');
    return mean && { family: 'fixed', mean, sd: null, max: Infinity };
  }
  const fields = context.entriesOf(entry.value, entry.path, '`calls`') ?? [];
  context.rejectUnknownKeys(fields, [family.key, 'max'], '`calls`');
  const extra = fields.filter((field) => (COUNT_FAMILIES as readonly string[]).includes(field.key));
  if (extra.length > 1) {
    context.error(
      extra[1]!.keyNode,
      extra[1]!.path,
      'bad-distribution',
      '`calls` names one count family.',
    );
    return undefined;
  }
  const maxEntry = entryOf(fields, 'max');
  const max = maxEntry === undefined ? Infinity : readInteger(context, maxEntry, 0, 1, 100_000);
  const params = readCountParameters(context, family.key as CountFamily, family);
  if (params === undefined || max === undefined) return undefined;
  return { family: family.key as CountFamily, ...params, max };
}

function readCountParameters(
  context: ValidationContext,
  family: CountFamily,
  entry: MapEntry,
): { mean: Value; sd: Value | null } | undefined {
  if (family === 'poisson') {
    const mean = readParameter(context, entry.value, entry.path, 0);
    return mean && { mean, sd: null };
  }
  const wanted = family === 'geometric' ? ['mean'] : ['mean', 'sd'];
  const fields = context.entriesOf(entry.value, entry.path, `\`${family}\``);
  if (fields === undefined) return undefined;
  context.rejectUnknownKeys(fields, wanted, `\`${family}\``);
  for (const key of wanted) context.requireKey(fields, key, entry.value, entry.path);
  const meanEntry = entryOf(fields, 'mean');
  const minimumMean = family === 'geometric' ? 1 : 0;
  const mean = meanEntry && readParameter(context, meanEntry.value, meanEntry.path, minimumMean);
  if (family === 'geometric') return mean && { mean, sd: null };
  const sdEntry = entryOf(fields, 'sd');
  const sd = sdEntry && readParameter(context, sdEntry.value, sdEntry.path, 0);
  if (mean === undefined || sd === undefined) return undefined;
  if (mean.kind === 'fixed' && sd.kind === 'fixed' && sd.value * sd.value <= mean.value) {
    const message =
      `A negative binomial needs sd^2 above the mean; sd ${sd.value} ` + `gives ${sd.value ** 2}.`;
    context.error(
      sdEntry!.value,
      sdEntry!.path,
      'bad-distribution',
      message,
      'use `poisson` when sd^2 equals the mean',
    );
    return undefined;
  }
  return { mean, sd };
}

/** A parameter of a count family: a number or a distribution drawn per trial. */
function readParameter(
  context: ValidationContext,
  node: Node | null,
  path: string,
  minimum: number,
): Value | undefined {
  const value = readValue(context, node, path, 'amount');
  if (value === undefined) return undefined;
  const low = valueQuantile(value, 0.05);
  if (low < minimum) {
    const where = value.kind === 'fixed' ? '' : ' at its P5';
    const message = `This mean must be at least ${minimum}${where}.`;
    const hint = `write a mean of ${minimum} or more${where === '' ? '' : ', or a narrower range'}`;
    context.error(node, path, 'out-of-range', message, hint);
    return undefined;
  }
  return value;
}

/** Whether a `calls` map names a distribution of the average (normal, lognormal, ...). */
function hasScalarFamily(context: ValidationContext, entry: MapEntry): boolean {
  const fields = context.entriesOf(entry.value, entry.path, '`calls`') ?? [];
  return fields.some((field) => (SCALAR_FAMILIES as readonly string[]).includes(field.key));
}
