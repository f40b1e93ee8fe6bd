import { describe, expect, it } from 'vitest';
import { expectRelativelyClose } from '../../tolerance.js';
import { forecastForTest } from '../scenarioText.js';
import { forecastRun, reviewScenario, scenarioOf } from './decideScenarios.js';

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
    expectRelativelyClose(budget.plan!.coversP90, summary.total.annual.perTask.p90, 1e-12);
  });

  it('ends the cumulative spend at the annual spend and the line at the budget', () => {
    const last = budget.plan!.cumulative.at(-1)!;
    expectRelativelyClose(last.p50, summary.total.annual.perTask.p50, 1e-9);
    expect(last.budgetLine).toBe(budget.amount);
    expect(budget.plan!.cumulative[0]!.budgetLine).toBeCloseTo(budget.amount / 12, 9);
  });

  it('names the first month whose cumulative P50 is above the straight line', () => {
    const first = budget.plan!.cumulative.find((point) => point.p50 > point.budgetLine);
    expect(budget.plan!.firstMonthAboveLine).toBe(first?.month ?? null);
  });

  it('splits the year into four quarters whose means add up to the annual mean', () => {
    const quarters = budget.plan!.quarters;
    expect(quarters.map((q) => q.quarter)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    const sum = quarters.reduce((total, q) => total + q.perTask.mean, 0);
    expectRelativelyClose(sum, summary.total.annual.perTask.mean, 1e-9);
  });
});
