import { monthLabel } from '../monthIndex.js';
import type { Scenario } from '../scenarioTypes.js';
import type { TaskNoise } from '../simulate.js';
import type { SimulationPlan } from '../simulationPlan.js';
import type { SimulationResult } from '../simulationResult.js';
import type { Summary } from '../summaryTypes.js';
import { analyzeBudget } from './analyzeBudget.js';
import { analyzeSensitivity } from './analyzeSensitivity.js';
import { attributeGap } from './attributeGap.js';
import { compareOptions } from './compareOptions.js';
import { stepMonthsOf } from './decisionBudget.js';

/** What the decision analyses read: the forecast's own scenario, plan and trials. */
export interface DecisionInput {
  /** The scenario with the run's seed and trials, planned changes not yet merged. */
  readonly scenario: Scenario;
  readonly plan: SimulationPlan;
  readonly result: SimulationResult;
  readonly taskNoise: readonly TaskNoise[];
}

/**
 * The stage after summarize: adds to a forecast's Summary what a decision
 * needs, all on the forecast's draws: the budget plan, the gap split among
 * its drivers, the tornado, and the options side by side. Each field is
 * optional in the Summary, so a reader of the forecast alone is unaffected.
 * Cost: dominated by the attribution's 2^drivers simulations.
 */
export function addDecisions(summary: Summary, input: DecisionInput): Summary {
  const { scenario, plan, result, taskNoise } = input;
  const run = { seed: scenario.seed, trials: result.trials };
  const budget =
    summary.budget === null
      ? null
      : { ...summary.budget, plan: analyzeBudget(result, summary.budget.amount, plan.monthLabels) };
  const attribution = attributeGap(scenario, result, taskNoise, stepMonthsOf(plan));
  const sensitivity = analyzeSensitivity(plan, result, scenario.seed, taskNoise);
  const options = scenario.options ?? [];
  const comparison =
    options.length === 0
      ? undefined
      : compareOptions(
          [
            { name: 'base', description: 'The scenario as written', scenario, result },
            ...options.map((option) => ({ ...option, scenario: option.scenario })),
          ],
          run,
        );
  const planned = (scenario.plannedChanges ?? []).map((change) => ({
    workload: change.workload,
    option: change.option,
    from: monthLabel(scenario.start, change.fromMonth),
    rampMonths: change.rampMonths,
  }));
  return {
    ...summary,
    budget,
    ...(attribution
      ? { gapAttribution: attribution.parts, gapAttributionTrials: attribution.trials }
      : {}),
    ...(sensitivity ? { sensitivity } : {}),
    ...(comparison ? { options: comparison } : {}),
    ...(planned.length > 0 ? { plannedChanges: planned } : {}),
  };
}
