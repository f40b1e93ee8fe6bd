import { QuantileSketch } from './quantileSketch.js';

/**
 * Per-trial outputs of a simulation, laid out for the summary stage. Trial t
 * of series s sits at `s * trials + t`, so each series is one contiguous run.
 */
export interface SimulationResult {
  readonly trials: number;
  readonly months: number;
  readonly workloadCount: number;
  /**
   * Monthly spend per workload, series (w * months + m), in tiles of TILE_TRIALS
   * trials: see tiledIndex. Float32 keeps large runs in memory. Empty when the
   * series are sketched (see workloadSketches).
   */
  readonly workloadPerTask: Float32Array;
  readonly workloadPerToken: Float32Array;
  /**
   * Monthly spend per workload in quantile sketches, per series (w * months +
   * m), for a run too large to keep it trial by trial; null when kept exactly.
   */
  readonly workloadSketches: WorkloadSketches | null;
  /**
   * For sketched series: sums over trials of each series' values and their
   * squares, for its mean and sd (see SERIES_SUMS).
   */
  readonly seriesSums: Float64Array;
  /** Monthly spend of all workloads: series m. */
  readonly totalPerTask: Float64Array;
  readonly totalPerToken: Float64Array;
  /** Spend over the horizon per workload: series w. */
  readonly annualWorkloadPerTask: Float64Array;
  readonly annualWorkloadPerToken: Float64Array;
  /** Spend over the horizon, all workloads: one series. */
  readonly annualPerTask: Float64Array;
  readonly annualPerToken: Float64Array;
  /** Expected cost of one task in the first and the last month: series w. */
  readonly costPerTaskFirst: Float64Array;
  readonly costPerTaskLast: Float64Array;
  /** Spend per token and spend per task of all workloads, relative to month 0: series m. */
  readonly costPerTokenIndex: Float64Array;
  readonly costPerTaskIndex: Float64Array;
  /** Sums over trials of the dashboard fields: (w * months + m) * DASHBOARD_FIELDS + field. */
  readonly dashboardSums: Float64Array;
}

/** Both forecasts' monthly spend per workload and their gap, one sketch per series. */
export interface WorkloadSketches {
  readonly perTask: readonly QuantileSketch[];
  readonly perToken: readonly QuantileSketch[];
  readonly gap: readonly QuantileSketch[];
}

/**
 * Layout of `seriesSums`: (series * 3 + forecast) * 2 + sum or squares, the
 * forecasts in the order per task, per token, gap. Plain sums, not shifted:
 * spend is never negative, and at the sizes sketched the variance they give
 * loses precision only for a series whose sd is under a ten-thousandth of its
 * mean.
 */
export const SERIES_SUMS = { perTask: 0, perToken: 1, gap: 2, forecasts: 3 } as const;

/**
 * Above this many bytes of per-workload monthly series (two Float32 values per
 * workload, month and trial), they are sketched instead of kept: 256 MiB is
 * 1.4 million trials of two workloads over a year, and a fifth of the 50
 * workloads over 36 months of 100,000 trials that the benchmark runs.
 */
export const EXACT_SERIES_BYTES = 256 * 1024 ** 2;

/** Whether a run of this shape keeps its per-workload monthly series trial by trial. */
export function keepsWorkloadSeries(trials: number, months: number, workloads: number): boolean {
  return (
    workloads * months * Math.ceil(trials / TILE_TRIALS) * TILE_TRIALS * 8 <= EXACT_SERIES_BYTES
  );
}

/** Fields summed per workload and month for the operator's dashboard. */
export const DASHBOARD = {
  tasks: 0,
  tokens: 1,
  inputPerTask: 2,
  outputPerTask: 3,
  reasoningPerTask: 4,
  costPerTask: 5,
  perTokenCostPerTask: 6,
} as const;
export const DASHBOARD_FIELDS = 7;

/**
 * Trials per tile of the per-workload monthly arrays. A trial writes one value
 * to each of thousands of series; laid end to end, a series of 100,000 trials
 * spans 400 kB, so those writes would land on thousands of distant pages per
 * trial. In tiles of 256 trials, a trial's writes stay within a few hundred
 * pages that the next trials reuse, and the summary still reads each series in
 * runs of 1 kB.
 */
export const TILE_SHIFT = 8;
export const TILE_TRIALS = 1 << TILE_SHIFT;

