import type { SimulationResult } from '../simulationResult.js';
import { summarizeSample } from '../summarizeSample.js';
import type { BudgetPlan, CumulativePoint, QuarterSpend } from '../summaryTypes.js';
import { quantileOfSorted } from './quantileOf.js';

/**
 * What a budget holder asks of the per-task forecast: the expected overrun
 * E[max(0, annual - budget)], the budgets that P80 and P90 of the trials stay
 * within (null for one trial), spend per calendar quarter, and cumulative spend against the
 * budget's straight line (budget * (m + 1) / months by the end of month m)
 * with the month from which the cumulative P50 stays above it.
 * Cost: O(months * trials log trials) for the cumulative percentiles.
 */
export function analyzeBudget(
  result: SimulationResult,
  budget: number,
  monthLabels: readonly string[],
): BudgetPlan {
  const annual = Float64Array.from(result.annualPerTask).sort();
  let overrun = 0;
  for (const value of annual) overrun += Math.max(0, value - budget);
  const cumulative = cumulativePoints(result, budget, monthLabels);
  // One trial's P80 and P90 are that trial: no budget covers a share of trials.
  const coversOf = (p: number) => (annual.length > 1 ? quantileOfSorted(annual, p) : null);
  return {
    expectedOverrun: overrun / annual.length,
    coversP80: coversOf(0.8),
    coversP90: coversOf(0.9),
    quarters: quarterSpend(result, monthLabels),
    cumulative,
    firstMonthAboveLine: firstMonthStayingAbove(cumulative),
  };
}

/**
 * The first month from which the cumulative P50 stays above the straight
 * line to the end of the horizon; null when it ends on or below it. A P50 that
 * pokes above the line in one month and falls back does not count: the
 * budget holder asks when the year runs ahead for good.
 */
export function firstMonthStayingAbove(cumulative: readonly CumulativePoint[]): string | null {
  let first: string | null = null;
  for (const point of cumulative) {
    if (point.p50 <= point.budgetLine) first = null;
    else first ??= point.month;
  }
  return first;
}

function cumulativePoints(
  result: SimulationResult,
  budget: number,
  monthLabels: readonly string[],
): CumulativePoint[] {
  const { trials, months } = result;
  const running = new Float64Array(trials);
  const sorted = new Float64Array(trials);
  return monthLabels.map((month, m) => {
    for (let trial = 0; trial < trials; trial += 1)
      running[trial]! += result.totalPerTask[m * trials + trial]!;
    sorted.set(running);
    sorted.sort();
    return {
      month,
      p10: quantileOfSorted(sorted, 0.1),
      p50: quantileOfSorted(sorted, 0.5),
      p90: quantileOfSorted(sorted, 0.9),
      budgetLine: (budget * (m + 1)) / months,
    };
  });
}

/** Spend per calendar quarter ('2027-Q1'); a horizon starting mid-quarter has a short first one. */
function quarterSpend(result: SimulationResult, monthLabels: readonly string[]): QuarterSpend[] {
  const { trials } = result;
  const groups = new Map<string, number[]>();
  monthLabels.forEach((label, m) => {
    const quarter = `${label.slice(0, 4)}-Q${Math.floor((Number(label.slice(5, 7)) - 1) / 3) + 1}`;
    groups.set(quarter, [...(groups.get(quarter) ?? []), m]);
  });
  const scratch = new Float64Array(trials);
  return [...groups].map(([quarter, monthIndices]) => {
    const spend = new Float64Array(trials);
    for (const m of monthIndices) {
      for (let trial = 0; trial < trials; trial += 1)
        spend[trial]! += result.totalPerTask[m * trials + trial]!;
    }
    return {
      quarter,
      months: monthIndices.map((m) => monthLabels[m]!),
      perTask: summarizeSample(spend, scratch),
    };
  });
}
