import type { Scenario } from '../scenarioTypes.js';
import type { TaskNoise } from '../simulate.js';
import { BLOCK_TRIALS } from '../simulate.js';
import type { SimulationResult } from '../simulationResult.js';
import type { GapPart } from '../summaryTypes.js';
import { affordableTrials } from './decisionBudget.js';
import { listGapDrivers, type GapDriver } from './listGapDrivers.js';
import { quantileOf } from './quantileOf.js';
import { simulateVariant } from './simulateVariant.js';

export interface GapAttribution {
  readonly trials: number;
  readonly parts: GapPart[];
  /** Per driver, its Shapley part in each trial. */
  readonly perTrial: Float64Array[];
}

/**
 * Splits the gap between the forecasts (per-task minus per-token annual spend)
 * among the scenario's drivers by Shapley attribution. For every subset S of
 * the k drivers the scenario runs with the others held at the first month,
 * on the forecast's own draws; v(S) is its annual per-task spend per trial,
 * with v(all) the forecast's per-task spend and v(none) its per-token spend
 * (what holding every driver amounts to). Driver i's part in a trial is
 *
 *   sum over S without i of |S|! (k - |S| - 1)! / k! * (v(S + i) - v(S)),
 *
 * so the parts sum to v(all) - v(none), the trial's gap, up to rounding
 * (Shapley 1953; the weights are the share of orders in which i comes right
 * after S). Cost: 2^k - 2 simulations of the trials used (all, or as many as
 * DECISION_WORK allows), plus O(2^k k) a trial.
 */
export function attributeGap(
  scenario: Scenario,
  forecast: SimulationResult,
  taskNoise: readonly TaskNoise[],
  stepMonths: number,
): GapAttribution | undefined {
  const drivers = listGapDrivers(scenario);
  const k = drivers.length;
  if (k === 0) return undefined;
  const trials = attributionTrials(forecast.trials, k, stepMonths);
  const values = subsetValues(scenario, drivers, forecast, taskNoise, trials);
  const perTrial = shapleyParts(values, k, trials);
  const parts = drivers.map((driver, i) => summarizePart(driver, perTrial[i]!));
  return { trials, parts, perTrial };
}

/**
 * Trials the attribution runs on: all of them, or the forecast's first ones
 * when 2^k - 2 runs of all would exceed DECISION_WORK (at least one block).
 */
export function attributionTrials(trials: number, driverCount: number, stepMonths: number): number {
  return affordableTrials(2 ** driverCount - 2, stepMonths, trials, Math.min(trials, BLOCK_TRIALS));
}

/** v(S) per trial for every subset S (bit i set: driver i on). */
function subsetValues(
  scenario: Scenario,
  drivers: readonly GapDriver[],
  forecast: SimulationResult,
  taskNoise: readonly TaskNoise[],
  trials: number,
): Float64Array[] {
  const full = (1 << drivers.length) - 1;
  return Array.from({ length: full + 1 }, (_, mask) => {
    if (mask === 0) return forecast.annualPerToken.slice(0, trials);
    if (mask === full) return forecast.annualPerTask.slice(0, trials);
    const variant = drivers.reduce(
      (current, driver, i) => ((mask >> i) & 1 ? current : driver.switchOff(current)),
      scenario,
    );
    const run = { seed: scenario.seed, trials, taskNoise };
    return simulateVariant(variant, run).annualPerTask;
  });
}

/** Shapley parts per trial from the subset values, by the weighted marginal sum. */
export function shapleyParts(
  values: readonly Float64Array[],
  k: number,
  trials: number,
): Float64Array[] {
  const weights = Array.from({ length: k }, (_, size) => factorial(size) * factorial(k - size - 1));
  const total = factorial(k);
  const parts = Array.from({ length: k }, () => new Float64Array(trials));
  for (let i = 0; i < k; i += 1) {
    const bit = 1 << i;
    const part = parts[i]!;
    for (let mask = 0; mask < 1 << k; mask += 1) {
      if (mask & bit) continue;
      const weight = weights[popCount(mask)]! / total;
      const without = values[mask]!;
      const withDriver = values[mask | bit]!;
      for (let trial = 0; trial < trials; trial += 1)
        part[trial]! += weight * (withDriver[trial]! - without[trial]!);
    }
  }
  return parts;
}

function summarizePart(driver: GapDriver, perTrial: Float64Array): GapPart {
  let sum = 0;
  for (const value of perTrial) sum += value;
  return {
    driver: driver.driver,
    label: driver.label,
    mean: sum / perTrial.length,
    p10: quantileOf(perTrial, 0.1),
    p90: quantileOf(perTrial, 0.9),
  };
}

function factorial(n: number): number {
  let product = 1;
  for (let i = 2; i <= n; i += 1) product *= i;
  return product;
}

function popCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest > 0; rest >>= 1) count += rest & 1;
  return count;
}
