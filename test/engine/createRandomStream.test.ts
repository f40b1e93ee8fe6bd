import { describe, expect, it } from 'vitest';
import { createRandomStream } from '../../engine/createRandomStream.js';
import { expectWithinStandardErrors } from '../tolerance.js';

function drawMany(count: number, ...keys: (string | number)[]): Float64Array {
  const stream = createRandomStream(7, ...keys);
  return Float64Array.from({ length: count }, () => stream.next());
}

describe('createRandomStream', () => {
  it('repeats the same sequence for the same seed and keys', () => {
    expect(drawMany(100, 'a', 1)).toEqual(drawMany(100, 'a', 1));
  });

  it('gives different sequences for neighbouring keys', () => {
    const first = drawMany(100, 'block', 1, 'x');
    const second = drawMany(100, 'block', 2, 'x');
    expect(first.some((value, index) => value === second[index])).toBe(false);
  });

  it('stays strictly inside 0 and 1', () => {
    const draws = drawMany(100_000, 'range');
    expect(Math.min(...draws)).toBeGreaterThan(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('has the mean and variance of a uniform, 1/2 and 1/12, within sampling error', () => {
    const n = 200_000;
    const draws = drawMany(n, 'moments');
    const mean = draws.reduce((a, b) => a + b, 0) / n;
    // Var(U) = 1/12, so the mean's standard error is sqrt(1 / (12 n)).
    expectWithinStandardErrors(mean, 0.5, Math.sqrt(1 / (12 * n)));
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // Var of the sample variance of a uniform: (mu4 - sigma^4) / n, mu4 = 1/80.
    expectWithinStandardErrors(variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('fills ten equal bins evenly (chi-squared below its 99.9% point, 27.88 for 9 df)', () => {
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    for (const value of drawMany(n, 'bins')) counts[Math.floor(value * 10)]! += 1;
    const expected = n / 10;
    const chiSquared = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquared).toBeLessThan(27.88);
  });

  it('shows no lag-one correlation beyond sampling error', () => {
    const n = 100_000;
    const draws = drawMany(n, 'lag');
    let sum = 0;
    for (let index = 1; index < n; index += 1)
      sum += (draws[index]! - 0.5) * (draws[index - 1]! - 0.5);
    // Each product has variance (1/12)^2; the correlation's standard error is 1 / sqrt(n).
    const correlation = sum / (n - 1) / (1 / 12);
    expectWithinStandardErrors(correlation, 0, 1 / Math.sqrt(n));
  });
});
