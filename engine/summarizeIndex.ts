import type { SimulationResult } from './simulationResult.js';
import { summarizeSample } from './summarizeSample.js';
import type { IndexPoint, Summary } from './summaryTypes.js';

/**
 * The headline indices, cost per token and cost per task relative to the
 * first month, as P10, P50 and P90 over trials of each trial's own ratio.
 * Both price the first month's mix of tasks (simulate's recordIndices), so a
 * trial's ratio is not a number (0 / 0) when it has no base: no task or
 * nothing spent in the first month (tasks drawn as 0, a `when` drawn as 0).
 * The indices are summarised over the trials that have a ratio in every
 * month, the same trials in every month so that the bands follow one set of
 * trials; `trials` then says how many.
 * With none, there is no index at all (empty lists, `trials: 0`).
 * Cost: two passes over each month's trials, and a copy of a month when some
 * trials are left out.
 */
export function summarizeIndex(
  result: SimulationResult,
  months: readonly string[],
): Summary['index'] {
  const trials = result.trials;
  const kept = new Uint8Array(trials).fill(1);
  for (const series of [result.costPerTokenIndex, result.costPerTaskIndex]) {
    for (let at = 0; at < series.length; at += 1) {
      if (!Number.isFinite(series[at]!)) kept[at % trials] = 0;
    }
  }
  const complete = kept.reduce((count, keep) => count + keep, 0);
  if (complete === 0) return { costPerToken: [], costPerTask: [], trials: 0 };
  const keep = complete < trials ? kept : null;
  return {
    costPerToken: indexPoints(result.costPerTokenIndex, trials, months, keep),
    costPerTask: indexPoints(result.costPerTaskIndex, trials, months, keep),
    ...(keep !== null ? { trials: complete } : {}),
  };
}

/** Each month's P10, P50 and P90 over every trial, or over those `keep` marks 1. */
function indexPoints(
  series: Float64Array,
  trials: number,
  months: readonly string[],
  keep: Uint8Array | null,
): IndexPoint[] {
  const scratch = new Float64Array(trials);
  return months.map((month, index) => {
    const all = series.subarray(index * trials, (index + 1) * trials);
    const values = keep === null ? all : all.filter((_, trial) => keep[trial] === 1);
    const summary = summarizeSample(values, scratch);
    return { month, p10: summary.p10, p50: summary.p50, p90: summary.p90 };
  });
}
