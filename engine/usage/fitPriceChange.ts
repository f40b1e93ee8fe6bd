/**
 * An annual price change for a scenario's curve, estimated from a price history:
 * the price of a tier (the cheapest of the named successive models that the
 * history lists on each date: gpt-4-turbo, then gpt-4o, say) fitted by a
 * least-squares line through its logarithm against time. The slope b per year
 * gives the annual change exp(b) - 1; its standard error gives the P5 to P95
 * range exp(b -/+ 1.645 se) - 1, printed in the scenario's `a to b` form.
 *
 * Known limitation: a tier's price moves in steps, so successive snapshots are
 * not independent and the range from the slope's standard error is too narrow;
 * read it as the spread of the trend, not of next year.
 */
import type { PriceHistoryRow } from '../catalog/readLiteLlmPriceMap.js';

export interface TierPoint {
  readonly date: string;
  /** The model that was cheapest in the tier on that date. */
  readonly model: string;
  /** Blended USD per million tokens: inputShare * input + (1 - inputShare) * output. */
  readonly usdPerMillionTokens: number;
}

export interface PriceChangeFit {
  readonly models: readonly string[];
  readonly inputShare: number;
  readonly points: readonly TierPoint[];
  /** exp(slope) - 1. */
  readonly annualChange: number;
  readonly p5: number;
  readonly p95: number;
  /** Of the log-linear fit, about the mean. */
  readonly rSquared: number;
  readonly years: number;
}

/** Why a fit could not be made, in words for the user. */
export class PriceFitError extends Error {
  override readonly name = 'PriceFitError';
}

const Z95 = 1.6448536269514722;
const DAY_MS = 86_400_000;

function yearsBetween(first: string, date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS / 365.25;
}

/** The tier's price on every date the history lists one of its models. */
export function tierSeries(
  rows: readonly PriceHistoryRow[],
  models: readonly string[],
  inputShare: number,
) {
  const byDate = new Map<string, TierPoint>();
  for (const row of rows) {
    if (!models.includes(row.model)) continue;
    const price =
      inputShare * row.inputUsdPerMillionTokens + (1 - inputShare) * row.outputUsdPerMillionTokens;
    const seen = byDate.get(row.date);
    if (seen === undefined || price < seen.usdPerMillionTokens) {
      byDate.set(row.date, { date: row.date, model: row.model, usdPerMillionTokens: price });
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Fits the tier's annual change. Throws PriceFitError with the reason when it cannot. */
export function fitPriceChange(
  rows: readonly PriceHistoryRow[],
  models: readonly string[],
  inputShare = 0.75,
): PriceChangeFit {
  const known = new Set(rows.map((row) => row.model));
  const missing = models.filter((model) => !known.has(model));
  if (missing.length > 0)
    throw new PriceFitError(`the history has no rows for ${missing.join(', ')}`);
  const points = tierSeries(rows, models, inputShare).filter((p) => p.usdPerMillionTokens > 0);
  if (points.length < 3)
    throw new PriceFitError(`the tier has ${points.length} priced dates; a fit needs 3`);
  const first = points[0]!.date;
  const xs = points.map((point) => yearsBetween(first, point.date));
  const ys = points.map((point) => Math.log(point.usdPerMillionTokens));
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((sum, x) => sum + (x - meanX) ** 2, 0);
  const sxy = xs.reduce((sum, x, i) => sum + (x - meanX) * (ys[i]! - meanY), 0);
  const slope = sxy / sxx;
  const residual = xs.reduce((sum, x, i) => sum + (ys[i]! - meanY - slope * (x - meanX)) ** 2, 0);
  const total = ys.reduce((sum, y) => sum + (y - meanY) ** 2, 0);
  const standardError = Math.sqrt(residual / (points.length - 2) / sxx);
  return {
    models,
    inputShare,
    points,
    annualChange: Math.expm1(slope),
    p5: Math.expm1(slope - Z95 * standardError),
    p95: Math.expm1(slope + Z95 * standardError),
    rSquared: total > 0 ? 1 - residual / total : 1,
    years: xs[xs.length - 1]!,
  };
}
