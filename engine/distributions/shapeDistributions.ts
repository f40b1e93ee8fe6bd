import { invertCdf } from './invertCdf.js';
import { DistributionParameterError, type ScalarDistribution } from './scalarDistribution.js';
import { logGamma, regularizedBeta, regularizedGammaP } from './specialFunctions.js';

/*
 * Families with a shape: beta (shares and probabilities), PERT (a beta
 * stretched over an expert's min / most likely / max) and gamma (positive
 * amounts with a long right tail). Their quantiles have no closed form, so
 * each is the exact inverse of the distribution function, found by a
 * safeguarded Newton search (invertCdf): about 1e-13 relative, a few
 * microseconds a draw.
 */

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new DistributionParameterError(`\`${name}\` must be a finite number above 0`);
  }
}

/** Beta(alpha, beta) on [0, 1]; mean alpha / (alpha + beta). */
export function makeBeta(alpha: number, beta: number): ScalarDistribution {
  requirePositive('alpha', alpha);
  requirePositive('beta', beta);
  const logNorm = logGamma(alpha + beta) - logGamma(alpha) - logGamma(beta);
  const cdf = (x: number): number => regularizedBeta(x, alpha, beta);
  const density = (x: number): number =>
    x <= 0 || x >= 1
      ? 0
      : Math.exp(logNorm + (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x));
  const mean = alpha / (alpha + beta);
  return {
    family: 'beta',
    quantile: (u) => invertCdf(u, cdf, density, 0, 1, mean),
    cdf,
    transform: null,
    mean,
    lower: 0,
    upper: 1,
    description: `beta, alpha ${plain(alpha)}, beta ${plain(beta)}`,
  };
}

/**
 * Beta by its mean and sd, by the method of moments: alpha + beta =
 * mean (1 - mean) / sd^2 - 1, which must be above 0 (sd below the sd of a
 * coin with that mean, sqrt(mean (1 - mean))).
 */
export function makeBetaFromMeanSd(mean: number, sd: number): ScalarDistribution {
  if (!(Number.isFinite(mean) && mean > 0 && mean < 1)) {
    throw new DistributionParameterError('the mean of a beta must lie strictly between 0 and 1');
  }
  requirePositive('sd', sd);
  const total = (mean * (1 - mean)) / (sd * sd) - 1;
  if (!(total > 0)) {
    const limit = Math.sqrt(mean * (1 - mean));
    throw new DistributionParameterError(
      `a beta with mean ${plain(mean)} needs sd below ${plain(limit)}`,
    );
  }
  return makeBeta(mean * total, (1 - mean) * total);
}

/**
 * PERT on [min, max] with most likely value `mode`: a beta with shapes
 * 1 + 4 (mode - min) / (max - min) and 1 + 4 (max - mode) / (max - min),
 * stretched to [min, max] (Vose, Risk Analysis, 3rd ed., 2008). Mean
 * (min + 4 mode + max) / 6.
 */
export function makePert(min: number, mode: number, max: number): ScalarDistribution {
  for (const [name, value] of [
    ['min', min],
    ['mode', mode],
    ['max', max],
  ] as const) {
    if (!Number.isFinite(value)) throw new DistributionParameterError(`${name} must be finite`);
  }
  if (!(max > min)) throw new DistributionParameterError('max must be above min');
  if (!(mode >= min && mode <= max)) {
    throw new DistributionParameterError('mode must lie between min and max');
  }
  const width = max - min;
  const shape = makeBeta(1 + (4 * (mode - min)) / width, 1 + (4 * (max - mode)) / width);
  return {
    family: 'pert',
    quantile: (u) => min + width * shape.quantile(u),
    cdf: (x) => shape.cdf((x - min) / width),
    transform: null,
    mean: (min + 4 * mode + max) / 6,
    lower: min,
    upper: max,
    description: `PERT, ${plain(min)} / ${plain(mode)} / ${plain(max)}`,
  };
}

/** Gamma with the given shape and scale; mean shape * scale, sd sqrt(shape) * scale. */
export function makeGamma(shape: number, scale: number): ScalarDistribution {
  requirePositive('shape', shape);
  requirePositive('scale', scale);
  const logNorm = -logGamma(shape) - shape * Math.log(scale);
  const cdf = (x: number): number => regularizedGammaP(shape, x / scale);
  const density = (x: number): number =>
    x <= 0 ? 0 : Math.exp(logNorm + (shape - 1) * Math.log(x) - x / scale);
  const mean = shape * scale;
  return {
    family: 'gamma',
    quantile: (u) => invertCdf(u, cdf, density, 0, Infinity, mean),
    cdf,
    transform: null,
    mean,
    lower: 0,
    upper: Infinity,
    description: `gamma, shape ${plain(shape)}, scale ${plain(scale)}`,
  };
}

/** Gamma by its mean and sd: shape (mean / sd)^2, scale sd^2 / mean. */
export function makeGammaFromMeanSd(mean: number, sd: number): ScalarDistribution {
  requirePositive('mean', mean);
  requirePositive('sd', sd);
  return makeGamma((mean / sd) ** 2, (sd * sd) / mean);
}

export function plain(value: number): string {
  return Number(value.toPrecision(6)).toString();
}
