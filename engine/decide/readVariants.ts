import { isMap, type Node } from 'yaml';
import { closestNames } from '../closestNames.js';
import type { ScenarioDocument } from '../loadScenarioDocument.js';
import type { PriceCatalog } from '../priceCatalog.js';
import { hasErrors } from '../scenarioIssue.js';
import type { PlannedChange, Scenario, ScenarioOption } from '../scenarioTypes.js';
import { readOptions, readPlannedChanges, type OptionText } from '../validate/readOptions.js';
import { validateScenario } from '../validate/validateScenario.js';
import { entryOf, type ValidationContext } from '../validate/validationContext.js';
import { overrideDocument } from './overrideDocument.js';
import { rolloutShares } from './lowerPlannedChanges.js';

/** Keys under a workload that a planned change may switch: how a task runs, not how many. */
const SWITCHABLE_KEYS = ['steps', 'drift', 'elasticity'];

/**
 * Reads the sections that describe variants of a valid scenario: each option
 * is the scenario document with its keys overridden, validated on its own
 * (an error in an override points at the override), and each planned change
 * names a workload and an option. Returns the scenario with both attached, or
 * undefined after adding errors to the context.
 */
export function readVariants(
  context: ValidationContext,
  source: ScenarioDocument,
  scenario: Scenario,
  catalog: PriceCatalog,
): Scenario | undefined {
  const root = source.document.contents as Node | null;
  const entries = isMap(root) ? context.entriesOf(root, '', 'A scenario file') : [];
  if (entries === undefined) return undefined;
  const optionTexts = readOptions(context, entryOf(entries, 'options'));
  const horizon = { start: scenario.start, months: scenario.months, known: true };
  const changeTexts = readPlannedChanges(context, entryOf(entries, 'planned_changes'), horizon);
  if (optionTexts === undefined) return undefined;
  // Every option is checked, even when a planned change or another option is wrong.
  const options = optionTexts.map((text) => validateOption(context, source, text, catalog));
  if (changeTexts === undefined) return undefined;
  const valid = options.filter((option): option is ScenarioOption => option !== undefined);
  const changes: PlannedChange[] = [];
  for (const text of changeTexts) {
    const option = valid.find((candidate) => candidate.name === text.option);
    // An option with errors of its own has been reported already.
    const broken = optionTexts.some((candidate) => candidate.name === text.option);
    if (option === undefined && broken) continue;
    if (option === undefined) {
      const known = valid.map((candidate) => `\`${candidate.name}\``).join(', ') || 'none';
      const message = `No option \`${text.option}\` in this scenario's \`options\`.`;
      context.error(
        text.optionNode,
        `${text.path}.option`,
        'unknown-key',
        message,
        `options: ${known}`,
      );
      continue;
    }
    if (!scenario.workloads.some((workload) => workload.name === text.workload)) {
      const message = `No workload \`${text.workload}\` in this scenario.`;
      const names = scenario.workloads.map((workload) => workload.name);
      const near = closestNames(text.workload, names, 1);
      const hint =
        near.length > 0 ? `did you mean \`${near[0]}\`?` : `workloads: ${names.join(', ')}`;
      context.error(text.workloadNode, `${text.path}.workload`, 'unknown-key', message, hint);
      continue;
    }
    const outside = option.paths.find((path) => !switchesOnly(path, text.workload));
    if (outside !== undefined) {
      const message =
        `Option \`${option.name}\` sets \`${outside}\`; a planned change switches how a ` +
        `workload's tasks run, so its option may set only keys under ` +
        `\`workloads.${text.workload}\`: ${SWITCHABLE_KEYS.join(', ')}.`;
      context.error(text.optionNode, `${text.path}.option`, 'out-of-range', message);
      continue;
    }
    if (changes.some((change) => change.workload === text.workload)) {
      const message = `Workload \`${text.workload}\` already has a planned change.`;
      const hint = 'one planned change per workload: make one option that holds both';
      context.error(text.workloadNode, `${text.path}.workload`, 'out-of-range', message, hint);
      continue;
    }
    const shares = rolloutShares(scenario.months, text.fromMonth, text.rampMonths);
    changes.push({
      workload: text.workload,
      option: text.option,
      fromMonth: text.fromMonth,
      rampMonths: text.rampMonths,
      shares,
    });
  }
  if (hasErrors(context.issues)) return undefined;
  return {
    ...scenario,
    ...(valid.length > 0 ? { options: valid } : {}),
    ...(changes.length > 0 ? { plannedChanges: changes } : {}),
  };
}

function switchesOnly(path: string, workload: string): boolean {
  const prefix = `workloads.${workload}.`;
  return (
    path.startsWith(prefix) && SWITCHABLE_KEYS.includes(path.slice(prefix.length).split('.')[0]!)
  );
}

function validateOption(
  context: ValidationContext,
  source: ScenarioDocument,
  text: OptionText,
  catalog: PriceCatalog,
): ScenarioOption | undefined {
  const variant = overrideDocument(source, text.overrides);
  context.issues.push(...variant.issues.map((issue) => withOption(issue, text.name)));
  if (hasErrors(variant.issues)) return undefined;
  const { scenario, issues } = validateScenario(variant.source, catalog);
  // Warnings of the scenario as written were reported already; only errors are new.
  const errors = issues.filter((issue) => issue.severity === 'error');
  context.issues.push(...errors.map((issue) => withOption(issue, text.name)));
  if (scenario === undefined || errors.length > 0) return undefined;
  return {
    name: text.name,
    description: text.description,
    paths: text.overrides.map((override) => override.path),
    scenario,
  };
}

function withOption<T extends { message: string }>(issue: T, option: string): T {
  return { ...issue, message: `With option \`${option}\`: ${issue.message}` };
}
