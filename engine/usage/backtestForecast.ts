/**
 * A backtest: a forecast's months beside what the logs say was spent in them.
 * How often the actual month fell inside the per-task forecast's P10 to P90
 * (a well-calibrated forecast catches about 80% of months), and how far each
 * forecast's median was from the actual spend, per-token beside per-task.
 */
import type { DistributionSummary, Summary } from '../summaryTypes.js';

export interface BacktestMonth {
  readonly month: string;
  readonly actualUsd: number;
  readonly perTask: { readonly p10: number; readonly p50: number; readonly p90: number };
  readonly perTokenP50: number;
  /** Actual within the per-task P10 to P90, ends included. */
  readonly inside: boolean;
}

export interface ForecastError {
  /** Mean over months of |P50 - actual| / actual. */
  readonly meanAbsoluteShare: number;
  /** (sum of P50 - sum of actual) / sum of actual: the error of the period's total. */
  readonly totalShare: number;
}

export interface Backtest {
  readonly months: readonly BacktestMonth[];
  /** Share of months inside the per-task P10 to P90; null when no month matched. */
  readonly coverage: number | null;
  readonly perTask: ForecastError | null;
  readonly perToken: ForecastError | null;
  /** Months with actual spend that the forecast's horizon does not cover. */
  readonly unmatched: readonly string[];
}

function errorOf(months: readonly BacktestMonth[], pick: (month: BacktestMonth) => number) {
  const usable = months.filter((month) => month.actualUsd > 0);
  if (usable.length === 0) return null;
  const absolute = usable.map((month) => Math.abs(pick(month) - month.actualUsd) / month.actualUsd);
  const forecast = usable.reduce((sum, month) => sum + pick(month), 0);
  const actual = usable.reduce((sum, month) => sum + month.actualUsd, 0);
  return {
    meanAbsoluteShare: absolute.reduce((a, b) => a + b, 0) / usable.length,
    totalShare: (forecast - actual) / actual,
  };
}

/**
 * Compares a forecast's total monthly spend with the actual spend by month
 * ('YYYY-MM' to USD). Months of the horizon without actual spend are skipped.
 * Cost: linear in months.
 */
export function backtestForecast(
  summary: Summary,
  actualByMonth: ReadonlyMap<string, number>,
): Backtest {
  const months: BacktestMonth[] = [];
  summary.months.forEach((month, index) => {
    const actualUsd = actualByMonth.get(month);
    const triple = summary.total.monthly[index];
    if (actualUsd === undefined || triple === undefined) return;
    const perTask: DistributionSummary = triple.perTask;
    months.push({
      month,
      actualUsd,
      perTask: { p10: perTask.p10, p50: perTask.p50, p90: perTask.p90 },
      perTokenP50: triple.perToken.p50,
      inside: actualUsd >= perTask.p10 && actualUsd <= perTask.p90,
    });
  });
  const horizon = new Set(summary.months);
  return {
    months,
    coverage: months.length === 0 ? null : months.filter((m) => m.inside).length / months.length,
    perTask: errorOf(months, (month) => month.perTask.p50),
    perToken: errorOf(months, (month) => month.perTokenP50),
    unmatched: [...actualByMonth.keys()].filter((month) => !horizon.has(month)).sort(),
  };
}
