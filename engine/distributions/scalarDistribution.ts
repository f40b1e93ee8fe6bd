import { normalQuantile, Z95 } from './normalQuantile.js';
import { normalCdf } from './specialFunctions.js';

/**
 * An uncertain scalar: drawn by the inverse of its distribution function, so
 * that one uniform per draw fixes the value. Inverse sampling keeps the draws
 * of an input aligned across variants of a scenario (common random numbers).
 */
export interface ScalarDistribution {
  readonly family: string;
  /** The value at cumulative probability u, 0 < u < 1. */
  quantile(u: number): number;
  /** P(X <= x): used to truncate a distribution and to invert a mixture. */
  cdf(x: number): number;
  readonly mean: number;
  /** Smallest and largest value the distribution can take. */
  readonly lower: number;
  readonly upper: number;
  /** A short human description, e.g. "lognormal, P5 1800, P95 4000". */
  readonly description: string;
  /**
   * The quantile as a transform of a standard normal or a uniform, for the
   * simulation's batch sampler, which avoids a closure call per draw; null
   * for families it does not cover (they use `quantile`).
   */
  readonly transform: SamplingTransform | null;
}

/**
 * value = f(a + b z) with z = normalQuantile(u) for the normal families:
 * 'normal' f(x) = x, 'lognormal' exp(x), 'rate' exp(x) - 1, 'share'
 * 1 / (1 + exp(-x)); 'uniform' is a + b u.
 */
export interface SamplingTransform {
  readonly kind: 'normal' | 'lognormal' | 'rate' | 'share' | 'uniform';
  readonly a: number;
  readonly b: number;
}

/** A parameter that makes a distribution meaningless; the message says why. */
export class DistributionParameterError extends Error {
  override readonly name = 'DistributionParameterError';
}

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new DistributionParameterError(`${name} must be a finite number`);
  }
}

/** A value known exactly. */
export function makeFixed(value: number): ScalarDistribution {
  requireFinite('the value', value);
  return {
    family: 'fixed',
    quantile: () => value,
    cdf: (x) => (x >= value ? 1 : 0),
    transform: null,
    mean: value,
    lower: value,
    upper: value,
    description: `fixed ${formatPlain(value)}`,
  };
}

/** Normal with the given mean and standard deviation (sd > 0). */
export function makeNormal(mean: number, sd: number): ScalarDistribution {
  requireFinite('mean', mean);
  requireFinite('sd', sd);
  if (!(sd > 0)) throw new DistributionParameterError('sd must be above 0');
  return {
    family: 'normal',
    quantile: (u) => mean + sd * normalQuantile(u),
    cdf: (x) => normalCdf((x - mean) / sd),
    transform: { kind: 'normal', a: mean, b: sd },
    mean,
    lower: -Infinity,
    upper: Infinity,
    description: `normal, mean ${formatPlain(mean)}, sd ${formatPlain(sd)}`,
  };
}

/** Normal whose P5 and P95 are the two given values (in either order). */
export function makeNormalFromP5P95(a: number, b: number): ScalarDistribution {
  const [low, high] = orderPair(a, b);
  return makeNormal((low + high) / 2, (high - low) / (2 * Z95));
}

/** Lognormal: exp(N(mu, sigma)). Mean exp(mu + sigma^2 / 2). */
export function makeLognormal(mu: number, sigma: number): ScalarDistribution {
  requireFinite('mu', mu);
  requireFinite('sigma', sigma);
  if (!(sigma > 0)) throw new DistributionParameterError('sigma must be above 0');
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  if (!Number.isFinite(mean)) throw new DistributionParameterError('mu and sigma are too large');
  return {
    family: 'lognormal',
    quantile: (u) => Math.exp(mu + sigma * normalQuantile(u)),
    cdf: (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)),
    transform: { kind: 'lognormal', a: mu, b: sigma },
    mean,
    lower: 0,
    upper: Infinity,
    description: `lognormal, median ${formatPlain(Math.exp(mu))}, sigma ${formatPlain(sigma)}`,
  };
}

/** Lognormal whose P5 and P95 are the two given positive values. */
export function makeLognormalFromP5P95(a: number, b: number): ScalarDistribution {
  const [low, high] = orderPair(a, b);
  if (!(low > 0)) {
    throw new DistributionParameterError(
      'both ends of a range must be above 0 for a quantity that cannot be negative',
    );
  }
  const mu = (Math.log(low) + Math.log(high)) / 2;
  const sigma = (Math.log(high) - Math.log(low)) / (2 * Z95);
  const dist = makeLognormal(mu, sigma);
  return { ...dist, description: `lognormal, P5 ${formatPlain(low)}, P95 ${formatPlain(high)}` };
}

/**
 * Lognormal by its own mean and sd, via sigma^2 = ln(1 + sd^2 / mean^2) and
 * mu = ln(mean) - sigma^2 / 2 (the moment equations of the lognormal).
 */
export function makeLognormalFromMeanSd(mean: number, sd: number): ScalarDistribution {
  requireFinite('mean', mean);
  requireFinite('sd', sd);
  if (!(mean > 0)) throw new DistributionParameterError('mean must be above 0');
  if (!(sd > 0)) throw new DistributionParameterError('sd must be above 0');
  const sigmaSquared = Math.log1p((sd * sd) / (mean * mean));
  return makeLognormal(Math.log(mean) - sigmaSquared / 2, Math.sqrt(sigmaSquared));
}

