import { addDecisions } from './decide/addDecisions.js';
import { lowerPlannedChanges } from './decide/lowerPlannedChanges.js';
import { loadScenarioDocument } from './loadScenarioDocument.js';
import { lowerMigrations } from './lowerMigrations.js';
import { planSimulation } from './planSimulation.js';
import { BUILTIN_CATALOG, type PriceCatalog } from './priceCatalog.js';
import { hasErrors, type ScenarioIssue } from './scenarioIssue.js';
import type { Scenario } from './scenarioTypes.js';
import { simulate, type TaskNoise } from './simulate.js';
import { simulateTasks } from './simulateTasks.js';
import type { SimulationPlan } from './simulationPlan.js';
import type { SimulationResult } from './simulationResult.js';
import { summarize } from './summarize.js';
import type { Summary, TaskCostSummary, WorkloadTaskCosts } from './summaryTypes.js';
import { checkSpendRange, SpendOutOfRangeError } from './spendOutOfRangeError.js';
import { validateScenario } from './validate/validateScenario.js';

export interface ForecastOptions {
  /** Overrides the scenario's `trials`. */
  readonly trials?: number | undefined;
  /** Overrides the scenario's `seed`. */
  readonly seed?: number | undefined;
  readonly catalog?: PriceCatalog;
  /** Called as blocks of trials finish with the trials done so far and the total. */
  readonly onProgress?: (trialsDone: number, trials: number) => void;
  /** Whether to add the decision analyses (addDecisions); on unless false. */
  readonly decisions?: boolean;
  /**
   * Keep per-workload monthly spend trial by trial (true) or sketch it
   * (false); by default, kept when it fits in memory (keepsWorkloadSeries).
   */
  readonly exactWorkloadSeries?: boolean | undefined;
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
  try {
    return { ok: true, summary: forecastScenario(scenario, options, issues), issues };
  } catch (error) {
    if (!(error instanceof SpendOutOfRangeError)) throw error;
    return { ok: false, issues: [...issues, error.toIssue(source)] };
  }
}

/** Simulates and summarises a validated scenario. */
export function forecastScenario(
  scenario: Scenario,
  options: ForecastOptions = {},
  issues: readonly ScenarioIssue[] = [],
): Summary {
  const settled = settleScenario(scenario, options);
  const plan = planSimulation(settled);
  const taskCosts = simulateTasks(plan, settled.seed);
  const taskNoise = taskNoiseOf(taskCosts);
  const onBlockDone = progressCounter(settled.trials, options.onProgress);
  const result = simulate(plan, {
    seed: settled.seed,
    trials: settled.trials,
    taskNoise,
    onBlockDone,
    exactWorkloadSeries: options.exactWorkloadSeries,
  });
  const summary = summarizeForecast(settled, plan, result, issues, taskCosts);
  if (options.decisions === false) return summary;
  return addDecisions(summary, {
    scenario: runScenario(scenario, settled),
    plan,
    result,
    taskNoise,
  });
}

/** The scenario as validated (options, planned changes unmerged) with the run's seed and trials. */
export function runScenario(scenario: Scenario, settled: Scenario): Scenario {
  return { ...scenario, seed: settled.seed, trials: settled.trials };
}

/** Turns blocks done into trials done so far, for a progress callback; none without one. */
export function progressCounter(
  trials: number,
  onProgress: ForecastOptions['onProgress'],
): ((blockTrials: number) => void) | undefined {
  if (onProgress === undefined) return undefined;
  let done = 0;
  return (blockTrials) => {
    done += blockTrials;
    onProgress(done, trials);
  };
}

/** The spread of single tasks that sizes the noise of months with few tasks. */
export function taskNoiseOf(taskCosts: readonly WorkloadTaskCosts[]): TaskNoise[] {
  const variation = (month: TaskCostSummary): number =>
    month.mean > 0 ? month.sd / month.mean : 0;
  return taskCosts.map((costs) => ({
    first: variation(costs.first),
    last: variation(costs.last),
  }));
}

/**
 * The scenario with the run's overrides of trials and seed applied, and its
 * planned changes and model migrations lowered to steps the simulation runs.
 */
export function settleScenario(scenario: Scenario, options: ForecastOptions): Scenario {
  return lowerMigrations(
    lowerPlannedChanges({
      ...scenario,
      trials: options.trials ?? scenario.trials,
      seed: options.seed ?? scenario.seed,
    }),
  );
}

/**
 * The last stage once trials are simulated, however they were scheduled:
 * checks that spend stayed in range, then summarises with the warnings.
 */
export function summarizeForecast(
  settled: Scenario,
  plan: SimulationPlan,
  result: SimulationResult,
  issues: readonly ScenarioIssue[],
  taskCosts: readonly WorkloadTaskCosts[],
): Summary {
  checkSpendRange(plan.workloads, result);
  const warnings = issues
    .filter((issue) => issue.severity === 'warning')
    .map((issue) => `${issue.path}: ${issue.message}`);
  return summarize(settled, plan, result, warnings, taskCosts);
}
