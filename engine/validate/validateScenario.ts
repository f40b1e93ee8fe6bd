import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import { parseMonth } from '../monthIndex.js';
import type { ModelPrice, PriceCatalog } from '../priceCatalog.js';
import { sortIssues, type ScenarioIssue } from '../scenarioIssue.js';
import type { PriceCurve, Scenario, Value, Workload } from '../scenarioTypes.js';
import { readChoice, readInteger, readText } from './readPlainKeys.js';
import { checkScenarioName } from './checkScenarioName.js';
import { readValue } from './readValue.js';
import { readPriceCurve, readPrices, type Horizon } from './readPrices.js';
import {
  entryOf,
  ValidationContext,
  writtenText,
  type FileReader,
  type MapEntry,
} from './validationContext.js';
import { readCorrelations } from './readCorrelations.js';
import { readParams } from './readParams.js';
import { readWorkloads } from './readWorkloads.js';
import { isZero, whyStepCostsNothing } from './whyStepCostsNothing.js';
import { VARIANT_SECTIONS } from '../decide/overrideDocument.js';
import { readVariants } from '../decide/readVariants.js';

export const TOP_LEVEL_KEYS = [
  'scenario',
  'description',
  'start',
  'months',
  'currency',
  'trials',
  'seed',
  'budget',
  'per_token_volume',
  'prices',
  'workloads',
  ...VARIANT_SECTIONS,
  'params',
  'correlations',
] as const;

/** Keys that compose a scenario from other files; composeScenario resolves and removes them. */
export const COMPOSE_KEYS = ['extends', 'include'] as const;

export const DEFAULT_TRIALS = 10_000;
export const MAX_TRIALS = 10_000_000;
export const MAX_MONTHS = 120;

export interface ValidationResult {
  /** The typed scenario, present only when there is no error. */
  readonly scenario: Scenario | undefined;
  /** Every error and warning, sorted by line. */
  readonly issues: readonly ScenarioIssue[];
}

/**
 * Turns a parsed scenario document into a typed Scenario, checking every key:
 * numbers parsed, distributions built, models resolved against the catalog.
 * Collects all problems rather than stopping at the first.
 */
export function validateScenario(
  source: ScenarioDocument,
  catalog: PriceCatalog,
  readFile?: FileReader,
): ValidationResult {
  // A file that does not parse (or whose extends and includes cannot be read) is
  // shown with those problems alone: what its keys mean is unknown until it parses.
  if (source.issues.length > 0) return { scenario: undefined, issues: sortIssues(source.issues) };
  const context = new ValidationContext(source, readFile);
  const root = (source.document.contents ?? null) as Node | null;
  const entries = context.entriesOf(root, '', 'A scenario file');
  if (entries === undefined) return { scenario: undefined, issues: sortIssues(context.issues) };
  const { scenario, horizon } = readScenario(context, entries, root, catalog);
  // Options and planned changes are read even when the scenario has errors, so a
  // bad file shows every problem in one run; readVariants leaves out what the
  // scenario's own errors already explain.
  const varied = readVariants(context, source, { scenario, horizon }, catalog);
  const issues = sortIssues(context.issues);
  const failed = issues.some((issue) => issue.severity === 'error');
  return { scenario: failed ? undefined : varied, issues };
}

function readScenario(
  context: ValidationContext,
  entries: readonly MapEntry[],
  root: Node | null,
  catalog: PriceCatalog,
): { readonly scenario: Scenario | undefined; readonly horizon: Horizon } {
  const composing = entries.filter((entry) =>
    (COMPOSE_KEYS as readonly string[]).includes(entry.key),
  );
  for (const entry of composing) {
    const message = `\`${entry.key}\` reads other files, which only the command line does.`;
    const hint = 'run it with `pertask run` or `pertask validate`, which compose the files';
    context.error(entry.keyNode, entry.path, 'not-supported', message, hint);
  }
  // Keys that begin with `x-` hold anchors for `<<:` merges and `*` aliases; they are not read.
  const plain = entries.filter(
    (entry) => !composing.includes(entry) && !entry.key.startsWith('x-'),
  );
  // `extends` and `include` are listed too: they are valid here, read before validation.
  const topKeys = [...TOP_LEVEL_KEYS, ...COMPOSE_KEYS];
  context.rejectUnknownKeys(plain, topKeys, 'the top level of a scenario');
  for (const key of ['scenario', 'start', 'workloads']) context.requireKey(entries, key, root, '');
  const paramsEntry = entryOf(entries, 'params');
  const declared = isMap(paramsEntry?.value) ? paramsEntry.value.items : [];
  context.declaredParams = new Set(declared.map((pair) => String((pair.key as Scalar).value)));
  const { params, complete: paramsComplete } = readParams(context, paramsEntry);
  context.params = params;
  const name = readName(context, entryOf(entries, 'scenario'));
  const start = readStart(context, entryOf(entries, 'start'));
  const months = readInteger(context, entryOf(entries, 'months'), 12, 1, MAX_MONTHS);
  const trials = readInteger(context, entryOf(entries, 'trials'), DEFAULT_TRIALS, 1, MAX_TRIALS);
  const seed = readInteger(context, entryOf(entries, 'seed'), 1, 0, Number.MAX_SAFE_INTEGER);
  const budget = readBudget(context, entryOf(entries, 'budget'));
  const perTokenVolume = readChoice(context, entryOf(entries, 'per_token_volume'), [
    'grow',
    'flat',
  ]);
  checkCurrency(context, entryOf(entries, 'currency'));
  const horizon = {
    start: start ?? '2000-01',
    months: months ?? 12,
    known: start !== undefined && months !== undefined,
  };
  const pricesEntry = entryOf(entries, 'prices');
  const prices = readPrices(context, pricesEntry, catalog);
  const curve: PriceCurve | undefined = readPriceCurve(context, pricesEntry, horizon, prices);
  // With `prices` unreadable the steps are still read, against the built-in catalog.
  const workloads: Workload[] | undefined = readWorkloads(
    context,
    entryOf(entries, 'workloads'),
    horizon,
    prices ?? catalog.models,
  );
  const correlation = readCorrelations(context, entryOf(entries, 'correlations'));
  const description = readText(context, entryOf(entries, 'description')) ?? '';
  const worked =
    workloads !== undefined &&
    checkFirstMonthWork(context, entries, root, workloads, prices ?? catalog.models);
  if (
    !worked ||
    context.failedModels.size > 0 ||
    !paramsComplete ||
    correlation === undefined ||
    name === undefined ||
    start === undefined ||
    months === undefined ||
    trials === undefined ||
    seed === undefined ||
    budget === undefined ||
    perTokenVolume === undefined ||
    prices === undefined ||
    curve === undefined
  ) {
    return { scenario: undefined, horizon };
  }
  const uses = (model: string) =>
    workloads.some((w) => w.steps.some((s) => s.model === model || s.migration?.to === model));
  const usedPrices = new Map([...prices].filter(([model]) => uses(model)));
  const scenario: Scenario = {
    name,
    description,
    start,
    months,
    currency: 'USD',
    trials,
    seed,
    budget,
    perTokenVolume,
    params,
    ...(correlation === null ? {} : { correlation }),
    prices: usedPrices,
    curve,
    workloads,
  };
  return { scenario, horizon };
}

