import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../engine/distributions/normalQuantile.js';
import {
  DistributionParameterError,
  makeLognormal,
  makeLognormalFromMeanSd,
  makeLognormalFromP5P95,
  makeNormal,
  makeRateFromP5P95,
  makeShareFromP5P95,
  makeTriangular,
  makeUniform,
} from '../../../engine/distributions/scalarDistribution.js';
import { expectRelativelyClose } from '../../tolerance.js';

describe('normalQuantile', () => {
  // Expected values: R 4.x, qnorm(p), printed with digits = 16.
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.644853626951472],
    [0.9, 1.281551565544601],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])('matches R qnorm(%s) to 1e-8', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-8);
  });
});

describe('ranges written as "a to b"', () => {
  it('put P5 and P95 of a lognormal exactly at the two ends', () => {
    const dist = makeLognormalFromP5P95(1800, 4000);
    expectRelativelyClose(dist.quantile(0.05), 1800, 1e-8);
    expectRelativelyClose(dist.quantile(0.95), 4000, 1e-8);
  });

  it('put P5 and P95 of a rate at the ends, in either order, and never at -100%', () => {
    const dist = makeRateFromP5P95(-0.4, -0.85);
    expectRelativelyClose(dist.quantile(0.05), -0.85, 1e-8);
    expectRelativelyClose(dist.quantile(0.95), -0.4, 1e-8);
    expect(dist.quantile(1e-12)).toBeGreaterThan(-1);
  });

  it('put P5 and P95 of a share at the ends and keep it inside 0 to 1', () => {
    const dist = makeShareFromP5P95(0.08, 0.2);
    expectRelativelyClose(dist.quantile(0.05), 0.08, 1e-8);
    expectRelativelyClose(dist.quantile(0.95), 0.2, 1e-8);
    expect(dist.quantile(1e-12)).toBeGreaterThan(0);
    expect(dist.quantile(1 - 1e-12)).toBeLessThan(1);
  });

  it('refuse a lognormal range that starts at zero', () => {
    expect(() => makeLognormalFromP5P95(0, 4000)).toThrow(DistributionParameterError);
  });
});

describe('distribution means', () => {
  it('give the lognormal mean exp(mu + sigma^2 / 2)', () => {
    // exp(8 + 0.16 / 2) = exp(8.08), by the lognormal moment formula.
    expectRelativelyClose(makeLognormal(8, 0.4).mean, Math.exp(8.08), 1e-12);
  });

  it('recover the mean and sd a lognormal was made from', () => {
    const dist = makeLognormalFromMeanSd(3000, 1000);
    expectRelativelyClose(dist.mean, 3000, 1e-12);
    // Var = (exp(sigma^2) - 1) exp(2 mu + sigma^2); checked by integrating the quantile.
    let sumSquares = 0;
    const points = 200_000;
    for (let i = 0; i < points; i += 1) sumSquares += dist.quantile((i + 0.5) / points) ** 2;
    const sd = Math.sqrt(sumSquares / points - 3000 ** 2);
    expect(Math.abs(sd - 1000) / 1000).toBeLessThan(2e-3);
  });

  it('integrate the logit-normal share to its mean', () => {
    const dist = makeShareFromP5P95(0.08, 0.2);
    // Midpoint rule with 10^6 points, independent of the 20,000 the constructor uses.
    let sum = 0;
    for (let i = 0; i < 1e6; i += 1) sum += dist.quantile((i + 0.5) / 1e6);
    expect(Math.abs(dist.mean - sum / 1e6)).toBeLessThan(1e-6);
  });
});

describe('closed-form quantiles', () => {
  it('give the uniform and triangular quantiles of their textbook inverses', () => {
    expect(makeUniform(10, 30).quantile(0.25)).toBe(15);
    const triangle = makeTriangular(0, 2, 10);
    // F(x) = x^2 / (b-a)(c-a) below the mode: F(2) = 4 / 20 = 0.2.
    expectRelativelyClose(triangle.quantile(0.2), 2, 1e-12);
    // Above the mode, 1 - F(x) = (b - x)^2 / (b-a)(b-c): F(6) = 1 - 16/80 = 0.8.
    expectRelativelyClose(triangle.quantile(0.8), 6, 1e-12);
    expectRelativelyClose(triangle.mean, 4, 1e-12);
  });

  it('reject a normal with a negative sd and a triangle whose mode lies outside', () => {
    expect(() => makeNormal(0, -1)).toThrow(DistributionParameterError);
    expect(() => makeTriangular(0, 12, 10)).toThrow(DistributionParameterError);
  });
});
