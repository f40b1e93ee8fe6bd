import { DistributionParameterError, type ScalarDistribution } from './scalarDistribution.js';
import { regularizedGammaQ } from './specialFunctions.js';
import { normalQuantile } from './normalQuantile.js';
import { plain } from './shapeDistributions.js';

/*
 * Families that take separate values: a weighted list of choices, a coin
 * (bernoulli), an empirical sample drawn with replacement, and the Poisson.
 * Each quantile is the generalised inverse, the smallest value whose
 * cumulative probability reaches u, so one uniform still fixes one draw.
 */

/** Values with weights (any positive numbers; they are normalised). */
export function makeDiscrete(
  values: readonly number[],
  weights: readonly number[],
): ScalarDistribution {
  if (values.length === 0) throw new DistributionParameterError('list at least one value');
  if (weights.length !== values.length) {
    throw new DistributionParameterError(
      `there are ${values.length} values and ${weights.length} weights; give one weight a value`,
    );
  }
  if (values.some((value) => !Number.isFinite(value))) {
    throw new DistributionParameterError('every value must be a finite number');
  }
  if (weights.some((weight) => !(Number.isFinite(weight) && weight >= 0))) {
    throw new DistributionParameterError('every weight must be a number of 0 or more');
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new DistributionParameterError('the weights must not all be 0');
  const order = values.map((_, index) => index).sort((a, b) => values[a]! - values[b]!);
  const sorted = order.map((index) => values[index]!);
  const cumulative: number[] = [];
  let running = 0;
  for (const index of order) {
    running += weights[index]! / total;
    cumulative.push(running);
  }
  cumulative[cumulative.length - 1] = 1;
  const mean = values.reduce((sum, value, index) => sum + (value * weights[index]!) / total, 0);
  return {
    family: 'discrete',
    quantile: (u) => sorted[firstReaching(cumulative, u)]!,
    cdf: (x) => {
      let index = -1;
      while (index + 1 < sorted.length && sorted[index + 1]! <= x) index += 1;
      return index < 0 ? 0 : cumulative[index]!;
    },
    transform: null,
    mean,
    lower: sorted[0]!,
    upper: sorted[sorted.length - 1]!,
    description: `discrete, ${values.length} values from ${plain(sorted[0]!)}`,
  };
}

/** 1 with probability p, else 0. */
export function makeBernoulli(p: number): ScalarDistribution {
  if (!(Number.isFinite(p) && p >= 0 && p <= 1)) {
    throw new DistributionParameterError('the probability of a bernoulli must lie in 0..1');
  }
  return {
    ...makeDiscrete([0, 1], [1 - p, p]),
    family: 'bernoulli',
    description: `bernoulli ${plain(p)}`,
  };
}

/** Each observed value equally likely: a draw with replacement from the sample. */
export function makeEmpirical(sample: readonly number[]): ScalarDistribution {
  const dist = makeDiscrete(
    sample,
    sample.map(() => 1),
  );
  return { ...dist, family: 'empirical', description: `empirical, ${sample.length} values` };
}

/** Index of the first cumulative probability at or above u, by bisection. */
function firstReaching(cumulative: readonly number[], u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! >= u) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Poisson with the given mean, exact for any mean: P(X <= k) = Q(k + 1, mean),
 * the regularized upper incomplete gamma. The search starts at the normal
 * approximation with its skew correction and steps by ones to the exact
 * answer, so large means (a million tasks a month) cost a few evaluations,
 * not a million terms.
 */
export function makePoisson(mean: number): ScalarDistribution {
  if (!(Number.isFinite(mean) && mean > 0)) {
    throw new DistributionParameterError('the mean of a poisson must be above 0');
  }
  return {
    family: 'poisson',
    quantile: (u) => poissonQuantile(mean, u),
    cdf: (x) => (x < 0 ? 0 : regularizedGammaQ(Math.floor(x) + 1, mean)),
    transform: null,
    mean,
    lower: 0,
    upper: Infinity,
    description: `poisson, mean ${plain(mean)}`,
  };
}

/** The smallest k with P(X <= k) >= u for a Poisson of the given mean. */
export function poissonQuantile(mean: number, u: number): number {
  const z = normalQuantile(u);
  // Cornish-Fisher: the Poisson's skewness 1 / sqrt(mean) shifts quantiles by (z^2 - 1) / 6.
  let k = Math.max(0, Math.floor(mean + Math.sqrt(mean) * z + (z * z - 1) / 6));
  const cdf = (count: number): number => regularizedGammaQ(count + 1, mean);
  while (k > 0 && cdf(k - 1) >= u) k -= 1;
  while (cdf(k) < u) k += 1;
  return k;
}
