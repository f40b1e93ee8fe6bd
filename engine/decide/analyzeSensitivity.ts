import { createRandomStream } from '../createRandomStream.js';
import { BLOCK_TRIALS, type TaskNoise } from '../simulate.js';
import type { PlannedInput, SimulationPlan } from '../simulationPlan.js';
import type { SimulationResult } from '../simulationResult.js';
import type { SensitivitySummary, TornadoInput } from '../summaryTypes.js';
import { quantileOf } from './quantileOf.js';
import { simulatePlan } from './simulateVariant.js';

/** Trials of each pinned run: two runs per input, so a modest count keeps the tornado quick. */
export const SENSITIVITY_TRIALS = 4000;

/** Bins of trials per input for its share of the variance. */
const VARIANCE_BINS = 20;

/**
 * The tornado and the variance shares. Each uncertain input (inputs that share
 * a key path move together) is pinned at its own P10 and then its P90, every
 * other input drawn as in the forecast (common draws), and the annual
 * per-task P50 of the forecast's first trials is read off. Its first-order
 * share of the variance, Var(E[Y | X]) / Var(Y), is estimated on all trials of
 * the forecast: the input's draws are regenerated from its stream, the trials
 * sorted on them into equal bins, E[Y | X] fitted by a line within each bin
 * (a bin's mean alone misses the slope inside a wide tail bin), and the
 * fitted variance taken over the total, less the part the fit's own
 * parameters explain by chance. Shares need not sum to 1: inputs also act together.
 * Cost: two simulations of up to SENSITIVITY_TRIALS trials per input.
 */
export function analyzeSensitivity(
  plan: SimulationPlan,
  forecast: SimulationResult,
  seed: number,
  taskNoise: readonly TaskNoise[],
): SensitivitySummary | undefined {
  const groups = groupInputs(plan.inputs);
  if (groups.length === 0) return undefined;
  const trials = Math.min(forecast.trials, SENSITIVITY_TRIALS);
  const run = { seed, trials, taskNoise };
  const inputs = groups.map(([path, members]): TornadoInput => {
    const lowValue = pinnedValue(members[0]!, 0.1);
    const highValue = pinnedValue(members[0]!, 0.9);
    const p50AtLow = quantileOf(simulatePlan(pinInputs(plan, path, 0.1), run).annualPerTask, 0.5);
    const p50AtHigh = quantileOf(simulatePlan(pinInputs(plan, path, 0.9), run).annualPerTask, 0.5);
    return {
      input: path,
      lowValue,
      highValue,
      p50AtLow,
      p50AtHigh,
      swing: Math.abs(p50AtHigh - p50AtLow),
      varianceShare: varianceShareOf(members[0]!, forecast.annualPerTask, seed),
    };
  });
  inputs.sort((a, b) => b.swing - a.swing || b.varianceShare - a.varianceShare);
  const baseP50 = quantileOf(forecast.annualPerTask.subarray(0, trials), 0.5);
  return { trials, baseP50, inputs };
}

function groupInputs(inputs: readonly PlannedInput[]): [string, PlannedInput[]][] {
  const groups = new Map<string, PlannedInput[]>();
  for (const input of inputs) groups.set(input.path, [...(groups.get(input.path) ?? []), input]);
  return [...groups];
}

/** The input's value at cumulative probability p: its quantile, or p for a bare uniform. */
function pinnedValue(input: PlannedInput, p: number): number {
  return input.dist === null ? p : input.dist.quantile(p);
}

/** The plan with every input of a key path fixed at its p-quantile (each month of it). */
export function pinInputs(plan: SimulationPlan, path: string, p: number): SimulationPlan {
  const fixedSlots = Float64Array.from(plan.fixedSlots);
  for (const input of plan.inputs) {
    if (input.path !== path) continue;
    fixedSlots.fill(pinnedValue(input, p), input.slot, input.slot + input.count);
  }
  return { ...plan, fixedSlots, inputs: plan.inputs.filter((input) => input.path !== path) };
}

/**
 * The uniform behind an input in every trial, as the simulation drew it: its
 * stream for each block, read in trial order (one uniform a trial, or one a
 * month for an input drawn every month, whose mean then stands for it).
 */
export function regenerateUniforms(input: PlannedInput, trials: number, seed: number) {
  const keys = new Float64Array(trials);
  for (let first = 0; first < trials; first += BLOCK_TRIALS) {
    const stream = createRandomStream(seed, 'block', first / BLOCK_TRIALS, input.path);
    const count = Math.min(BLOCK_TRIALS, trials - first);
    for (let trial = first; trial < first + count; trial += 1) {
      let sum = 0;
      for (let draw = 0; draw < input.count; draw += 1) sum += stream.next();
      keys[trial] = sum / input.count;
    }
  }
  return keys;
}

function varianceShareOf(input: PlannedInput, spend: Float64Array, seed: number): number {
  const n = spend.length;
  if (n < VARIANCE_BINS * 4) return 0;
  const uniforms = regenerateUniforms(input, n, seed);
  const keys = uniforms.map((u) => pinnedValue(input, u));
  const order = Array.from({ length: n }, (_, trial) => trial).sort((a, b) => keys[a]! - keys[b]!);
  let mean = 0;
  for (const value of spend) mean += value / n;
  let total = 0;
  let explained = 0;
  let residual = 0;
  for (let bin = 0; bin < VARIANCE_BINS; bin += 1) {
    const members = order.slice(
      Math.floor((bin * n) / VARIANCE_BINS),
      Math.floor(((bin + 1) * n) / VARIANCE_BINS),
    );
    const fit = fitLine(members, keys, spend);
    for (const trial of members) {
      const fitted = fit.intercept + fit.slope * keys[trial]!;
      total += (spend[trial]! - mean) ** 2;
      explained += (fitted - mean) ** 2;
      residual += (spend[trial]! - fitted) ** 2;
    }
  }
  if (!(total > 0)) return 0;
  // Two parameters a bin: about 2 * bins - 1 residual variances of the
  // explained sum are noise, not signal.
  const noise = ((2 * VARIANCE_BINS - 1) * residual) / (n - 2 * VARIANCE_BINS);
  return Math.min(1, Math.max(0, (explained - noise) / total));
}

/** Least-squares line of spend on the input's value over some trials. */
function fitLine(trials: readonly number[], keys: Float64Array, spend: Float64Array) {
  let meanKey = 0;
  let meanSpend = 0;
  for (const trial of trials) {
    meanKey += keys[trial]! / trials.length;
    meanSpend += spend[trial]! / trials.length;
  }
  let covariance = 0;
  let variance = 0;
  for (const trial of trials) {
    const dk = keys[trial]! - meanKey;
    covariance += dk * (spend[trial]! - meanSpend);
    variance += dk * dk;
  }
  const slope = variance > 0 ? covariance / variance : 0;
  return { slope, intercept: meanSpend - slope * meanKey };
}
