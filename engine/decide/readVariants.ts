import { isMap, type Node } from 'yaml';
import { closestNames } from '../closestNames.js';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import type { PriceCatalog } from '../priceCatalog.js';
import { hasErrors, type ScenarioIssue } from '../scenarioIssue.js';
import type { PlannedChange, Scenario, ScenarioOption } from '../scenarioTypes.js';
import {
  readOptions,
  readPlannedChanges,
  type OptionText,
  type PlannedChangeText,
} from '../validate/readOptions.js';
import type { Horizon } from '../validate/readPrices.js';
import { validateScenario } from '../validate/validateScenario.js';
import { entryOf, keysOf, type ValidationContext } from '../validate/validationContext.js';
import { overrideDocument, VARIANT_SECTIONS, type KeyOverride } from './overrideDocument.js';
import { rolloutShares } from './lowerPlannedChanges.js';

/** Keys under a workload that a planned change may switch: how a task runs, not how many. */
const SWITCHABLE_KEYS = ['steps', 'drift', 'elasticity'];

/** The scenario as written, undefined when it has errors, and its horizon. */
export interface VariedBase {
  readonly scenario: Scenario | undefined;
  readonly horizon: Horizon;
}

/**
 * Reads the sections that describe variants of a scenario: each option is the
 * scenario document with its keys overridden, validated on its own (an error
 * in an override points at the override), and each planned change names a
 * workload and an option. They are read even when the scenario has errors:
 * names are checked against the names written, and an option's scenario
 * reports only errors the scenario as written does not have, so a mistake in
 * the base is not repeated once per option. Returns the scenario with both
 * attached, or undefined when anything failed.
 */
export function readVariants(
  context: ValidationContext,
  source: ScenarioDocument,
  base: VariedBase,
  catalog: PriceCatalog,
): Scenario | undefined {
  const root = source.document.contents as Node | null;
  const entries = (isMap(root) && context.entriesOf(root, '', 'A scenario file')) || [];
  const baseErrors = new Set(context.issues.filter(isError).map(placeOf));
  const optionsEntry = entryOf(entries, 'options');
  const optionTexts = readOptions(context, optionsEntry);
  const changesEntry = entryOf(entries, 'planned_changes');
  const changeTexts = readPlannedChanges(context, changesEntry, base.horizon);
  const options = optionTexts.map((text) =>
    validateOption(context, source, text, catalog, baseErrors),
  );
  const written = {
    options: keysOf(optionsEntry?.value ?? null) ?? [],
    workloads: keysOf(entryOf(entries, 'workloads')?.value ?? null),
  };
  const changes = readChanges(context, changeTexts, optionTexts, written, base.horizon.months);
  if (base.scenario === undefined || hasErrors(context.issues)) return undefined;
  const valid = options.filter((option): option is ScenarioOption => option !== undefined);
  const planned = valid.map((option) => withPlannedChanges(option, changes, valid));
  return {
    ...base.scenario,
    ...(planned.length > 0 ? { options: planned } : {}),
    ...(changes.length > 0 ? { plannedChanges: changes } : {}),
  };
}

/**
 * The option with the scenario's planned changes, which it is compared under:
 * an option differs from the scenario only in the keys it sets, and the
 * planned changes are part of the scenario. A planned change is dropped for a
 * workload whose steps, drift or elasticity the option itself sets: the option
 * then says how that workload's tasks run for the whole horizon, and the
 * planned change's option, written against the scenario as written, has no
 * defined meaning on top of it (both may set the same key).
 */
function withPlannedChanges(
  option: ScenarioOption,
  changes: readonly PlannedChange[],
  options: readonly ScenarioOption[],
): ScenarioOption {
  const kept = changes.filter(
    (change) => !option.paths.some((path) => switchesHow(path, change.workload)),
  );
  if (kept.length === 0) return option;
  // Options as read, without planned changes of their own: lowering looks up only
  // the switched workload and the prices of the option a change names.
  const named = options.filter((candidate) => kept.some((c) => c.option === candidate.name));
  return { ...option, scenario: { ...option.scenario, options: named, plannedChanges: kept } };
}

