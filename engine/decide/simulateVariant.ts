import { taskNoiseOf } from '../forecast.js';
import { lowerMigrations } from '../lowerMigrations.js';
import { planSimulation } from '../planSimulation.js';
import type { Scenario } from '../scenarioTypes.js';
import { simulate, type TaskNoise } from '../simulate.js';
import { simulateTasks } from '../simulateTasks.js';
import type { SimulationPlan } from '../simulationPlan.js';
import type { SimulationResult } from '../simulationResult.js';
import { checkSpendRange } from '../spendOutOfRangeError.js';
import { lowerPlannedChanges } from './lowerPlannedChanges.js';

/** The run shared by every variant of one analysis: the same seed and trials. */
export interface VariantRun {
  readonly seed: number;
  readonly trials: number;
  /** The noise of months with few tasks; by default the variant's own single tasks size it. */
  readonly taskNoise?: readonly TaskNoise[];
}

/**
 * Simulates a variant of a scenario (an option, a driver switched off, an input
 * pinned). Every uncertain input draws from a stream keyed by the seed, the
 * block of trials and the input's key path, so trial t of two variants shares
 * every draw the variants have in common: their difference is paired, trial
 * by trial (common random numbers), with no second mechanism.
 */
export function simulateVariant(scenario: Scenario, run: VariantRun): SimulationResult {
  return simulatePlan(planSimulation(lowerMigrations(lowerPlannedChanges(scenario))), run);
}

/** simulateVariant for a plan already lowered (an input pinned in the plan itself). */
export function simulatePlan(plan: SimulationPlan, run: VariantRun): SimulationResult {
  const taskNoise = run.taskNoise ?? taskNoiseOf(simulateTasks(plan, run.seed));
  const result = simulate(plan, { seed: run.seed, trials: run.trials, taskNoise });
  // A variant's spend may leave the stored range where the forecast's did not (an
  // option that raises growth): refused, as the forecast is, never summarised.
  checkSpendRange(plan.workloads, result);
  return result;
}
