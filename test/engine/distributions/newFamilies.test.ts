import { describe, expect, it } from 'vitest';
import {
  makeBernoulli,
  makeDiscrete,
  makeEmpirical,
  makePoisson,
  poissonQuantile,
} from '../../../engine/distributions/discreteDistributions.js';
import { makeMixture, truncate } from '../../../engine/distributions/combineDistributions.js';
import {
  makeLognormalFromPercentiles,
  makeNormalFromPercentiles,
} from '../../../engine/distributions/percentileDistributions.js';
import {
  DistributionParameterError,
  makeNormal,
  makeUniform,
} from '../../../engine/distributions/scalarDistribution.js';
import {
  makeBeta,
  makeBetaFromMeanSd,
  makeGamma,
  makeGammaFromMeanSd,
  makePert,
} from '../../../engine/distributions/shapeDistributions.js';
import { normalCdf } from '../../../engine/distributions/specialFunctions.js';
import { expectRelativelyClose } from '../../tolerance.js';

const US = [0.001, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.999];

/** Simpson's rule on n (even) panels: the independent route to a distribution function. */
function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

describe('the gamma family', () => {
  it.each(US)('with shape 1 is the exponential, Q(u) = -scale ln(1 - u), at u = %s', (u) => {
    expectRelativelyClose(makeGamma(1, 2).quantile(u), -2 * Math.log1p(-u), 1e-11);
  });

  it('with shape 1/2 and scale 2 is the chi-square with 1 df, whose P95 is qnorm(0.975)^2', () => {
    // R: qnorm(0.975) = 1.959963984540054, so qchisq(0.95, 1) = 3.841458820694124.
    expectRelativelyClose(makeGamma(0.5, 2).quantile(0.95), 1.959963984540054 ** 2, 1e-11);
  });

  it.each(US)('with shape 2 inverts 1 - e^-x (1 + x), its closed-form cdf, at u = %s', (u) => {
    const x = makeGamma(2, 1).quantile(u);
    expect(Math.abs(1 - Math.exp(-x) * (1 + x) - u)).toBeLessThan(1e-12);
  });

  it('with shape 3.7 puts u of the integrated density below its quantile', () => {
    const shape = 3.7;
    const density = (x: number) => x ** (shape - 1) * Math.exp(-x);
    const total = simpson(density, 0, 80);
    for (const u of [0.05, 0.5, 0.95]) {
      const q = makeGamma(shape, 1).quantile(u);
      expect(Math.abs(simpson(density, 0, q) / total - u)).toBeLessThan(1e-9);
    }
  });

  it('by mean and sd keeps both', () => {
    const dist = makeGammaFromMeanSd(3000, 1500);
    expectRelativelyClose(dist.mean, 3000, 1e-12);
    // shape 4, scale 750: sd = sqrt(4) * 750.
    expect(dist.description).toBe('gamma, shape 4, scale 750');
  });
});

describe('the beta family', () => {
  it.each(US)('Beta(a, 1) has Q(u) = u^(1/a) and Beta(1, b) 1 - (1 - u)^(1/b), u = %s', (u) => {
    expectRelativelyClose(makeBeta(2.5, 1).quantile(u), u ** (1 / 2.5), 1e-11);
    expectRelativelyClose(makeBeta(1, 3).quantile(u), 1 - (1 - u) ** (1 / 3), 1e-11);
  });

  it.each(US)('Beta(1/2, 1/2) is the arcsine law, Q(u) = sin^2(pi u / 2), u = %s', (u) => {
    expectRelativelyClose(makeBeta(0.5, 0.5).quantile(u), Math.sin((Math.PI * u) / 2) ** 2, 1e-10);
  });

  it('Beta(2.5, 4) puts u of the integrated density below its quantile', () => {
    const density = (x: number) => x ** 1.5 * (1 - x) ** 3;
    const total = simpson(density, 0, 1);
    for (const u of [0.05, 0.5, 0.95]) {
      const q = makeBeta(2.5, 4).quantile(u);
      expect(Math.abs(simpson(density, 0, q) / total - u)).toBeLessThan(1e-9);
    }
  });

  it('by mean and sd solves the moment equations', () => {
    // mean 0.2, sd 0.1: alpha + beta = 0.2 * 0.8 / 0.01 - 1 = 15, alpha 3, beta 12.
    expect(makeBetaFromMeanSd(0.2, 0.1).description).toBe('beta, alpha 3, beta 12');
  });

  it('rejects an sd a beta with that mean cannot have', () => {
    expect(() => makeBetaFromMeanSd(0.5, 0.5)).toThrow(/needs sd below 0.5/);
  });
});

describe('the PERT family', () => {
  it('has mean (min + 4 mode + max) / 6 and lies within its ends', () => {
    const dist = makePert(100, 200, 700);
    expect(dist.mean).toBeCloseTo((100 + 4 * 200 + 700) / 6, 10);
    expect(dist.quantile(0.001)).toBeGreaterThan(100);
    expect(dist.quantile(0.999)).toBeLessThan(700);
  });

  it('is symmetric about its mode when the mode is central', () => {
    const dist = makePert(0, 5, 10);
    expect(dist.quantile(0.5)).toBeCloseTo(5, 10);
    expect(dist.quantile(0.1) + dist.quantile(0.9)).toBeCloseTo(10, 10);
  });

  it('is the Beta(1.8, 4.2) stretched over min..max (shapes 1 + 4 (mode - min) / width)', () => {
    // With x = t^5 the density x^0.8 (1 - x)^3.2 dx becomes 5 t^8 (1 - t^5)^3.2 dt, smooth at
    // 0, where Simpson's rule would otherwise converge slowly.
    const density = (t: number) => 5 * t ** 8 * (1 - t ** 5) ** 3.2;
    const total = simpson(density, 0, 1);
    const q = makePert(0, 2, 10).quantile(0.9);
    expect(Math.abs(simpson(density, 0, (q / 10) ** 0.2) / total - 0.9)).toBeLessThan(1e-9);
  });
});

