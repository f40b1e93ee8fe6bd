import { describe, expect, it } from 'vitest';
import { firstMonthStayingAbove } from '../../../engine/decide/analyzeBudget.js';
import type { BudgetPlan, CumulativePoint } from '../../../engine/summaryTypes.js';
import {
  budgetEndSentenceOf,
  crossingSentenceOf,
} from '../../../reports/charts/buildBudgetChart.js';
import { expectRelativelyClose } from '../../tolerance.js';
import { forecastForTest } from '../scenarioText.js';
import { forecastRun, reviewScenario, scenarioOf } from './decideScenarios.js';

/** Cumulative P50s against a line of 10 a month, made up for the test. */
function pointsOf(p50s: readonly number[]): CumulativePoint[] {
  return p50s.map((p50, m) => ({
    month: `2024-${String(m + 1).padStart(2, '0')}`,
    p10: p50,
    p50,
    p90: p50,
    budgetLine: 10 * (m + 1),
  }));
}

describe('the month the cumulative P50 runs ahead for good', () => {
  it('skips a month above the line that falls back below it', () => {
    // The backtest's shape: above by a little in month 1, below in 2 to 4, above from 5.
    const points = pointsOf([10.5, 19, 28, 39, 51, 62]);
    expect(firstMonthStayingAbove(points)).toBe('2024-05');
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 first runs ahead of the budget's straight line in 2024-01 and stays " +
        'ahead from 2024-05',
    );
  });

  it('is null when the P50 ends on or below the line, even after running ahead', () => {
    // Line 10, 20, 30: above in 2024-01 and 2024-02, on it at the end.
    const points = pointsOf([11, 21, 30]);
    expect(firstMonthStayingAbove(points)).toBeNull();
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 runs ahead of the budget's straight line from 2024-01 to 2024-02, " +
        'but ends within it',
    );
    expect(crossingSentenceOf(planOf(pointsOf([11, 19, 29])))).toBe(
      "Cumulative P50 runs ahead of the budget's straight line in 2024-01, but ends within it",
    );
    expect(crossingSentenceOf(planOf(pointsOf([9, 19, 29])))).toBe(
      "Cumulative P50 stays within the budget's straight line all through the horizon",
    );
  });

  it('names the whole stretch ahead when the P50 ends within the line', () => {
    // Line 10, 20, ..., 60: the P50 is above it in months 1 to 5 and below in 6,
    // the shape support-triage's one-trial run has from 2027-01 to 2027-05.
    const points = pointsOf([11, 22, 33, 44, 55, 59]);
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 runs ahead of the budget's straight line from 2024-01 to 2024-05, " +
        'but ends within it',
    );
  });

  it('counts the months ahead when the P50 runs ahead, falls back and runs ahead again', () => {
    // Line 10, 20, ..., 120: above in months 1-3, 5-7 and 9 (7 of 12), below from 10 on.
    const p50s = [11, 21, 31, 39, 51, 61, 71, 79, 91, 99, 109, 119];
    expect(crossingSentenceOf(planOf(pointsOf(p50s)), 'it')).toBe(
      "it runs ahead of the budget's straight line in 7 of 12 months, last in 2024-09, " +
        'but ends within it',
    );
  });

  it('says "from ... to the end" when the P50 never falls back', () => {
    const points = pointsOf([9, 21, 31]);
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 runs ahead of the budget's straight line from 2024-02 to the end",
    );
  });

  it('names the last month as such when the P50 runs ahead only there', () => {
    // Line 10, 20, 30: below it until 2024-03, where 31 > 30.
    const points = pointsOf([9, 19, 31]);
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 runs ahead of the budget's straight line in 2024-03, the last month",
    );
  });

  it('says "ahead again in the last month" when it ran ahead earlier and fell back', () => {
    const points = pointsOf([11, 19, 31]);
    expect(crossingSentenceOf(planOf(points))).toBe(
      "Cumulative P50 first runs ahead of the budget's straight line in 2024-01 and is ahead " +
        'again in 2024-03, the last month',
    );
  });

  it('states where the P50 ends as a share of the budget', () => {
    // The last cumulative P50 is 33 against a budget of 30: 110%.
    expect(budgetEndSentenceOf(planOf(pointsOf([9, 21, 33])), 30)).toBe(
      'Cumulative P50 ends at $33, 110% of the $30 budget',
    );
  });
});

function planOf(cumulative: CumulativePoint[]): BudgetPlan {
  const base = { expectedOverrun: 0, coversP80: 0, coversP90: 0, quarters: [] };
  return { ...base, cumulative, firstMonthAboveLine: firstMonthStayingAbove(cumulative) };
}

describe('the budget plan', () => {
  const text = reviewScenario();
  const summary = forecastForTest(text);
  const { result } = forecastRun(scenarioOf(text));
  const budget = summary.budget!;
  const annual = Array.from(result.annualPerTask).sort((a, b) => a - b);

  it('gives the overrun probability as the share of trials over budget, counted', () => {
    const over = annual.filter((value) => value > budget.amount).length;
    expect(budget.exceedProbability).toBe(over / annual.length);
    // The scenario is sized so that the question is open: some trials on each side.
    expect(over).toBeGreaterThan(0);
    expect(over).toBeLessThan(annual.length);
  });

  it('gives the expected overrun as the mean of what each trial spends above budget', () => {
    const overrun = annual.reduce((sum, v) => sum + Math.max(0, v - budget.amount), 0);
    expectRelativelyClose(budget.plan!.expectedOverrun, overrun / annual.length, 1e-12);
  });

  it('gives the budgets covering P80 and P90 as those order statistics (R type 7)', () => {
    const at = (p: number) => {
      const h = (annual.length - 1) * p;
      const low = Math.floor(h);
      return annual[low]! + (h - low) * (annual[low + 1]! - annual[low]!);
    };
    expect(budget.plan!.coversP80).toBe(at(0.8));
    expect(budget.plan!.coversP90).toBe(at(0.9));
    expectRelativelyClose(budget.plan!.coversP90!, summary.total.annual.perTask.p90, 1e-12);
  });

  it('ends the cumulative spend at the annual spend and the line at the budget', () => {
    const last = budget.plan!.cumulative.at(-1)!;
    expectRelativelyClose(last.p50, summary.total.annual.perTask.p50, 1e-9);
    expect(last.budgetLine).toBe(budget.amount);
    expect(budget.plan!.cumulative[0]!.budgetLine).toBeCloseTo(budget.amount / 12, 9);
  });

  it('names the first month from which the cumulative P50 stays above the straight line', () => {
    const points = budget.plan!.cumulative;
    const month = budget.plan!.firstMonthAboveLine;
    const from = month === null ? points.length : points.findIndex((p) => p.month === month);
    const above = points.map((point) => point.p50 > point.budgetLine);
    expect(above.slice(from).every(Boolean)).toBe(true);
    if (from > 0) expect(above[from - 1]).toBe(false);
  });

  it('splits the year into four quarters whose means add up to the annual mean', () => {
    const quarters = budget.plan!.quarters;
    expect(quarters.map((q) => q.quarter)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    const sum = quarters.reduce((total, q) => total + q.perTask.mean, 0);
    expectRelativelyClose(sum, summary.total.annual.perTask.mean, 1e-9);
  });
});