/**
 * A rate r whose growth factor 1 + r is lognormal with P5 and P95 at 1 + a and
 * 1 + b. A rate written as a range ("-40% to -85%" a year) then never passes
 * -100%, which a normal would for wide ranges, and P5 and P95 stay at a and b.
 */
export function makeRateFromP5P95(a: number, b: number): ScalarDistribution {
  const [low, high] = orderPair(a, b);
  if (!(low > -1)) {
    throw new DistributionParameterError('both ends of a rate range must be above -100%');
  }
  const factor = makeLognormalFromP5P95(1 + low, 1 + high);
  return {
    family: 'rate',
    quantile: (u) => factor.quantile(u) - 1,
    cdf: (x) => factor.cdf(x + 1),
    transform: factor.transform && { ...factor.transform, kind: 'rate' },
    mean: factor.mean - 1,
    lower: -1,
    upper: Infinity,
    description: `rate, P5 ${formatPercentPlain(low)}, P95 ${formatPercentPlain(high)}`,
  };
}

/**
 * A share strictly between 0 and 1 whose logit is normal with P5 and P95 at
 * the logits of a and b. Its mean has no closed form; it is integrated
 * numerically (see logisticNormalMean).
 */
export function makeShareFromP5P95(a: number, b: number): ScalarDistribution {
  const [low, high] = orderPair(a, b);
  if (!(low > 0 && high < 1)) {
    throw new DistributionParameterError(
      'both ends of a share range must lie strictly between 0% and 100%',
    );
  }
  const logit = makeNormalFromP5P95(Math.log(low / (1 - low)), Math.log(high / (1 - high)));
  const quantile = (u: number): number => 1 / (1 + Math.exp(-logit.quantile(u)));
  return {
    family: 'logit-normal',
    quantile,
    cdf: (x) => (x <= 0 ? 0 : x >= 1 ? 1 : logit.cdf(Math.log(x / (1 - x)))),
    transform: logit.transform && { ...logit.transform, kind: 'share' },
    mean: logisticNormalMean(logit.mean, logitSd(low, high)),
    lower: 0,
    upper: 1,
    description: `share, P5 ${formatPercentPlain(low)}, P95 ${formatPercentPlain(high)}`,
  };
}

/** Uniform between min and max. */
export function makeUniform(min: number, max: number): ScalarDistribution {
  requireFinite('min', min);
  requireFinite('max', max);
  if (!(max > min)) throw new DistributionParameterError('max must be above min');
  return {
    family: 'uniform',
    quantile: (u) => min + (max - min) * u,
    cdf: (x) => Math.min(1, Math.max(0, (x - min) / (max - min))),
    transform: { kind: 'uniform', a: min, b: max - min },
    mean: (min + max) / 2,
    lower: min,
    upper: max,
    description: `uniform, ${formatPlain(min)} to ${formatPlain(max)}`,
  };
}

/** Triangular on [min, max] with its peak at mode; inverse CDF in closed form. */
export function makeTriangular(min: number, mode: number, max: number): ScalarDistribution {
  requireFinite('min', min);
  requireFinite('mode', mode);
  requireFinite('max', max);
  if (!(max > min)) throw new DistributionParameterError('max must be above min');
  if (!(mode >= min && mode <= max)) {
    throw new DistributionParameterError('mode must lie between min and max');
  }
  const width = max - min;
  const split = (mode - min) / width;
  return {
    family: 'triangular',
    transform: null,
    quantile: (u) =>
      u < split
        ? min + Math.sqrt(u * width * (mode - min))
        : max - Math.sqrt((1 - u) * width * (max - mode)),
    cdf: (x) =>
      x <= min
        ? 0
        : x >= max
          ? 1
          : x <= mode
            ? (x - min) ** 2 / (width * (mode - min))
            : 1 - (max - x) ** 2 / (width * (max - mode)),
    mean: (min + mode + max) / 3,
    lower: min,
    upper: max,
    description: `triangular, ${formatPlain(min)} / ${formatPlain(mode)} / ${formatPlain(max)}`,
  };
}

function orderPair(a: number, b: number): [number, number] {
  requireFinite('the low end', a);
  requireFinite('the high end', b);
  if (a === b) throw new DistributionParameterError('the two ends of a range must differ');
  return a < b ? [a, b] : [b, a];
}

function logitSd(low: number, high: number): number {
  return (Math.log(high / (1 - high)) - Math.log(low / (1 - low))) / (2 * Z95);
}

/**
 * E[1 / (1 + exp(-(mu + sigma Z)))] for a standard normal Z, which has no closed
 * form: the trapezoid rule over z in [-9, 9] with step 0.01. For a smooth
 * integrand under a Gaussian weight the rule converges faster than any power
 * of the step, so this is exact to rounding; the tails beyond 9 sd weigh 1e-19.
 */
function logisticNormalMean(mu: number, sigma: number): number {
  const step = 0.01;
  let sum = 0;
  for (let z = -9; z <= 9 + step / 2; z += step) {
    const weight = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    sum += weight / (1 + Math.exp(-(mu + sigma * z)));
  }
  return sum * step;
}

function formatPlain(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

function formatPercentPlain(value: number): string {
  return `${Number((value * 100).toPrecision(6))}%`;
}
