import { restrictCorrelation } from '../correlation/restrictCorrelation.js';
import { createRandomStream } from '../createRandomStream.js';
import { canVary, eventOf } from '../canVary.js';
import { BLOCK_TRIALS, type TaskNoise } from '../simulate.js';
import type { PlannedInput, SimulationPlan } from '../simulationPlan.js';
import type { SimulationResult } from '../simulationResult.js';
import type { SensitivitySummary, TornadoInput } from '../summaryTypes.js';
import { affordableTrials, stepMonthsOf } from './decisionBudget.js';
import { quantileOf } from './quantileOf.js';
import { simulatePlan } from './simulateVariant.js';

/** Trials of each pinned run at most: two runs per input, so a modest count keeps it quick. */
export const SENSITIVITY_TRIALS = 4000;

/** Inputs pinned for the tornado at most: those with the largest shares of the variance. */
export const PINNED_INPUTS = 12;

/** Trials the variance shares are estimated on at most (the forecast's first ones). */
export const VARIANCE_TRIALS = 20_000;

/** Bins of trials per input for its share of the variance. */
const VARIANCE_BINS = 20;

/**
 * Fewest forecast trials the shares are estimated from: four a bin. Below it a
 * share would read 0% and a P50 pinned on a handful of trials is noise, so the
 * analysis says it needs more trials instead of ranking anything.
 */
export const SENSITIVITY_MINIMUM_TRIALS = VARIANCE_BINS * 4;

/**
 * The tornado and the variance shares. Each uncertain input (inputs that
 * share a key path move together) gets its first-order share of the variance
 * of annual spend, Var(E[Y | X]) / Var(Y), from the forecast's own trials:
 * its draws are regenerated from its stream, the trials binned on them, and
 * E[Y | X] fitted by a line within each bin (a bin's mean alone misses the
 * slope inside a wide tail bin), less the part the fit's parameters explain
 * by chance. Inputs that cannot vary (one point, an event of probability 0
 * or 1) are left out. The inputs with the largest shares (up to PINNED_INPUTS)
 * are then pinned at their own P10 and P90 (an event: does not happen,
 * happens), every other input drawn as in the forecast (common draws), and the
 * annual per-task P50 of the forecast's first trials is read off. Below
 * SENSITIVITY_MINIMUM_TRIALS nothing is ranked and the summary says how many
 * trials it needs. Cost: O(inputs * VARIANCE_TRIALS) for the shares and two
 * simulations per pinned input, within DECISION_WORK.
 */
