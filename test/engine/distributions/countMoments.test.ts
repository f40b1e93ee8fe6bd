import { describe, expect, it } from 'vitest';
import { writeCountMoments, type CountFamily } from '../../../engine/distributions/countMoments.js';
import { expectRelativelyClose } from '../../tolerance.js';

function moments(family: CountFamily, mean: number, sd: number, max: number): [number, number] {
  const out = new Float64Array(2);
  writeCountMoments(family, mean, sd, max, out, 0);
  return [out[0]!, out[1]!];
}

/** E[min(C, max)] and E[min(C, max)^2] by summing a probability mass function. */
function bruteForce(pmf: (k: number) => number, max: number, support = 2000): [number, number] {
  let first = 0;
  let second = 0;
  for (let k = 0; k <= support; k += 1) {
    const value = Math.min(k, max);
    first += value * pmf(k);
    second += value * value * pmf(k);
  }
  return [first, second];
}

function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i += 1) sum += Math.log(i);
  return sum;
}

describe('writeCountMoments', () => {
  it('gives Poisson moments lambda and lambda + lambda^2', () => {
    expect(moments('poisson', 2.5, 0, Infinity)).toEqual([2.5, 2.5 + 6.25]);
  });

  it('gives geometric moments m and 2m^2 - m on 1, 2, ...', () => {
    expect(moments('geometric', 3, 0, Infinity)).toEqual([3, 15]);
  });

  it('gives negative binomial moments mean and sd^2 + mean^2', () => {
    expect(moments('negative_binomial', 12, 6, Infinity)).toEqual([12, 180]);
  });

  it('matches a summed pmf for a geometric capped at 12', () => {
    const p = 1 / 3;
    const expected = bruteForce((k) => (k >= 1 ? (1 - p) ** (k - 1) * p : 0), 12);
    const [first, second] = moments('geometric', 3, 0, 12);
    expectRelativelyClose(first, expected[0], 1e-12);
    expectRelativelyClose(second, expected[1], 1e-12);
  });

  it('matches a summed pmf for a Poisson capped at 4', () => {
    const lambda = 3.2;
    const pmf = (k: number) => Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
    const expected = bruteForce(pmf, 4, 200);
    const [first, second] = moments('poisson', lambda, 0, 4);
    expectRelativelyClose(first, expected[0], 1e-12);
    expectRelativelyClose(second, expected[1], 1e-12);
  });

  it('matches a summed pmf for a negative binomial capped at 30', () => {
    // Size r and success p from mean 12 and sd 6: p = 12 / 36, r = 144 / 24 = 6.
    const size = 6;
    const p = 1 / 3;
    const logPmf = (k: number) =>
      logFactorial(k + size - 1) -
      logFactorial(k) -
      logFactorial(size - 1) +
      size * Math.log(p) +
      k * Math.log(1 - p);
    const expected = bruteForce((k) => Math.exp(logPmf(k)), 30, 400);
    const [first, second] = moments('negative_binomial', 12, 6, 30);
    expectRelativelyClose(first, expected[0], 1e-10);
    expectRelativelyClose(second, expected[1], 1e-10);
  });

  it('caps a fixed count and reads a geometric mean below 1 as 1', () => {
    expect(moments('fixed', 7, 0, 5)).toEqual([5, 25]);
    expect(moments('geometric', 0.5, 0, Infinity)).toEqual([1, 1]);
  });
});
