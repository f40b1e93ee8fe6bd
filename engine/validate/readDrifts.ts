import { isScalar, type Node, type Scalar } from 'yaml';
import { parseMonth } from '../monthIndex.js';
import { DRIFT_FIELDS, type Drift, type DriftField, type Value } from '../scenarioTypes.js';
import { closestNames } from '../closestNames.js';
import { readChoice } from './readPlainKeys.js';
import { readMonthIndex, type Horizon } from './readPrices.js';
import { readValue } from './readValue.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';

export const DRIFT_KEYS = ['change', 'by', 'shape'] as const;

/**
 * Reads a workload's `drift`: `<step>.<field>: <change> [by YYYY-MM]` or the
 * long form `{ change, by, shape }`. It needs only the names of the steps, in
 * order, so a drift is checked even when a step's values failed;
 * `stepNames` is undefined when `steps` is not a map, and then only the step
 * a drift names goes unchecked.
 */
export function readDrifts(
  context: ValidationContext,
  driftEntry: MapEntry,
  stepNames: readonly string[] | undefined,
  horizon: Horizon,
): Drift[] | undefined {
  const entries = context.entriesOf(driftEntry.value, driftEntry.path, '`drift`');
  if (entries === undefined) return undefined;
  const drifts = entries.map((entry) => readDrift(context, entry, stepNames, horizon));
  return drifts.every((drift) => drift !== undefined) ? (drifts as Drift[]) : undefined;
}

function readDrift(
  context: ValidationContext,
  entry: MapEntry,
  stepNames: readonly string[] | undefined,
  horizon: Horizon,
): Drift | undefined {
  const target = readTarget(context, entry, stepNames);
  const raw = isScalar(entry.value) ? entry.value.value : undefined;
  const lastMonth = horizon.months - 1;
  let change: Value | undefined;
  let byMonth: number | undefined = lastMonth;
  let shape: 'linear' | 'compound' | undefined = 'linear';
  if (typeof raw === 'string' && / by /.test(raw)) {
    const [changeText = '', byText = ''] = raw.split(/\s+by\s+/);
    change = readValue(context, scalarLike(entry, changeText), entry.path, 'rate');
    byMonth = readBy(context, entry, byText, horizon);
  } else if (isScalar(entry.value)) {
    change = readValue(context, entry.value, entry.path, 'rate');
  } else {
    const fields = context.entriesOf(entry.value, entry.path, 'A drift');
    if (fields === undefined) return undefined;
    context.rejectUnknownKeys(fields, DRIFT_KEYS, 'a drift');
    context.requireKey(fields, 'change', entry.value, entry.path);
    const changeEntry = entryOf(fields, 'change');
    change = changeEntry && readValue(context, changeEntry.value, changeEntry.path, 'rate');
    const byEntry = entryOf(fields, 'by');
    byMonth = byEntry === undefined ? lastMonth : readMonthIndex(context, byEntry, horizon);
    shape = readChoice(context, entryOf(fields, 'shape'), ['linear', 'compound'] as const);
  }
  if (
    target === undefined ||
    change === undefined ||
    byMonth === undefined ||
    shape === undefined
  ) {
    return undefined;
  }
  return { path: entry.path, ...target, change, byMonth, shape };
}

function readTarget(
  context: ValidationContext,
  entry: MapEntry,
  stepNames: readonly string[] | undefined,
) {
  const dot = entry.key.lastIndexOf('.');
  const stepName = entry.key.slice(0, dot);
  const field = entry.key.slice(dot + 1);
  const stepIndex = stepNames?.indexOf(stepName) ?? 0;
  if (dot < 0 || stepIndex < 0) {
    const near = closestNames(stepName, stepNames ?? [], 1);
    const hint =
      near.length > 0
        ? `did you mean \`${near[0]}.${field}\`?`
        : 'write `<step>.<field>`, e.g. `review-loop.calls`';
    context.error(
      entry.keyNode,
      entry.path,
      'unknown-step',
      `No step \`${stepName}\` in this workload.`,
      hint,
    );
    return undefined;
  }
  if (!(DRIFT_FIELDS as readonly string[]).includes(field)) {
    const near = closestNames(field, DRIFT_FIELDS, 1);
    const hint =
      near.length > 0
        ? `did you mean \`${near[0]}\`?`
        : `fields that drift: ${DRIFT_FIELDS.join(', ')}`;
    context.error(entry.keyNode, entry.path, 'unknown-key', `\`${field}\` cannot drift.`, hint);
    return undefined;
  }
  return { stepIndex, field: field as DriftField };
}

function readBy(context: ValidationContext, entry: MapEntry, text: string, horizon: Horizon) {
  if (parseMonth(text) === undefined) {
    context.error(
      entry.value,
      entry.path,
      'bad-month',
      `\`${text}\` after \`by\` is not a month.`,
      'write e.g. `+40% by 2027-12`',
    );
    return undefined;
  }
  return readMonthIndex(context, { ...entry, value: scalarLike(entry, text) }, horizon);
}

/** A scalar node with the given text at the entry's place, to read part of a value. */
function scalarLike(entry: MapEntry, text: string): Node | null {
  if (!isScalar(entry.value)) return entry.value;
  const copy = entry.value.clone() as Scalar;
  copy.value = text.trim();
  copy.source = text.trim();
  return copy;
}
