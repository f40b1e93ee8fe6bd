import { describe, expect, it } from 'vitest';
import { expectWithinStandardErrors } from '../tolerance.js';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

/**
 * One step that runs in a trial or not at all (`when` drawn once per trial
 * from a Bernoulli), and whose input doubles by the last month. With test-model
 * at $2 input and $8 output per million, a task costs 1000 * 2 + 50 * 8 = 2,400
 * micro-dollars in the first month and 2000 * 2 + 50 * 8 = 4,400 in the last, so
 * every trial that runs has a cost-per-task index of 4400 / 2400 = 1.8333 there.
 */
const sometimesRuns = `
scenario: sometimes
start: 2027-01
${TEST_PRICES}
workloads:
  a:
    tasks_per_month: 10k
    steps:
      s: { model: test-model, input_tokens: 1000, output_tokens: 50, when: { bernoulli: 60% } }
    drift:
      s.input_tokens: +100%
`;

describe('the cost indices of trials that spend nothing in the first month', () => {
  it('are taken over the trials with a first month to compare with, and say how many', () => {
    const summary = forecastForTest(sometimesRuns, 2000);
    const last = summary.index.costPerTask[summary.index.costPerTask.length - 1]!;
    // Before, the trials without a base (0 / 0) were sorted in among the others and
    // moved P10 to 1.04 and P50 to 1.50; every trial with a base has 4400 / 2400.
    for (const value of [last.p10, last.p50, last.p90]) expect(value).toBeCloseTo(4400 / 2400, 12);
    // A trial spends in the first month exactly when its step runs: Binomial(2000, 60%),
    // mean 1,200 and sd sqrt(2000 * 0.6 * 0.4).
    expectWithinStandardErrors(summary.index.trials!, 1200, Math.sqrt(2000 * 0.6 * 0.4));
    const perTokenIndex = summary.index.costPerToken.at(-1)!;
    expect(perTokenIndex.p50).toBeCloseTo(1, 12);
  });

  it('are left out, not NaN, when no trial of the run spends in the first month', () => {
    // Seed 2 draws `when` = 0 in the run's one trial (found by running it; seed 1 draws 1).
    const summary = forecastForTest(sometimesRuns, 1, 2);
    expect(summary.total.annual.perTask.p50).toBe(0);
    expect(summary.index).toEqual({ costPerToken: [], costPerTask: [], trials: 0 });
  });

  it('keep their shape, without a count, when every trial has a base', () => {
    const always = sometimesRuns.replace(', when: { bernoulli: 60% }', '');
    const summary = forecastForTest(always, 200);
    expect(summary.index.trials).toBeUndefined();
    expect(summary.index.costPerTask.at(-1)!.p50).toBeCloseTo(4400 / 2400, 12);
  });
});

describe('the cost indices of trials with no task in some month', () => {
  /**
   * Tasks drawn every month as 0 or 100 with equal chance, and nothing else
   * uncertain. The indices price the first month's tasks every month (simulate's
   * recordIndices), so a trial has a base when it draws 100 tasks in the first
   * month, with chance 1/2, and then its cost per task does not change (index 1
   * in every month, a month of no task included); a trial with 0 tasks in the
   * first month has 0 / 0 everywhere.
   */
  const batches = `
scenario: batches
start: 2027-01
months: 3
${TEST_PRICES}
workloads:
  a:
    tasks_per_month: { discrete: { values: [0, 100] }, per: month }
    steps:
      s: { model: test-model, input_tokens: 1000 }
`;

  it('are taken over the trials with tasks in the first month, in every month alike', () => {
    const summary = forecastForTest(batches, 4000);
    // Binomial(4000, 1/2): mean 2,000 and sd sqrt(4000 * 1/2 * 1/2).
    expectWithinStandardErrors(summary.index.trials!, 2000, Math.sqrt(4000 * (1 / 2) * (1 / 2)));
    for (const point of [...summary.index.costPerTask, ...summary.index.costPerToken]) {
      for (const value of [point.p10, point.p50, point.p90]) expect(value).toBeCloseTo(1, 12);
    }
  });

  it('are left out, not NaN, when no trial has tasks in the first month', () => {
    // Seed 1 draws 0 tasks in the first month of the run's one trial (found by running it).
    const summary = forecastForTest(batches, 1, 1);
    expect(summary.index).toEqual({ costPerToken: [], costPerTask: [], trials: 0 });
    expect(formatRunSummary(summary)).not.toContain('NaN');
  });
});