/** Whether an option's key sets how the workload's tasks run, or the workload whole. */
function switchesHow(path: string, workload: string): boolean {
  return path === 'workloads' || path === `workloads.${workload}` || switchesOnly(path, workload);
}

/** The names written in the scenario, to check planned changes against. */
interface WrittenNames {
  readonly options: readonly string[];
  /** Undefined when `workloads` is not a map: a workload name cannot be checked then. */
  readonly workloads: readonly string[] | undefined;
}

/** Checks each planned change; the ones that hold every key and pass every check. */
function readChanges(
  context: ValidationContext,
  texts: readonly PlannedChangeText[],
  optionTexts: readonly OptionText[],
  written: WrittenNames,
  months: number,
): PlannedChange[] {
  const changes: PlannedChange[] = [];
  const switched = new Set<string>();
  for (const text of texts) {
    const optionOk = text.option !== undefined && checkOptionName(context, text, written.options);
    const workloadOk =
      text.workload !== undefined && checkWorkloadName(context, text, written.workloads);
    // An option whose own keys failed has been reported; only its name is checked then.
    const option = optionTexts.find((candidate) => candidate.name === text.option);
    if (!optionOk || !workloadOk || option === undefined) continue;
    const workload = text.workload!;
    const outside = option.overrides.find((override) => !switchesOnly(override.path, workload));
    if (outside !== undefined) {
      const message =
        `Option \`${option.name}\` sets \`${outside.path}\`; a planned change switches how a ` +
        `workload's tasks run, so its option may set only keys under ` +
        `\`workloads.${workload}\`: ${SWITCHABLE_KEYS.join(', ')}.`;
      const hint = 'name an option that sets only those keys, or compare this one as an option';
      context.error(text.optionNode, `${text.path}.option`, 'out-of-range', message, hint);
      continue;
    }
    if (switched.has(workload)) {
      const message = `Workload \`${workload}\` already has a planned change.`;
      const hint = 'one planned change per workload: make one option that holds both';
      context.error(text.workloadNode, `${text.path}.workload`, 'out-of-range', message, hint);
      continue;
    }
    switched.add(workload);
    if (text.fromMonth === undefined || text.rampMonths === undefined) continue;
    const shares = rolloutShares(months, text.fromMonth, text.rampMonths);
    const { fromMonth, rampMonths } = text;
    changes.push({ workload, option: option.name, fromMonth, rampMonths, shares });
  }
  return changes;
}

function checkOptionName(
  context: ValidationContext,
  text: PlannedChangeText,
  options: readonly string[],
): boolean {
  if (options.includes(text.option!)) return true;
  const known = options.map((name) => `\`${name}\``).join(', ') || 'none';
  const message = `No option \`${text.option}\` in this scenario's \`options\`.`;
  context.error(
    text.optionNode,
    `${text.path}.option`,
    'unknown-key',
    message,
    `options: ${known}`,
  );
  return false;
}

function checkWorkloadName(
  context: ValidationContext,
  text: PlannedChangeText,
  workloads: readonly string[] | undefined,
): boolean {
  if (workloads === undefined) return false;
  if (workloads.includes(text.workload!)) return true;
  const message = `No workload \`${text.workload}\` in this scenario.`;
  const near = closestNames(text.workload!, workloads, 1);
  const hint =
    near.length > 0 ? `did you mean \`${near[0]}\`?` : `workloads: ${workloads.join(', ')}`;
  context.error(text.workloadNode, `${text.path}.workload`, 'unknown-key', message, hint);
  return false;
}

/** The keys of a map node as written, or undefined when it is not a map. */
function switchesOnly(path: string, workload: string): boolean {
  const prefix = `workloads.${workload}.`;
  return (
    path.startsWith(prefix) && SWITCHABLE_KEYS.includes(path.slice(prefix.length).split('.')[0]!)
  );
}

