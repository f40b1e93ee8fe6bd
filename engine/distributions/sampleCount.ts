import type { RandomStream } from '../createRandomStream.js';
import type { CountFamily } from './countMoments.js';
import { poissonQuantile } from './discreteDistributions.js';
import { normalQuantile } from './normalQuantile.js';

/**
 * Draws one task's number of calls from the same families, parameters and cap
 * whose moments writeCountMoments gives, so that the average of many draws
 * tends to those moments.
 *
 * - fixed: the mean itself (an average count is used as it stands);
 * - poisson: inversion of the distribution function, summing probabilities
 *   from 0 (O(mean) a draw); above a mean of 500, the same inversion started
 *   near the answer and checked against the exact distribution function
 *   (poissonQuantile), still one uniform a draw;
 * - geometric on 1, 2, ...: 1 + floor(ln U / ln(1 - p)), the inverse of its
 *   distribution function;
 * - negative binomial: a Poisson whose mean is gamma-distributed with shape
 *   mean^2 / (sd^2 - mean) (the gamma-Poisson mixture).
 */
export function sampleCount(
  family: CountFamily,
  mean: number,
  sd: number,
  max: number,
  stream: RandomStream,
): number {
  let count: number;
  if (family === 'fixed') count = mean;
  else if (family === 'geometric') count = sampleGeometric(Math.max(1, mean), stream);
  else if (family === 'poisson' || sd * sd <= mean) count = samplePoisson(mean, stream);
  else {
    const shape = (mean * mean) / (sd * sd - mean);
    count = samplePoisson(sampleGamma(shape, stream) * (mean / shape), stream);
  }
  return Math.min(count, max);
}

function sampleGeometric(mean: number, stream: RandomStream): number {
  if (mean === 1) return 1;
  return 1 + Math.floor(Math.log(stream.next()) / Math.log1p(-1 / mean));
}

const NORMAL_ABOVE = 500;

function samplePoisson(mean: number, stream: RandomStream): number {
  if (mean <= 0) return 0;
  if (mean > NORMAL_ABOVE) {
    return poissonQuantile(mean, stream.next());
  }
  const u = stream.next();
  let probability = Math.exp(-mean);
  let cumulative = probability;
  let count = 0;
  while (cumulative < u && count < 10 * NORMAL_ABOVE) {
    count += 1;
    probability *= mean / count;
    cumulative += probability;
  }
  return count;
}

/**
 * Gamma with the given shape and scale 1, by Marsaglia and Tsang's method
 * (ACM TOMS 26(3), 2000), with normals by inversion; a shape below 1 is
 * boosted: Gamma(a) = Gamma(a + 1) * U^(1/a).
 */
function sampleGamma(shape: number, stream: RandomStream): number {
  if (shape < 1) return sampleGamma(shape + 1, stream) * stream.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normalQuantile(stream.next());
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = stream.next();
    if (Math.log(u) < (z * z) / 2 + d - d * v + d * Math.log(v)) return d * v;
  }
}
