import type { Node } from 'yaml';
import type { KeyOverride } from '../decide/overrideDocument.js';
import { readInteger, readText } from './readPlainKeys.js';
import { readMonthIndex, type Horizon } from './readPrices.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';
import { NAME_CHARACTERS } from './nameCharacters.js';

export const OPTION_KEYS = ['description', 'set'] as const;
export const PLANNED_CHANGE_KEYS = ['workload', 'option', 'from', 'ramp'] as const;

const OPTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** An option as written: its name, description and the keys it overrides. */
export interface OptionText {
  readonly name: string;
  readonly description: string;
  readonly keyNode: Node | null;
  readonly overrides: readonly KeyOverride[];
}

/**
 * A planned change as written, its months resolved against the horizon; a key
 * that is missing or failed to read is undefined (and has been reported), so
 * the keys that did read are still checked.
 */
export interface PlannedChangeText {
  readonly path: string;
  readonly node: Node | null;
  readonly workload: string | undefined;
  readonly workloadNode: Node | null;
  readonly option: string | undefined;
  readonly optionNode: Node | null;
  readonly fromMonth: number | undefined;
  readonly rampMonths: number | undefined;
}

/**
 * Reads `options:`, a map from option name to `{ description, set }`, where
 * `set` maps dotted key paths of the scenario to the values the option gives
 * them. The values are checked later, when the option's scenario is validated.
 * Returns the options that read; the others have been reported.
 */
export function readOptions(context: ValidationContext, entry: MapEntry | undefined) {
  if (entry === undefined) return [];
  const entries = context.entriesOf(entry.value, entry.path, '`options`') ?? [];
  const options = entries.map((option) => readOption(context, option));
  return options.filter((option): option is OptionText => option !== undefined);
}

function readOption(context: ValidationContext, option: MapEntry): OptionText | undefined {
  if (!OPTION_NAME.test(option.key) || option.key === 'base') {
    const message = `\`${option.key}\` cannot name an option.`;
    const hint = `use ${NAME_CHARACTERS}; \`base\` names the scenario as written`;
    context.error(option.keyNode, option.path, 'out-of-range', message, hint);
    return undefined;
  }
  const fields = context.entriesOf(option.value, option.path, 'An option');
  if (fields === undefined) return undefined;
  context.rejectUnknownKeys(fields, OPTION_KEYS, 'an option');
  context.requireKey(fields, 'set', option.value, option.path);
  const description = readText(context, entryOf(fields, 'description')) ?? '';
  const setEntry = entryOf(fields, 'set');
  if (setEntry === undefined) return undefined;
  const keys = context.entriesOf(setEntry.value, setEntry.path, "An option's `set`");
  if (keys === undefined) return undefined;
  if (keys.length === 0) {
    const message = 'An option must set at least one key.';
    const hint = 'e.g. `workloads.review.steps.verify.model: claude-haiku-4-5`';
    context.error(setEntry.value, setEntry.path, 'missing-key', message, hint);
    return undefined;
  }
  const overrides = keys.map((key) => ({ path: key.key, keyNode: key.keyNode, value: key.value }));
  return { name: option.key, description, keyNode: option.keyNode, overrides };
}

/**
 * Reads `planned_changes:`, a list of `{ workload, option, from, ramp }`: the
 * workload runs the option's way from month `from`, its share of tasks rising
 * by 1 / ramp a month (at once when ramp is 0 or absent). Returns every item
 * that is a map, with the keys that read.
 */
export function readPlannedChanges(
  context: ValidationContext,
  entry: MapEntry | undefined,
  horizon: Horizon,
): PlannedChangeText[] {
  if (entry === undefined) return [];
  const items = context.itemsOf(entry.value, entry.path, '`planned_changes`') ?? [];
  const changes = items.map((item, index) =>
    readPlannedChange(context, item, `${entry.path}.${index}`, horizon),
  );
  return changes.filter((change): change is PlannedChangeText => change !== undefined);
}

function readPlannedChange(
  context: ValidationContext,
  node: Node | null,
  path: string,
  horizon: Horizon,
): PlannedChangeText | undefined {
  const fields = context.entriesOf(node, path, 'A planned change');
  if (fields === undefined) return undefined;
  context.rejectUnknownKeys(fields, PLANNED_CHANGE_KEYS, 'a planned change');
  for (const key of ['workload', 'option', 'from']) context.requireKey(fields, key, node, path);
  const workloadEntry = entryOf(fields, 'workload');
  const optionEntry = entryOf(fields, 'option');
  const fromEntry = entryOf(fields, 'from');
  const workload = readText(context, workloadEntry);
  const option = readText(context, optionEntry);
  const fromMonth = fromEntry && readMonthIndex(context, fromEntry, horizon);
  const rampMonths = readInteger(context, entryOf(fields, 'ramp'), 0, 0, 120);
  return {
    path,
    node,
    workload,
    workloadNode: workloadEntry?.value ?? null,
    option,
    optionNode: optionEntry?.value ?? null,
    fromMonth,
    rampMonths,
  };
}