/**
 * Top-level keys an option may not set. Options are compared with the scenario
 * trial by trial, on the same months and the same draws: a horizon, seed or
 * trial count of their own would break the pairing (and `run` and `compare`
 * read these from the scenario alone, so the option's value would be ignored);
 * the budget, the currency and the per-token forecast's volume do not change
 * an option's spend per task; and an option has no options or planned changes.
 */
export const FIXED_FOR_OPTIONS = [
  'scenario',
  'start',
  'months',
  'trials',
  'seed',
  'currency',
  'budget',
  'per_token_volume',
  'extends',
  'include',
  ...VARIANT_SECTIONS,
] as const;

/** Reports every key the option sets that is fixed for options; true when there is none. */
function checkOptionKeys(context: ValidationContext, text: OptionText): boolean {
  const fixed = text.overrides.filter((override) =>
    (FIXED_FOR_OPTIONS as readonly string[]).includes(override.path.split('.')[0]!),
  );
  for (const override of fixed) {
    const key = override.path.split('.')[0]!;
    const message =
      `Option \`${text.name}\` sets \`${override.path}\`; options compare ways of running ` +
      `the same horizon on the same draws, so an option cannot set \`${key}\`.`;
    const hint = `set \`${key}\` in the scenario itself, or compare two scenario files`;
    const path = `options.${text.name}.set.${override.path}`;
    context.error(override.keyNode, path, 'not-supported', message, hint);
  }
  return fixed.length === 0;
}

/**
 * The option's scenario, validated. An error it shares, at the same place,
 * with the scenario as written is the base's and was reported once already;
 * warnings of the scenario as written were reported already too.
 */
function validateOption(
  context: ValidationContext,
  source: ScenarioDocument,
  text: OptionText,
  catalog: PriceCatalog,
  baseErrors: ReadonlySet<string>,
): ScenarioOption | undefined {
  if (!checkOptionKeys(context, text)) return undefined;
  const variant = overrideDocument(source, text.overrides);
  context.issues.push(...variant.issues.map((issue) => withOption(issue, text.name)));
  const { scenario, issues } = validateScenario(variant.source, catalog, context.readFile);
  const errors = issues.filter(isError);
  const own = errors.filter((issue) => !baseErrors.has(placeOf(issue)));
  // With a key the option sets missing from the document, its scenario lacks that
  // override: only the values it did set are judged, each as it reads on its own.
  const missing = new Set(variant.issues.map((issue) => issue.path));
  const applied = text.overrides.filter((override) => !missing.has(override.path));
  const judged = missing.size === 0 ? own : own.filter((issue) => readsAlone(issue, applied));
  context.issues.push(...judged.map((issue) => withOption(issue, text.name)));
  if (scenario === undefined || errors.length > 0 || missing.size > 0) return undefined;
  return {
    name: text.name,
    description: text.description,
    paths: text.overrides.map((override) => override.path),
    scenario,
  };
}

/**
 * Whether an error lies in a value the option set and does not refer to
 * another part of the scenario (a step a drift names), which the missing
 * override might have added.
 */
function readsAlone(issue: ScenarioIssue, applied: readonly KeyOverride[]): boolean {
  if (issue.code === 'unknown-step') return false;
  return applied.some(
    (override) => issue.path === override.path || issue.path.startsWith(`${override.path}.`),
  );
}

function withOption<T extends { message: string }>(issue: T, option: string): T {
  return { ...issue, message: `With option \`${option}\`: ${issue.message}` };
}

function isError(issue: ScenarioIssue): boolean {
  return issue.severity === 'error';
}

/** What makes two errors the same: their code, key and place. */
function placeOf(issue: ScenarioIssue): string {
  return [issue.code, issue.path, issue.file ?? '', issue.line, issue.column].join('|');
}
