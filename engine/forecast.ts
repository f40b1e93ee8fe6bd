import { loadScenarioDocument } from './loadScenarioDocument.js';
import { planSimulation } from './planSimulation.js';
import { BUILTIN_CATALOG, type PriceCatalog } from './priceCatalog.js';
import { hasErrors, type ScenarioIssue } from './scenarioIssue.js';
import type { Scenario } from './scenarioTypes.js';
import { simulate } from './simulate.js';
import { summarize } from './summarize.js';
import type { Summary } from './summaryTypes.js';
import { validateScenario } from './validate/validateScenario.js';

export interface ForecastOptions {
  /** Overrides the scenario's `trials`. */
  readonly trials?: number | undefined;
  /** Overrides the scenario's `seed`. */
  readonly seed?: number | undefined;
  readonly catalog?: PriceCatalog;
}

export type ForecastOutcome =
  | { readonly ok: true; readonly summary: Summary; readonly issues: readonly ScenarioIssue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * The whole road from scenario text to a Summary:
 *
 *   load -> validate -> plan -> simulate -> summarize
 *
 * Pure and deterministic: the same text, seed and trials give the same Summary.
 * Reports are assembled from the Summary by `reports/`.
 */
export function forecastScenarioText(text: string, options: ForecastOptions = {}): ForecastOutcome {
  const source = loadScenarioDocument(text);
  const { scenario, issues } = validateScenario(source, options.catalog ?? BUILTIN_CATALOG);
  if (scenario === undefined || hasErrors(issues)) return { ok: false, issues };
  return { ok: true, summary: forecastScenario(scenario, options, issues), issues };
}

/** Simulates and summarises a validated scenario. */
export function forecastScenario(
  scenario: Scenario,
  options: ForecastOptions = {},
  issues: readonly ScenarioIssue[] = [],
): Summary {
  const settled: Scenario = {
    ...scenario,
    trials: options.trials ?? scenario.trials,
    seed: options.seed ?? scenario.seed,
  };
  const plan = planSimulation(settled);
  const result = simulate(plan, { seed: settled.seed, trials: settled.trials });
  const warnings = issues
    .filter((issue) => issue.severity === 'warning')
    .map((issue) => `${issue.path}: ${issue.message}`);
  return summarize(settled, plan, result, warnings);
}
