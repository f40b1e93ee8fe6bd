import type { DistributionSummary } from './summaryTypes.js';

/**
 * Mean, sd, percentiles and Monte Carlo standard errors of one sample.
 *
 * Percentiles follow R's default (type 7): the value at rank h = (n - 1) p,
 * interpolated between the order statistics around it. Only the ranks needed
 * are placed, by quickselect (Hoare), so a summary costs O(n) on average
 * instead of a sort's O(n log n); that matters when a run has thousands of
 * series of 100,000 trials.
 *
 * The standard error of a percentile comes from the order statistics about
 * one binomial sd away, ranks np -+ sqrt(n p (1 - p)): the distribution-free
 * interval of Hahn and Meeker (1991) at one sigma, halved.
 *
 * `scratch` must hold at least `values.length` numbers; it is overwritten.
 */
export function summarizeSample(
  values: ArrayLike<number>,
  scratch: Float64Array,
): DistributionSummary {
  const n = values.length;
  let sum = 0;
  for (let index = 0; index < n; index += 1) {
    const value = values[index]!;
    scratch[index] = value;
    sum += value;
  }
  const mean = sum / n;
  let squares = 0;
  for (let index = 0; index < n; index += 1) squares += (values[index]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const sample = scratch.subarray(0, n);
  const ranks = neededRanks(n);
  selectRanks(sample, ranks, 0, n - 1, 0, ranks.length - 1);
  const at = (p: number): number => quantileFromSelected(sample, p);
  const spread = (p: number): number => percentileStandardError(sample, p);
  return {
    mean,
    meanStandardError: sd / Math.sqrt(n),
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
  };
}

const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const ERROR_LEVELS = [0.1, 0.5, 0.9];

function neededRanks(n: number): number[] {
  const ranks = new Set<number>();
  for (const p of LEVELS) {
    const h = (n - 1) * p;
    ranks.add(Math.floor(h));
    ranks.add(Math.min(n - 1, Math.floor(h) + 1));
  }
  for (const p of ERROR_LEVELS) {
    const [low, high] = errorRanks(n, p);
    ranks.add(low);
    ranks.add(high);
  }
  return [...ranks].sort((a, b) => a - b);
}

function errorRanks(n: number, p: number): [number, number] {
  const centre = (n - 1) * p;
  const width = Math.sqrt(n * p * (1 - p));
  const low = Math.max(0, Math.floor(centre - width));
  const high = Math.min(n - 1, Math.ceil(centre + width));
  return [low, high];
}

function quantileFromSelected(sample: Float64Array, p: number): number {
  const h = (sample.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sample.length - 1, low + 1);
  const lower = sample[low]!;
  return lower + (h - low) * (sample[high]! - lower);
}

function percentileStandardError(sample: Float64Array, p: number): number {
  const [low, high] = errorRanks(sample.length, p);
  if (high === low) return 0;
  // The slope of the empirical quantile function around p, times the
  // binomial sd of the count of draws below it.
  const rankSd = Math.sqrt(sample.length * p * (1 - p));
  return ((sample[high]! - sample[low]!) / (high - low)) * rankSd;
}

/** Places every rank in ranks[first..last] at its sorted position within array[left..right]. */
function selectRanks(
  array: Float64Array,
  ranks: readonly number[],
  left: number,
  right: number,
  first: number,
  last: number,
): void {
  if (first > last || left >= right) return;
  const middle = (first + last) >> 1;
  const rank = ranks[middle]!;
  quickselect(array, rank, left, right);
  selectRanks(array, ranks, left, rank - 1, first, middle - 1);
  selectRanks(array, ranks, rank + 1, right, middle + 1, last);
}

function quickselect(array: Float64Array, rank: number, left: number, right: number): void {
  let low = left;
  let high = right;
  while (high > low) {
    const pivot = medianOfThree(array[low]!, array[(low + high) >> 1]!, array[high]!);
    let i = low;
    let j = high;
    while (i <= j) {
      while (array[i]! < pivot) i += 1;
      while (array[j]! > pivot) j -= 1;
      if (i <= j) {
        const swap = array[i]!;
        array[i] = array[j]!;
        array[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (rank <= j) high = j;
    else if (rank >= i) low = i;
    else return;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