/** Position of (series, trial) in a tiled array of `seriesCount` series. */
export function tiledIndex(series: number, trial: number, seriesCount: number): number {
  // Shifts and masks, since TILE_TRIALS is a power of two and trials fit in 31 bits.
  return (
    ((trial >>> TILE_SHIFT) * seriesCount + series) * TILE_TRIALS + (trial & (TILE_TRIALS - 1))
  );
}

/** Copies one series of a tiled array into `target` (length = trials). */
export function readTiledSeries(
  tiled: Float32Array,
  series: number,
  seriesCount: number,
  target: Float64Array,
): Float64Array {
  const trials = target.length;
  const tileStride = seriesCount * TILE_TRIALS;
  let source = series * TILE_TRIALS;
  for (let first = 0; first < trials; first += TILE_TRIALS) {
    const count = Math.min(TILE_TRIALS, trials - first);
    // A plain loop: a subarray per tile would allocate thousands of views.
    for (let offset = 0; offset < count; offset += 1)
      target[first + offset] = tiled[source + offset]!;
    source += tileStride;
  }
  return target;
}

/**
 * Makes the zeroed arrays of a result. The simulation on several threads
 * passes one that backs them with shared memory.
 */
export interface ResultAllocator {
  float64(length: number): Float64Array;
  float32(length: number): Float32Array;
}

const LOCAL_MEMORY: ResultAllocator = {
  float64: (length) => new Float64Array(length),
  float32: (length) => new Float32Array(length),
};

/** The names of a result's arrays, in a fixed order (for passing them between threads). */
export const RESULT_ARRAYS = [
  'workloadPerTask',
  'workloadPerToken',
  'totalPerTask',
  'totalPerToken',
  'annualWorkloadPerTask',
  'annualWorkloadPerToken',
  'annualPerTask',
  'annualPerToken',
  'costPerTaskFirst',
  'costPerTaskLast',
  'costPerTokenIndex',
  'costPerTaskIndex',
  'dashboardSums',
  'seriesSums',
] as const;

/**
 * Allocates a result for the given shape, all zero. `exact` says whether the
 * per-workload monthly series are kept trial by trial or sketched; by default,
 * as keepsWorkloadSeries decides.
 */
export function allocateResult(
  trials: number,
  months: number,
  workloadCount: number,
  memory: ResultAllocator = LOCAL_MEMORY,
  exact = keepsWorkloadSeries(trials, months, workloadCount),
): SimulationResult {
  const series = (count: number) => memory.float64(count * trials);
  const tiledTrials = exact ? Math.ceil(trials / TILE_TRIALS) * TILE_TRIALS : 0;
  const seriesCount = workloadCount * months;
  const sketches = (): QuantileSketch[] =>
    Array.from({ length: seriesCount }, () => new QuantileSketch());
  return {
    trials,
    months,
    workloadCount,
    workloadPerTask: memory.float32(seriesCount * tiledTrials),
    workloadPerToken: memory.float32(seriesCount * tiledTrials),
    workloadSketches: exact ? null : { perTask: sketches(), perToken: sketches(), gap: sketches() },
    totalPerTask: series(months),
    totalPerToken: series(months),
    annualWorkloadPerTask: series(workloadCount),
    annualWorkloadPerToken: series(workloadCount),
    annualPerTask: series(1),
    annualPerToken: series(1),
    costPerTaskFirst: series(workloadCount),
    costPerTaskLast: series(workloadCount),
    costPerTokenIndex: series(months),
    costPerTaskIndex: series(months),
    dashboardSums: memory.float64(workloadCount * months * DASHBOARD_FIELDS),
    seriesSums: memory.float64(exact ? 0 : seriesCount * SERIES_SUMS.forecasts * 2),
  };
}

/**
 * Bytes a result holds: its arrays and sketches. Kept series grow with trials
 * times workloads times months; sketched ones only with the spread of values.
 */
export function resultBytes(result: SimulationResult): number {
  let bytes = 0;
  for (const name of RESULT_ARRAYS) bytes += result[name].byteLength;
  const sketches = result.workloadSketches;
  if (sketches === null) return bytes;
  for (const group of [sketches.perTask, sketches.perToken, sketches.gap]) {
    for (const sketch of group) bytes += sketch.bytes;
  }
  return bytes;
}
