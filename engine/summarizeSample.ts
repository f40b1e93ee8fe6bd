import type { DistributionSummary } from './summaryTypes.js';

/**
 * Mean, sd, percentiles and Monte Carlo standard errors of one sample.
 *
 * Percentiles follow R's default (type 7): the value at rank h = (n - 1) p,
 * interpolated between the order statistics around it.
 *
 * The standard error of a percentile comes from the order statistics about
 * one binomial sd away, ranks np -+ sqrt(n p (1 - p)): the distribution-free
 * interval of Hahn and Meeker (1991) at one sigma, halved.
 *
 * `scratch` must hold at least `values.length` numbers; it is overwritten.
 * Cost: O(n) on average (see OrderStatistics), so a run with thousands of
 * series of 100,000 trials is summarised in seconds.
 */
export function summarizeSample(values: Float64Array, scratch: Float64Array): DistributionSummary {
  const moments = new SampleMoments(values[0] ?? 0);
  for (let index = 0; index < values.length; index += 1) moments.add(values[index]!);
  return summarizeWithMoments(values, moments, scratch);
}

/**
 * Running sum, extremes and sum of squares about a shift, in one pass that a
 * caller may share with other work (the summary of a paired gap reads both
 * forecasts once). Shifting by a value of the sample keeps the variance
 * formula sum(d^2) - sum(d)^2 / n free of cancellation at these sizes.
 */
export class SampleMoments {
  count = 0;
  sum = 0;
  squares = 0;
  min = Infinity;
  max = -Infinity;

  constructor(private readonly shift: number) {}

  add(value: number): void {
    const shifted = value - this.shift;
    this.count += 1;
    this.sum += shifted;
    this.squares += shifted * shifted;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  get mean(): number {
    return this.shift + this.sum / this.count;
  }

  /** Null below two values: one value has no spread to estimate. */
  get sd(): number | null {
    const n = this.count;
    if (n < 2) return null;
    return Math.sqrt(Math.max(0, (this.squares - (this.sum * this.sum) / n) / (n - 1)));
  }
}

/** summarizeSample for a sample whose moments were gathered on the way. */
export function summarizeWithMoments(
  values: Float64Array,
  moments: SampleMoments,
  scratch: Float64Array,
): DistributionSummary {
  const n = values.length;
  const { mean, sd } = moments;
  const order = new OrderStatistics(values, moments.min, moments.max, scratch, neededRanks(n));
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const lower = order.at(low);
    return lower + (h - low) * (order.at(Math.min(n - 1, low + 1)) - lower);
  };
  const spread = (p: number): number | null => {
    // An interval cut short at the extreme trials would understate the error.
    if (!isErrorEstimable(n, p)) return null;
    const [low, high] = errorRanks(n, p);
    // The slope of the empirical quantile function around p, times the
    // binomial sd of the count of draws below it.
    return ((order.at(high) - order.at(low)) / (high - low)) * Math.sqrt(n * p * (1 - p));
  };
  return {
    mean,
    meanStandardError: sd === null ? null : sd / Math.sqrt(n),
    sd,
    p5: at(0.05),
    p10: at(0.1),
    p25: at(0.25),
    p50: at(0.5),
    p75: at(0.75),
    p90: at(0.9),
    p95: at(0.95),
    p10StandardError: spread(0.1),
    p50StandardError: spread(0.5),
    p90StandardError: spread(0.9),
    p5StandardError: spread(0.05),
    p25StandardError: spread(0.25),
    p75StandardError: spread(0.75),
    p95StandardError: spread(0.95),
  };
}

const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const ERROR_LEVELS = LEVELS;

/** The ranks (0-based, ascending) whose order statistics a summary of n values reads. */
export function neededRanks(n: number): number[] {
  const ranks = new Set<number>();
  for (const p of LEVELS) {
    const h = Math.floor((n - 1) * p);
    ranks.add(h);
    ranks.add(Math.min(n - 1, h + 1));
  }
  for (const p of ERROR_LEVELS) for (const rank of errorRanks(n, p)) ranks.add(rank);
  return [...ranks].sort((a, b) => a - b);
}

/** One binomial sd either side of quantile p's position in a sample of n, as ranks. */
function errorInterval(n: number, p: number): [number, number] {
  const centre = (n - 1) * p;
  const width = Math.sqrt(n * p * (1 - p));
  return [centre - width, centre + width];
}

/** The ranks about one binomial sd either side of quantile p, for its standard error. */
export function errorRanks(n: number, p: number): [number, number] {
  const [low, high] = errorInterval(n, p);
  return [Math.max(0, Math.floor(low)), Math.min(n - 1, Math.ceil(high))];
}

/**
 * Whether the one-sigma interval of quantile p fits inside a sample of n: with
 * fewer draws it runs past the smallest or largest one and is cut short, so
 * the standard error read from it comes out too small (0 for one trial).
 */