describe('the Poisson family', () => {
  it('matches the smallest k whose summed probabilities reach u, for mean 3', () => {
    const pmf = (k: number) => {
      let p = Math.exp(-3);
      for (let i = 1; i <= k; i += 1) p *= 3 / i;
      return p;
    };
    for (const u of [0.01, 0.2, 0.5, 0.8, 0.99]) {
      let k = 0;
      let cumulative = pmf(0);
      while (cumulative < u) cumulative += pmf(++k);
      expect(makePoisson(3).quantile(u)).toBe(k);
    }
  });

  it('stays exact for a mean of a million, against a sum of Stirling-based probabilities', () => {
    const mean = 1e6;
    // ln k! by Stirling's series to 1/k^3, accurate to 1e-15 at these k.
    const logFactorial = (k: number) =>
      k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k ** 3);
    const pmf = (k: number) => Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
    for (const u of [0.05, 0.5, 0.975]) {
      let k = mean - 10_000;
      let cumulative = 0;
      for (let j = mean - 10_000; j <= k; j += 1) cumulative += pmf(j);
      while (cumulative < u) cumulative += pmf(++k);
      expect(poissonQuantile(mean, u)).toBe(k);
    }
  });
});

describe('discrete, bernoulli and empirical', () => {
  it('discrete values come up in proportion to their weights', () => {
    const dist = makeDiscrete([3, 1, 2], [1, 1, 2]);
    expect([0.2, 0.3, 0.7, 0.8].map((u) => dist.quantile(u))).toEqual([1, 2, 2, 3]);
    expect(dist.mean).toBe(2);
  });

  it('a bernoulli with p = 0.3 is 1 for u above 0.7', () => {
    const dist = makeBernoulli(0.3);
    expect([0.69, 0.71].map((u) => dist.quantile(u))).toEqual([0, 1]);
  });

  it('an empirical sample gives each observation the same chance', () => {
    const dist = makeEmpirical([40, 10, 30, 20]);
    expect([0.1, 0.3, 0.6, 0.9].map((u) => dist.quantile(u))).toEqual([10, 20, 30, 40]);
    expect(dist.mean).toBe(25);
  });

  it('rejects weights that do not match the values', () => {
    expect(() => makeDiscrete([1, 2], [1])).toThrow(DistributionParameterError);
  });
});

describe('mixtures and truncation', () => {
  it('inverts the mixture cdf: half U(0, 1) and half U(2, 3)', () => {
    const dist = makeMixture([
      { weight: 1, dist: makeUniform(0, 1) },
      { weight: 1, dist: makeUniform(2, 3) },
    ]);
    expect(dist.quantile(0.25)).toBeCloseTo(0.5, 10);
    expect(dist.quantile(0.75)).toBeCloseTo(2.5, 10);
    expect(dist.mean).toBe(1.5);
  });

  it('truncating a standard normal at 0 gives the half-normal, Q(u) = qnorm((1 + u) / 2)', () => {
    const half = truncate(makeNormal(0, 1), 0, Infinity);
    // Expected: the inverse of 2 Phi(x) - 1 checked through Phi.
    for (const u of [0.1, 0.5, 0.9]) {
      expect(Math.abs(2 * normalCdf(half.quantile(u)) - 1 - u)).toBeLessThan(1e-8);
    }
    // The half-normal's mean is sqrt(2 / pi).
    expectRelativelyClose(half.mean, Math.sqrt(2 / Math.PI), 1e-4);
    expect(half.lower).toBe(0);
  });

  it('refuses a truncation that leaves no probability', () => {
    expect(() => truncate(makeNormal(0, 1), 50, 60)).toThrow(/almost no probability/);
  });
});

describe('normal and lognormal through two percentiles', () => {
  it('the normal with P10 = 10 and P90 = 30 has mean 20 and sd 10 / qnorm(0.9)', () => {
    const dist = makeNormalFromPercentiles({ p: 0.1, x: 10 }, { p: 0.9, x: 30 });
    expectRelativelyClose(dist.mean, 20, 1e-12);
    // R: qnorm(0.9) = 1.281551565544601.
    expectRelativelyClose(
      dist.quantile(0.75) - 20,
      (10 / 1.281551565544601) * 0.6744897501960817,
      1e-8,
    );
  });

  it('the lognormal through P25 = 1k and P99 = 10k passes through both', () => {
    const dist = makeLognormalFromPercentiles({ p: 0.25, x: 1000 }, { p: 0.99, x: 10_000 });
    expectRelativelyClose(dist.quantile(0.25), 1000, 1e-8);
    expectRelativelyClose(dist.quantile(0.99), 10_000, 1e-8);
  });

  it('normal cdf matches R pnorm(1.959963984540054) = 0.975', () => {
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-14);
  });
});
