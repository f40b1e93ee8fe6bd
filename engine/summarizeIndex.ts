import type { SimulationResult } from './simulationResult.js';
import { summarizeSample } from './summarizeSample.js';
import type { IndexPoint, Summary } from './summaryTypes.js';

/**
 * The headline indices, cost per token and cost per task relative to the
 * first month, as P10, P50 and P90 over trials of each trial's own ratio.
 * A trial that spends nothing in the first month (a `when` drawn as 0, say)
 * has no base, and its ratio (0 / 0, or x / 0) is not a number: the indices
 * are summarised over the trials that have one, and `trials` then says how
 * many; with none, there is no index at all (empty lists, `trials: 0`).
 * Known shortcoming: a trial with a base but no task in a later month (tasks
 * drawn every month can be 0) is 0 / 0 there and is left out of that month
 * alone, so the month rests on fewer trials than `trials` says; a month that
 * no trial has a task in is summarised from nothing and gives NaN, which the
 * reports refuse to format (README, Known limitations).
 * Cost: one pass over each month's trials, and a copy of a month when some
 * trials lack a base.
 */
export function summarizeIndex(
  result: SimulationResult,
  months: readonly string[],
): Summary['index'] {
  const trials = result.trials;
  const firstMonth = result.costPerTaskIndex.subarray(0, trials);
  const based = firstMonth.reduce((count, value) => count + (Number.isFinite(value) ? 1 : 0), 0);
  if (based === 0) return { costPerToken: [], costPerTask: [], trials: 0 };
  return {
    costPerToken: indexPoints(result.costPerTokenIndex, trials, months),
    costPerTask: indexPoints(result.costPerTaskIndex, trials, months),
    ...(based < trials ? { trials: based } : {}),
  };
}

function indexPoints(
  series: Float64Array,
  trials: number,
  months: readonly string[],
): IndexPoint[] {
  const scratch = new Float64Array(trials);
  return months.map((month, index) => {
    const all = series.subarray(index * trials, (index + 1) * trials);
    const values = all.every(Number.isFinite) ? all : all.filter(Number.isFinite);
    const summary = summarizeSample(values, scratch);
    return { month, p10: summary.p10, p50: summary.p50, p90: summary.p90 };
  });
}
