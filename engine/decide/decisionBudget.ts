import type { SimulationPlan } from '../simulationPlan.js';
import { BLOCK_TRIALS } from '../simulate.js';

/**
 * Work each decision analysis may spend, in step-months simulated (one step
 * of one workload in one month of one trial): one to four seconds on the
 * development machine, which simulates 10 to 40 million a second. A small
 * scenario runs its analyses on every trial; a large one on fewer, and the
 * Summary says how many.
 */
export const DECISION_WORK = 40_000_000;

/** Step-months of one trial of a plan. */
export function stepMonthsOf(plan: SimulationPlan): number {
  const steps = plan.workloads.reduce((sum, workload) => sum + workload.steps.length, 0);
  return Math.max(1, steps * plan.months);
}

/**
 * Trials for `runs` simulations of a plan within DECISION_WORK: all of the
 * forecast's when they fit, else whole blocks (the forecast's first trials),
 * and never fewer than `floor`.
 */
export function affordableTrials(
  runs: number,
  stepMonths: number,
  trials: number,
  floor: number,
): number {
  if (runs === 0) return trials;
  const affordable = Math.floor(DECISION_WORK / (runs * stepMonths));
  if (affordable >= trials) return trials;
  const blocks = affordable - (affordable % BLOCK_TRIALS);
  return Math.min(trials, Math.max(floor, blocks));
}
