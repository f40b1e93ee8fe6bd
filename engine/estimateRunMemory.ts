import {
  DASHBOARD_FIELDS,
  keepsWorkloadSeries,
  SERIES_SUMS,
  TILE_TRIALS,
} from './simulationResult.js';

/** What the memory of a run depends on. */
export interface RunShape {
  readonly trials: number;
  readonly months: number;
  readonly workloadCount: number;
  /**
   * Simulation results alive at once: `run` keeps the forecast's and, to
   * compare them trial by trial, one per option; `compare` one per contender.
   */
  readonly resultsHeld: number;
  /** Threads simulating; each one past the first loads the tool again. */
  readonly threads: number;
}

/**
 * Bytes of a process before any trial: Node, the libraries and the report
 * assembly. Measured: a 24-month scenario of two workloads and two options peaked at 365 MiB
 * for 50,000 trials and 911 MiB for 200,000, a slope of 3.7 kB a trial and
 * an intercept of about 180 MiB.
 */
export const BASELINE_BYTES = 200 * 1024 ** 2;

/** Bytes a worker thread adds before any trial: its own copy of the tool and its buffers. */
export const WORKER_BYTES = 200 * 1024 ** 2;

/**
 * Bytes a trial takes outside the results while a run summarises: the
 * summary's four copies of a series, the sorting workspace (10 bytes), the
 * budget plan's running and sorted spend, and the Shapley values of a gap
 * with one driver (three series), which the analyses hold one after another.
 */
export const WORKING_BYTES_PER_TRIAL = 80;

/**
 * Bytes of one quantile sketch of a sketched series: 32-bit counts over the
 * octaves the series spans. A series spanning a factor of 8 takes 1.5 kB; a
 * gap that crosses zero spans more, so this allows for 4 kB.
 */
export const SKETCH_BYTES = 4096;

/**
 * Bytes one SimulationResult of this shape holds, as allocateResult lays it
 * out: twelve Float64 series of trials (per month: both forecasts' totals and
 * indices; per workload: annual spend of both and cost per task at both
 * ends; the two annual totals), plus the per-workload monthly series, kept as
 * two Float32 values per workload, month and trial (padded to whole tiles) or
 * sketched as three sketches per workload and month, and the dashboard's sums.
 */
export function estimateResultBytes(trials: number, months: number, workloads: number): number {
  const float64Series = 4 * months + 4 * workloads + 2;
  const perTrial = 8 * float64Series * trials;
  const seriesCount = workloads * months;
  const sums = 8 * DASHBOARD_FIELDS * seriesCount;
  if (keepsWorkloadSeries(trials, months, workloads)) {
    const tiledTrials = Math.ceil(trials / TILE_TRIALS) * TILE_TRIALS;
    return perTrial + sums + 8 * seriesCount * tiledTrials;
  }
  const seriesSums = 8 * 2 * SERIES_SUMS.forecasts * seriesCount;
  return perTrial + sums + seriesSums + 3 * seriesCount * SKETCH_BYTES;
}

/**
 * The peak memory a run of this shape is expected to need, in bytes: the
 * results it holds at once, the summary's working copies, and the baseline
 * of each thread. Grows linearly with trials, except that past
 * EXACT_SERIES_BYTES the per-workload series are sketched and stop growing.
 * Cost: O(1). An estimate of what the engine allocates, not a measurement:
 * within 10% of the peak resident memory measured on the shapes the README
 * lists.
 */
export function estimateRunMemory(shape: RunShape): number {
  const { trials, months, workloadCount, resultsHeld, threads } = shape;
  const results = resultsHeld * estimateResultBytes(trials, months, workloadCount);
  const workers = Math.max(0, threads - 1) * WORKER_BYTES;
  return BASELINE_BYTES + workers + results + WORKING_BYTES_PER_TRIAL * trials;
}

/**
 * The most trials whose estimate stays within `bytes`, at most `ceiling`,
 * rounded down to three significant figures where that still fits (a count a
 * user types); 0 when not even one trial fits. The estimate drops where the
 * series start to be sketched, so each side of that point is searched on its
 * own, where it grows with trials. Cost: O(log ceiling) estimates.
 */
export function mostTrialsWithin(
  bytes: number,
  shape: Omit<RunShape, 'trials'>,
  ceiling: number,
): number {
  const fits = (trials: number) => estimateRunMemory({ ...shape, trials }) <= bytes;
  const lastExact = lastExactTrials(shape.months, shape.workloadCount, ceiling);
  const exact = searchLastFitting(fits, 1, lastExact);
  const sketched = searchLastFitting(fits, lastExact + 1, ceiling);
  const best = Math.max(exact, sketched);
  const rounded = roundDownToFigures(best, 3);
  return best > 0 && fits(rounded) ? rounded : best;
}

/** The most trials, up to `ceiling`, whose per-workload series are kept exactly. */
function lastExactTrials(months: number, workloads: number, ceiling: number): number {
  const keeps = (trials: number) => keepsWorkloadSeries(trials, months, workloads);
  return keeps(1) ? searchLastFitting(keeps, 1, ceiling) : 0;
}

/** The last n in [low, high] where `holds` is true, for a test true up to a point; else 0. */
function searchLastFitting(holds: (n: number) => boolean, low: number, high: number): number {
  if (low > high || !holds(low)) return 0;
  let good = low;
  let bad = high + 1;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (holds(middle)) good = middle;
    else bad = middle;
  }
  return good;
}

function roundDownToFigures(value: number, figures: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - figures + 1);
  return Math.floor(value / unit) * unit;
}
