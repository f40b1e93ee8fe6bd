/**
 * Task-level count distributions for a step's calls. The engine needs only
 * their first two raw moments: E[C] for tokens that scale with calls and
 * E[C^2] for context growth, since E[C(C-1)] = E[C^2] - E[C].
 */
export type CountFamily = 'fixed' | 'poisson' | 'geometric' | 'negative_binomial';

/**
 * Writes E[C] to out[offset] and E[C^2] to out[offset + 1].
 *
 * - fixed: C = mean in every task (a non-integer mean is an average count).
 * - poisson: mean lambda; E[C^2] = lambda + lambda^2.
 * - geometric on 1, 2, 3, ... with the given mean m = 1 / p; E[C^2] = 2m^2 - m.
 * - negative_binomial on 0, 1, 2, ... by mean and sd (sd^2 > mean);
 *   E[C^2] = sd^2 + mean^2.
 *
 * With a finite `max`, C is censored: a task that would run more runs `max`
 * (an agent loop's iteration cap). Geometric then has a closed form; Poisson and
 * negative binomial are summed over 0..max-1 in O(max).
 *
 * Writing into an array instead of returning an object keeps the simulation
 * loop free of allocation.
 */
export function writeCountMoments(
  family: CountFamily,
  mean: number,
  sd: number,
  max: number,
  out: Float64Array,
  offset: number,
): void {
  if (family === 'negative_binomial' && sd * sd <= mean) {
    // A drawn sd at or below the Poisson's leaves no negative binomial; the
    // Poisson is its limit as the variance falls to the mean.
    writeCountMoments('poisson', mean, sd, max, out, offset);
  } else if (family === 'fixed') {
    const count = Math.min(mean, max);
    out[offset] = count;
    out[offset + 1] = count * count;
  } else if (family === 'geometric') {
    // A loop runs at least once: a drawn mean below 1 is read as 1.
    writeGeometricMoments(Math.max(1, mean), max, out, offset);
  } else if (max === Infinity) {
    out[offset] = mean;
    out[offset + 1] = family === 'poisson' ? mean + mean * mean : sd * sd + mean * mean;
  } else {
    writeCensoredMoments(family, mean, sd, max, out, offset);
  }
}

function writeGeometricMoments(mean: number, max: number, out: Float64Array, offset: number) {
  const p = 1 / mean;
  if (max === Infinity) {
    out[offset] = mean;
    out[offset + 1] = 2 * mean * mean - mean;
    return;
  }
  // P(C > k) = q^k for k = 0, 1, ...; E[min(C, K)] = sum_{k<K} q^k and
  // E[min(C, K)^2] = sum_{k<K} (2k + 1) q^k (tail-sum formulas for moments).
  const q = 1 - p;
  const qToKMinusOne = integerPower(q, max - 1);
  const qToK = qToKMinusOne * q;
  const sumQ = (1 - qToK) / p;
  const sumKQ = (q * (1 - max * qToKMinusOne + (max - 1) * qToK)) / (p * p);
  out[offset] = sumQ;
  out[offset + 1] = 2 * sumKQ + sumQ;
}

function writeCensoredMoments(
  family: 'poisson' | 'negative_binomial',
  mean: number,
  sd: number,
  max: number,
  out: Float64Array,
  offset: number,
): void {
  // P(C = k) from P(C = k - 1) by the ratio of successive terms: mean / k for
  // the Poisson, (k - 1 + size) / k * (1 - success share) for the negative
  // binomial. One multiplication a term instead of a logarithm and an
  // exponential, which this loop ran for every step, month and trial.
  let logFirst: number;
  let sizeLessOne = 0;
  let failureShare = 0;
  if (family === 'poisson') {
    logFirst = -mean;
  } else {
    const variance = sd * sd;
    const successShare = mean / variance;
    const size = (mean * mean) / (variance - mean);
    logFirst = size * Math.log(successShare);
    sizeLessOne = size - 1;
    failureShare = 1 - successShare;
  }
  if (logFirst < SMALLEST_LOG_PROBABILITY) {
    writeCensoredMomentsInLogs(family, mean, sd, max, out, offset);
    return;
  }
  let probability = Math.exp(logFirst);
  let below = 0;
  let first = 0;
  let second = 0;
  for (let k = 0; k < max; k += 1) {
    if (k > 0) {
      probability *= family === 'poisson' ? mean / k : ((k + sizeLessOne) / k) * failureShare;
    }
    below += probability;
    first += k * probability;
    second += k * k * probability;
  }
  const atCap = Math.max(0, 1 - below);
  out[offset] = first + max * atCap;
  out[offset + 1] = second + max * max * atCap;
}

/**
 * Below this log probability the first term would lose precision as a
 * double (e^-700 is near the smallest normal double, 1e-308): a count whose
 * mean is in the hundreds. Such counts step their probabilities in logs.
 */
const SMALLEST_LOG_PROBABILITY = -700;

/** writeCensoredMoments with every probability stepped in log space, for large means. */
function writeCensoredMomentsInLogs(
  family: 'poisson' | 'negative_binomial',
  mean: number,
  sd: number,
  max: number,
  out: Float64Array,
  offset: number,
): void {
  const variance = sd * sd;
  const successShare = mean / variance;
  const size = (mean * mean) / (variance - mean);
  const poisson = family === 'poisson';
  const logMean = Math.log(mean);
  const logFailure = poisson ? 0 : Math.log1p(-successShare);
  let logProbability = poisson ? -mean : size * Math.log(successShare);
  let below = 0;
  let first = 0;
  let second = 0;
  for (let k = 0; k < max; k += 1) {
    if (k > 0) {
      logProbability += poisson ? logMean - Math.log(k) : Math.log((k - 1 + size) / k) + logFailure;
    }
    const probability = Math.exp(logProbability);
    below += probability;
    first += k * probability;
    second += k * k * probability;
  }
  const atCap = Math.max(0, 1 - below);
  out[offset] = first + max * atCap;
  out[offset + 1] = second + max * max * atCap;
}

/**
 * base ^ exponent for a whole exponent by repeated squaring: a handful of
 * multiplications where Math.pow costs tens of nanoseconds, and this runs per
 * step, month and trial.
 */
function integerPower(base: number, exponent: number): number {
  let result = 1;
  let square = base;
  for (let rest = exponent; rest > 0; rest >>>= 1) {
    if ((rest & 1) === 1) result *= square;
    square *= square;
  }
  return result;
}
