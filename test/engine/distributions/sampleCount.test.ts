import { describe, it } from 'vitest';
import { createRandomStream } from '../../../engine/createRandomStream.js';
import { writeCountMoments, type CountFamily } from '../../../engine/distributions/countMoments.js';
import { sampleCount } from '../../../engine/distributions/sampleCount.js';
import { expectWithinStandardErrors } from '../../tolerance.js';

/** Checks sample mean and mean square of many draws against writeCountMoments' exact values. */
function checkAgainstMoments(family: CountFamily, mean: number, sd: number, max: number): void {
  const n = 60_000;
  const stream = createRandomStream(1, family, mean, sd, max);
  let sum = 0;
  let sumSquares = 0;
  let sumFourth = 0;
  for (let i = 0; i < n; i += 1) {
    const count = sampleCount(family, mean, sd, max, stream);
    sum += count;
    sumSquares += count * count;
    sumFourth += count ** 4;
  }
  const exact = new Float64Array(2);
  writeCountMoments(family, mean, sd, max, exact, 0);
  const variance = exact[1]! - exact[0]! ** 2;
  expectWithinStandardErrors(sum / n, exact[0]!, Math.sqrt(variance / n));
  // Var(C^2) <= E[C^4], estimated from the same draws.
  expectWithinStandardErrors(sumSquares / n, exact[1]!, Math.sqrt(sumFourth / n / n));
}

describe('sampleCount', () => {
  it.each([
    ['poisson', 2.5, 0, Infinity],
    ['poisson', 40, 0, 45],
    ['poisson', 900, 0, Infinity],
    ['geometric', 3, 0, Infinity],
    ['geometric', 3, 0, 12],
    ['negative_binomial', 12, 6, 30],
    ['negative_binomial', 0.8, 1.5, Infinity],
  ] as const)(
    'draws %s (mean %s, sd %s, cap %s) with the exact first two moments',
    (family, mean, sd, max) => {
      checkAgainstMoments(family, mean, sd, max);
    },
  );
});