/**
 * Reports, and returns false, when nothing is spent in the first month. It
 * needs every workload read, so with a workload in error it waits for the fix.
 */
function checkFirstMonthWork(
  context: ValidationContext,
  entries: readonly MapEntry[],
  root: Node | null,
  workloads: readonly Workload[],
  prices: ReadonlyMap<string, ModelPrice>,
): boolean {
  if (hasFirstMonthWork(workloads, prices)) return true;
  const message =
    'Nothing is spent in the first month, so the per-token forecast has nothing to ' +
    'freeze and the indices have no base.';
  const hint =
    'give a workload tasks above 0 and a step that starts with the horizon, runs ' +
    '(`when` above 0) and has input, output or reasoning tokens on a model priced above $0';
  const node = entryOf(entries, 'workloads')?.keyNode ?? root;
  context.error(node, 'workloads', 'out-of-range', message, hint);
  return false;
}

function readName(context: ValidationContext, entry: MapEntry | undefined): string | undefined {
  if (entry === undefined) return undefined;
  const text = readText(context, entry);
  if (text === undefined) return undefined;
  const problem = checkScenarioName(text);
  if (problem === undefined) return text;
  context.error(entry.value, entry.path, 'out-of-range', problem.message, problem.hint);
  return undefined;
}

function readStart(context: ValidationContext, entry: MapEntry | undefined): string | undefined {
  if (entry === undefined) return undefined;
  const text = readText(context, entry);
  if (text === undefined) return undefined;
  if (parseMonth(text) === undefined) {
    context.error(
      entry.value,
      entry.path,
      'bad-month',
      `\`${text}\` is not a month.`,
      'write `YYYY-MM`, e.g. `2027-01`',
    );
    return undefined;
  }
  return text.trim();
}

function readBudget(context: ValidationContext, entry: MapEntry | undefined) {
  if (entry === undefined) return null;
  const value: Value | undefined = readValue(context, entry.value, entry.path, 'amount', {
    allowUncertain: false,
    money: true,
  });
  if (value === undefined || value.kind !== 'fixed') return undefined;
  if (value.value <= 0) {
    const hint = "write the year's budget in dollars, e.g. `$30k`, or remove `budget`";
    context.error(entry.value, entry.path, 'out-of-range', 'A budget must be above 0.', hint);
    return undefined;
  }
  return value.value;
}

function checkCurrency(context: ValidationContext, entry: MapEntry | undefined): void {
  if (entry === undefined) return;
  const raw = isScalar(entry.value) ? entry.value.value : undefined;
  if (raw !== 'USD') {
    const message =
      'Only USD is supported: the price catalog is in USD; ' +
      `found \`${writtenText(entry.value)}\`.`;
    context.error(
      entry.value,
      entry.path,
      'not-supported',
      message,
      'write `currency: USD` or leave it out',
    );
  }
}

/**
 * Whether some step runs in the first month and may cost something there
 * (whyStepCostsNothing): without one the first month costs nothing and the
 * indices, which are relative to it, would be undefined.
 */
function hasFirstMonthWork(
  workloads: readonly Workload[],
  prices: ReadonlyMap<string, ModelPrice>,
): boolean {
  return workloads.some(
    (workload) =>
      !isZero(workload.tasksPerMonth) &&
      workload.steps.some(
        (step) => step.fromMonth === 0 && whyStepCostsNothing(step, prices, 'first') === undefined,
      ),
  );
}
