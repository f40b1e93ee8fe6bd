import { normalQuantile } from './normalQuantile.js';
import {
  DistributionParameterError,
  makeLognormal,
  makeNormal,
  type ScalarDistribution,
} from './scalarDistribution.js';
import { plain } from './shapeDistributions.js';

/** A value at a cumulative probability: P10 = 2k is { p: 0.1, x: 2000 }. */
export interface Percentile {
  readonly p: number;
  readonly x: number;
}

/**
 * The normal through two percentiles: with z_i = Φ⁻¹(p_i),
 * sd = (x2 - x1) / (z2 - z1) and mean = x1 - sd z1. The higher percentile
 * must have the higher value.
 */
export function makeNormalFromPercentiles(first: Percentile, second: Percentile) {
  const [low, high] = orderPercentiles(first, second);
  const zLow = normalQuantile(low.p);
  const sd = (high.x - low.x) / (normalQuantile(high.p) - zLow);
  const dist = makeNormal(low.x - sd * zLow, sd);
  return { ...dist, description: describe('normal', low, high) };
}

/** The lognormal through two percentiles: the normal through their logarithms, exponentiated. */
export function makeLognormalFromPercentiles(
  first: Percentile,
  second: Percentile,
): ScalarDistribution {
  const [low, high] = orderPercentiles(first, second);
  if (!(low.x > 0)) {
    throw new DistributionParameterError('the percentiles of a lognormal must be above 0');
  }
  const zLow = normalQuantile(low.p);
  const sigma = (Math.log(high.x) - Math.log(low.x)) / (normalQuantile(high.p) - zLow);
  const dist = makeLognormal(Math.log(low.x) - sigma * zLow, sigma);
  return { ...dist, description: describe('lognormal', low, high) };
}

function orderPercentiles(a: Percentile, b: Percentile): [Percentile, Percentile] {
  for (const { p, x } of [a, b]) {
    if (!(p > 0 && p < 1)) {
      throw new DistributionParameterError('a percentile must lie strictly between P0 and P100');
    }
    if (!Number.isFinite(x)) throw new DistributionParameterError('a percentile must be finite');
  }
  if (a.p === b.p) throw new DistributionParameterError('name two different percentiles');
  const [low, high] = a.p < b.p ? [a, b] : [b, a];
  if (!(high.x > low.x)) {
    throw new DistributionParameterError(
      `P${plain(high.p * 100)} must be above P${plain(low.p * 100)}`,
    );
  }
  return [low, high];
}

function describe(family: string, low: Percentile, high: Percentile): string {
  return (
    `${family}, P${plain(low.p * 100)} ${plain(low.x)}, ` +
    `P${plain(high.p * 100)} ${plain(high.x)}`
  );
}