export function analyzeSensitivity(
  plan: SimulationPlan,
  forecast: SimulationResult,
  seed: number,
  taskNoise: readonly TaskNoise[],
): SensitivitySummary | undefined {
  const groups = groupInputs(plan.inputs.filter((input) => canVary(plan, input)));
  const spend = forecast.annualPerTask.subarray(0, Math.min(forecast.trials, VARIANCE_TRIALS));
  const unranked = { trials: 0, baseP50: quantileOf(spend, 0.5), inputs: [] } as const;
  if (groups.length > 0 && spend.length < SENSITIVITY_MINIMUM_TRIALS) {
    return { ...unranked, varianceTrials: spend.length, neededTrials: SENSITIVITY_MINIMUM_TRIALS };
  }
  // Inputs that cannot vary, or annual spend that does not: nothing to pin, no shares.
  if (groups.length === 0 || !varies(spend)) return { ...unranked, varianceTrials: spend.length };
  const shares = groups.map(([path, members]) => ({
    path,
    input: members[0]!,
    share: varianceShareOf(plan, members[0]!, spend, seed),
  }));
  shares.sort((a, b) => b.share - a.share);
  const pinned = shares.slice(0, PINNED_INPUTS);
  const limit = Math.min(forecast.trials, SENSITIVITY_TRIALS);
  const trials = affordableTrials(
    2 * pinned.length,
    stepMonthsOf(plan),
    limit,
    Math.min(limit, 200),
  );
  const run = { seed, trials, taskNoise };
  const p50With = (path: string, input: PlannedInput, p: number) =>
    quantileOf(
      simulatePlan(pinInputs(plan, path, pinLevelOf(plan, input, p)), run).annualPerTask,
      0.5,
    );
  const inputs = pinned.map(({ path, input, share }): TornadoInput => {
    const p50AtLow = p50With(path, input, 0.1);
    const p50AtHigh = p50With(path, input, 0.9);
    return {
      input: path,
      lowValue: reportedValue(plan, input, 0.1),
      highValue: reportedValue(plan, input, 0.9),
      p50AtLow,
      p50AtHigh,
      swing: Math.abs(p50AtHigh - p50AtLow),
      varianceShare: share,
    };
  });
  inputs.sort((a, b) => b.swing - a.swing || b.varianceShare - a.varianceShare);
  const baseP50 = quantileOf(forecast.annualPerTask.subarray(0, trials), 0.5);
  return {
    trials,
    baseP50,
    inputs,
    varianceTrials: spend.length,
    ...(shares.length > pinned.length
      ? {
          notPinned: shares
            .slice(pinned.length)
            .map(({ path, share }) => ({ input: path, varianceShare: share })),
        }
      : {}),
  };
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

/**
 * Whether annual spend differs between trials by more than rounding: sums
 * of identical costs in another order can part in the last bits.
 */
function varies(spend: Float64Array): boolean {
  let low = Infinity;
  let high = -Infinity;
  for (const value of spend) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return high - low > 1e-9 * Math.max(Math.abs(low), Math.abs(high));
}

/**
 * The cumulative probability an input is pinned at for its low (p < 0.5) or
 * high end. An event's occurrence is 0 or 1, not its uniform: its low end is
 * "does not happen" (a uniform of 1, never below the probability) and its high
 * end "happens" (a uniform of 0, below any probability above 0).
 */
function pinLevelOf(plan: SimulationPlan, input: PlannedInput, p: number): number {
  if (eventOf(plan, input) === undefined) return p;
  return p < 0.5 ? 1 : 0;
}

/** The value an input is reported at: its quantile, or 0 and 1 for an event's occurrence. */
function reportedValue(plan: SimulationPlan, input: PlannedInput, p: number): number {
  if (eventOf(plan, input) !== undefined) return p < 0.5 ? 0 : 1;
  return pinnedValue(input, p);
}

/** The plan with every input of a key path fixed at its p-quantile (each month of it). */
export function pinInputs(plan: SimulationPlan, path: string, p: number): SimulationPlan {
  const fixedSlots = Float64Array.from(plan.fixedSlots);
  for (const input of plan.inputs) {
    if (input.path !== path) continue;
    fixedSlots.fill(pinnedValue(input, p), input.slot, input.slot + input.count);
  }
  const inputs = plan.inputs.filter((input) => input.path !== path);
  const correlation = restrictCorrelation(plan.correlation, plan.inputs, inputs);
  return { ...plan, fixedSlots, inputs, correlation };
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

/**
 * Bins of equal probability: a uniform u falls in bin floor(u * bins), with
 * no sort; the mean of a month's uniforms is not uniform, so those trials are
 * sorted on it and cut into equal counts.
 */
function binsOf(input: PlannedInput, uniforms: Float64Array): Int32Array {
  const n = uniforms.length;
  const bins = new Int32Array(n);
  if (input.count === 1) {
    for (let trial = 0; trial < n; trial += 1)
      bins[trial] = Math.min(VARIANCE_BINS - 1, Math.floor(uniforms[trial]! * VARIANCE_BINS));
    return bins;
  }
  const order = Array.from({ length: n }, (_, trial) => trial).sort(
    (a, b) => uniforms[a]! - uniforms[b]!,
  );
  order.forEach((trial, rank) => (bins[trial] = Math.floor((rank * VARIANCE_BINS) / n)));
  return bins;
}

function varianceShareOf(
  plan: SimulationPlan,
  input: PlannedInput,
  spend: Float64Array,
  seed: number,
): number {
  const n = spend.length;
  const uniforms = regenerateUniforms(input, n, seed);
  // An event's occurrence is a step in its uniform, which the bins resolve.
  const keys = eventOf(plan, input) ? uniforms : uniforms.map((u) => pinnedValue(input, u));
  const bins = binsOf(input, uniforms);
  // Per bin: count, sums of key, spend, key^2 and key * spend, for a line fit.
  const sums = new Float64Array(VARIANCE_BINS * 5);
  let mean = 0;
  for (let trial = 0; trial < n; trial += 1) {
    const base = bins[trial]! * 5;
    const key = keys[trial]!;
    const value = spend[trial]!;
    sums[base]! += 1;
    sums[base + 1]! += key;
    sums[base + 2]! += value;
    sums[base + 3]! += key * key;
    sums[base + 4]! += key * value;
    mean += value / n;
  }
  const slopes = new Float64Array(VARIANCE_BINS);
  const intercepts = new Float64Array(VARIANCE_BINS);
  for (let bin = 0; bin < VARIANCE_BINS; bin += 1) {
    const [count, sk, sy, skk, sky] = sums.subarray(bin * 5, bin * 5 + 5);
    if (!(count! > 0)) continue;
    const varianceKey = skk! - (sk! * sk!) / count!;
    const slope =
      varianceKey > 1e-12 * Math.max(1, skk!) ? (sky! - (sk! * sy!) / count!) / varianceKey : 0;
    slopes[bin] = slope;
    intercepts[bin] = (sy! - slope * sk!) / count!;
  }
  let total = 0;
  let explained = 0;
  let residual = 0;
  for (let trial = 0; trial < n; trial += 1) {
    const bin = bins[trial]!;
    const fitted = intercepts[bin]! + slopes[bin]! * keys[trial]!;
    const value = spend[trial]!;
    total += (value - mean) ** 2;
    explained += (fitted - mean) ** 2;
    residual += (value - fitted) ** 2;
  }
  if (!(total > 0)) return 0;
  // Two parameters a bin: about 2 * bins - 1 residual variances of the
  // explained sum are noise, not signal.
  const noise = ((2 * VARIANCE_BINS - 1) * residual) / (n - 2 * VARIANCE_BINS);
  return Math.min(1, Math.max(0, (explained - noise) / total));
}
