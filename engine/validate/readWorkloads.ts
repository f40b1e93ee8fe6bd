import { isScalar } from 'yaml';
import type { ModelPrice } from '../priceCatalog.js';
import type { Workload } from '../scenarioTypes.js';
import { checkCostlessWork, checkMonthlyGrowth } from './checkPlausibility.js';
import { readDrifts } from './readDrifts.js';
import type { Horizon } from './readPrices.js';
import { readSteps } from './readSteps.js';
import { readValue } from './readValue.js';
import { entryOf, keysOf, type MapEntry, type ValidationContext } from './validationContext.js';
import { NAME_CHARACTERS } from './nameCharacters.js';

export const WORKLOAD_KEYS = [
  'tasks_per_month',
  'growth',
  'seasonality',
  'elasticity',
  'steps',
  'drift',
] as const;

const WORKLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Reads `workloads`: at least one, each with its steps and drift. */
export function readWorkloads(
  context: ValidationContext,
  entry: MapEntry | undefined,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice>,
): Workload[] | undefined {
  if (entry === undefined) return undefined;
  const entries = context.entriesOf(entry.value, entry.path, '`workloads`');
  if (entries === undefined) return undefined;
  if (entries.length === 0) {
    context.error(
      entry.value,
      entry.path,
      'missing-key',
      'A scenario needs at least one workload.',
    );
    return undefined;
  }
  const workloads = entries.map((workload) => readWorkload(context, workload, horizon, prices));
  return workloads.every((workload) => workload !== undefined)
    ? (workloads as Workload[])
    : undefined;
}

function readWorkload(
  context: ValidationContext,
  workload: MapEntry,
  horizon: Horizon,
  prices: ReadonlyMap<string, ModelPrice>,
): Workload | undefined {
  if (workload.key === 'total') {
    const message = '`total` is the name reports give to all workloads together.';
    context.error(workload.keyNode, workload.path, 'out-of-range', message, 'choose another name');
  } else if (!WORKLOAD_NAME.test(workload.key)) {
    const hint = `use ${NAME_CHARACTERS}`;
    context.error(
      workload.keyNode,
      workload.path,
      'out-of-range',
      `\`${workload.key}\` cannot name a workload.`,
      hint,
    );
  }
  const entries = context.entriesOf(workload.value, workload.path, 'A workload');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, WORKLOAD_KEYS, 'a workload');
  for (const key of ['tasks_per_month', 'steps'])
    context.requireKey(entries, key, workload.value, workload.path);
  const tasksEntry = entryOf(entries, 'tasks_per_month');
  const tasksPerMonth =
    tasksEntry &&
    readValue(context, tasksEntry.value, tasksEntry.path, 'amount', { allowPerMonth: true });
  const growthEntry = entryOf(entries, 'growth');
  const growth = readOptional(context, growthEntry, 'rate', true);
  if (growth && growthEntry)
    checkMonthlyGrowth(context, growthEntry.value, growthEntry.path, growth);
  const elasticity = readOptional(context, entryOf(entries, 'elasticity'), 'real', false);
  const seasonality = readSeasonality(context, entryOf(entries, 'seasonality'));
  const stepsEntry = entryOf(entries, 'steps');
  const steps = stepsEntry && readSteps(context, stepsEntry, horizon, elasticity, prices);
  // Drifts are checked against the step names as written, so a step whose values
  // failed still lets the drifts that name it be read in the same run.
  const stepNames = keysOf(stepsEntry?.value);
  const driftEntry = entryOf(entries, 'drift');
  const drifts =
    driftEntry === undefined ? [] : readDrifts(context, driftEntry, stepNames, horizon);
  if (!tasksPerMonth || !growth || !elasticity || !seasonality || !steps || !drifts)
    return undefined;
  checkCostlessWork(
    context,
    { entry: workload, steps: stepsEntry!, tasks: tasksPerMonth },
    steps,
    prices,
  );
  return { name: workload.key, tasksPerMonth, growth, seasonality, steps, drifts };
}

function readOptional(
  context: ValidationContext,
  entry: MapEntry | undefined,
  kind: 'rate' | 'real',
  allowPerMonth: boolean,
) {
  if (entry === undefined) return { kind: 'fixed' as const, value: 0 };
  return readValue(context, entry.value, entry.path, kind, { allowPerMonth });
}

function readSeasonality(context: ValidationContext, entry: MapEntry | undefined) {
  if (entry === undefined) return new Array<number>(12).fill(1);
  const items = context.itemsOf(entry.value, entry.path, '`seasonality`');
  if (items === undefined) return undefined;
  const values = items.map((item) => {
    const raw = isScalar(item) ? item.value : undefined;
    return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : Number.NaN;
  });
  if (values.length !== 12 || values.some((value) => Number.isNaN(value))) {
    const message =
      'Seasonality takes 12 multipliers, January first, each a number above 0 ' +
      '(a month with no tasks at all has no cost per task).';
    context.error(
      entry.value,
      entry.path,
      'out-of-range',
      message,
      'e.g. [1, 1, 1.1, 1, 1, 0.9, 0.8, 0.8, 1, 1.1, 1.2, 1.3]',
    );
    return undefined;
  }
  return values;
}
