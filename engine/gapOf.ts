/**
 * A trial's gap, per-task minus per-token spend, with float noise taken for
 * what it is: the two spends are sums of the same costs in different orders,
 * so equal forecasts part by a few units in their last bits (-8.9e-16 from
 * two sums of about $0.5). A gap within a billionth of the spends (doubles
 * carry about 16 digits, reports print 3) is 0, so no report has to guess.
 * Every gap the engine summarises goes through it: the annual and monthly
 * totals, the kept per-workload series (summarize) and the sketched ones
 * (simulate), so summary.json, the CSV and the workbook hold the same 0.
 * Cost: constant.
 */
export function gapOf(perTask: number, perToken: number): number {
  const gap = perTask - perToken;
  return isGapNoise(gap, perTask, perToken) ? 0 : gap;
}

/** Whether a gap is float noise against the two spends it is taken from (see gapOf). */
export function isGapNoise(gap: number, perTask: number, perToken: number): boolean {
  return Math.abs(gap) <= GAP_NOISE * Math.max(Math.abs(perTask), Math.abs(perToken));
}

const GAP_NOISE = 1e-9;

/**
 * Whether a part of the annual mean gap (a Shapley part) is float noise: the
 * parts are differences of spends of the forecast's size, so a part within a
 * billionth of those spends (the rule of isGapNoise) cannot be told from 0 and
 * is no finding. With spends of $1e29, a part of $1e13 is lost to rounding.
 */
export function isGapPartNoise(
  partMean: number,
  annual: {
    readonly perTask: { readonly mean: number };
    readonly perToken: { readonly mean: number };
  },
): boolean {
  return isGapNoise(partMean, annual.perTask.mean, annual.perToken.mean);
}
