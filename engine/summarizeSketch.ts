import type { QuantileSketch } from './quantileSketch.js';
import { errorRanks, isErrorEstimable, neededRanks } from './summarizeSample.js';
import type { DistributionSummary } from './summaryTypes.js';

/**
 * summarizeSample for a series kept as a quantile sketch: the same type-7
 * percentiles and order-statistic standard errors, each order statistic read
 * from the sketch (within SKETCH_RELATIVE_ERROR of the exact one), and the
 * mean and sd from the series' sum and sum of squares, which are exact up to
 * rounding. Cost: O(bins of the sketch).
 */
export function summarizeSketch(
  sketch: QuantileSketch,
  sum: number,
  squares: number,
): DistributionSummary {
  const n = sketch.count;
  const mean = sum / n;
  const sd = n < 2 ? null : Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1)));
  const ranks = neededRanks(n);
  const values = sketch.valuesAtRanks(ranks);
  const order = new Map(ranks.map((rank, index) => [rank, values[index]!]));
  const at = (rank: number): number => order.get(rank)!;
  const quantile = (p: number): number => {
    const h = (n - 1) * p;
    const low = Math.floor(h);
    const lower = at(low);
    return lower + (h - low) * (at(Math.min(n - 1, low + 1)) - lower);
  };
  const spread = (p: number): number | null => {
    if (!isErrorEstimable(n, p)) return null;
    const [low, high] = errorRanks(n, p);
    return ((at(high) - at(low)) / (high - low)) * Math.sqrt(n * p * (1 - p));
  };
  return {
    mean,
    meanStandardError: sd === null ? null : sd / Math.sqrt(n),
    sd,
    p5: quantile(0.05),
    p10: quantile(0.1),
    p25: quantile(0.25),
    p50: quantile(0.5),
    p75: quantile(0.75),
    p90: quantile(0.9),
    p95: quantile(0.95),
    p10StandardError: spread(0.1),
    p50StandardError: spread(0.5),
    p90StandardError: spread(0.9),
  };
}