export function isErrorEstimable(n: number, p: number): boolean {
  const [low, high] = errorInterval(n, p);
  return n >= 2 && low >= 0 && high <= n - 1;
}

/** The fewest trials whose sample gives quantile p a standard error (isErrorEstimable). */
export function trialsForErrorOf(p: number): number {
  let n = 2;
  while (!isErrorEstimable(n, p)) n += 1;
  return n;
}

const BINS = 4096;
/** Regions this small are sorted outright rather than binned again. */
const SORT_BELOW = 256;

/**
 * The order statistics of a sample at a few ranks, found by a bucket select:
 * one pass bins the values between their minimum and maximum, the cumulative
 * counts tell which bins hold the wanted ranks, and only those bins' values
 * are gathered. A small bin is sorted; a crowded one (a heavy tail squeezes
 * most values into a few bins) is binned again over its own range. A few
 * linear passes replace a full sort.
 */
class OrderStatistics {
  private readonly found = new Map<number, number>();

  constructor(
    values: Float64Array,
    min: number,
    max: number,
    scratch: Float64Array,
    ranks: readonly number[],
  ) {
    const work = workspaceFor(values.length);
    this.place(values, scratch, work.spare, 0, values.length, min, max, ranks, 0);
  }

  at(rank: number): number {
    return this.found.get(rank)!;
  }

  /**
   * Places ranks (absolute, within [low, high)) of source[low..high) into
   * `found`, gathering wanted bins into target; spare is the other buffer for
   * the next level. All three arrays share one index space.
   */
  private place(
    source: Float64Array,
    target: Float64Array,
    spare: Float64Array,
    low: number,
    high: number,
    min: number,
    max: number,
    ranks: readonly number[],
    depth: number,
  ): void {
    if (!(max > min)) {
      for (const rank of ranks) this.found.set(rank, min);
      return;
    }
    const work = workspaceFor(high);
    const counts = work.countsAt(depth);
    counts.fill(0);
    const scale = BINS / (max - min);
    for (let index = low; index < high; index += 1) {
      const bin = Math.min(BINS - 1, ((source[index]! - min) * scale) | 0);
      work.bins[index] = bin;
      counts[bin + 1]! += 1;
    }
    // counts[b] becomes the position, from low, of the first value of bin b.
    for (let bin = 1; bin <= BINS; bin += 1) counts[bin]! += counts[bin - 1]!;
    const binOfRank = ranks.map((rank) => {
      let bin = 0;
      while (low + counts[bin + 1]! <= rank) bin += 1;
      work.wanted[bin] = 1;
      return bin;
    });
    this.gather(source, target, low, high, counts);
    for (const bin of binOfRank) {
      work.wanted[bin] = 0;
      work.fill[bin] = 0;
    }
    const done = new Set<number>();
    binOfRank.forEach((bin) => {
      if (done.has(bin)) return;
      done.add(bin);
      const start = low + counts[bin]!;
      const end = low + counts[bin + 1]!;
      const inBin = ranks.filter((_, position) => binOfRank[position] === bin);
      if (end - start <= SORT_BELOW) {
        target.subarray(start, end).sort();
        for (const rank of inBin) this.found.set(rank, target[rank]!);
        return;
      }
      let binMin = Infinity;
      let binMax = -Infinity;
      for (let index = start; index < end; index += 1) {
        const value = target[index]!;
        if (value < binMin) binMin = value;
        if (value > binMax) binMax = value;
      }
      this.place(target, spare, target, start, end, binMin, binMax, inBin, depth + 1);
    });
  }

  /** Copies the values of wanted bins into target, each bin at its counted place. */
  private gather(
    source: Float64Array,
    target: Float64Array,
    low: number,
    high: number,
    counts: Uint32Array,
  ): void {
    const { bins, wanted, fill } = workspaceFor(high);
    for (let index = low; index < high; index += 1) {
      const bin = bins[index]!;
      if (wanted[bin] === 0) continue;
      target[low + counts[bin]! + fill[bin]!] = source[index]!;
      fill[bin]! += 1;
    }
  }
}

/**
 * Buffers reused across summaries: a run summarises thousands of series, and
 * allocating these each time would keep the garbage collector busy.
 */
interface Workspace {
  readonly bins: Uint16Array;
  readonly wanted: Uint8Array;
  readonly fill: Uint32Array;
  readonly spare: Float64Array;
  countsAt(depth: number): Uint32Array;
}

let workspace: Workspace | undefined;

function workspaceFor(size: number): Workspace {
  if (workspace !== undefined && workspace.bins.length >= size) return workspace;
  const counts: Uint32Array[] = [];
  workspace = {
    bins: new Uint16Array(size),
    wanted: new Uint8Array(BINS),
    fill: new Uint32Array(BINS),
    spare: new Float64Array(size),
    countsAt(depth: number): Uint32Array {
      while (counts.length <= depth) counts.push(new Uint32Array(BINS + 1));
      return counts[depth]!;
    },
  };
  return workspace;
}
