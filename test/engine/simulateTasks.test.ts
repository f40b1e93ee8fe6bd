import { describe, expect, it } from 'vitest';
import { SIMULATED_TASKS } from '../../engine/simulateTasks.js';
import { expectWithinStandardErrors } from '../tolerance.js';
import { forecastForTest, TEST_PRICES } from './scenarioText.js';

describe('single tasks drawn one by one', () => {
  const summary = forecastForTest(`
scenario: single-tasks
start: 2027-01
months: 2
trials: 10
${TEST_PRICES}
workloads:
  w:
    tasks_per_month: 100
    steps:
      loop: { model: test-model, calls: { poisson: 3 }, input_tokens: 1000, context_growth: 500 }
`);
  const costs = summary.workloads[0]!.taskCost;
  // A task's cost: Y = a C + b C(C-1), with C ~ Poisson(3), a = 1000 * $2e-6
  // per call and b = 500 * $2e-6 / 2 per pair of calls.
  const a = 1000 * 2e-6;
  const b = (500 * 2e-6) / 2;
  const lambda = 3;

  it('average to the expected cost the forecast uses, within sampling error', () => {
    // Poisson factorial moments E[C(C-1)...(C-k+1)] = lambda^k give
    // E[Y] = a lambda + b lambda^2 and Var(Y) = a^2 lambda + b^2 (4 lambda^3 + 2 lambda^2)
    // + 4 a b lambda^2.
    const mean = a * lambda + b * lambda ** 2;
    const variance =
      a * a * lambda + b * b * (4 * lambda ** 3 + 2 * lambda ** 2) + 4 * a * b * lambda ** 2;
    expectWithinStandardErrors(costs.first.mean, mean, Math.sqrt(variance / SIMULATED_TASKS));
    expect(summary.workloads[0]!.costPerTaskFirst.mean).toBeCloseTo(mean, 12);
  });

  it('put the median at the task with the median count of calls, three', () => {
    // The median of Poisson(3) is 3 calls: 3 a + 3 * 2 b.
    expect(costs.first.median).toBeCloseTo(3 * a + 6 * b, 12);
  });

  it('set the threshold at twice the first median and count the tasks above it', () => {
    expect(costs.threshold).toBeCloseTo(2 * costs.first.median, 12);
    // The median task costs 3a + 6b = 0.009 USD, so the threshold is 0.018:
    // 4 calls cost 0.014 and 5 calls 0.020, so the share is P(C >= 5) for
    // Poisson(3) = 0.1847368 (R: 1 - ppois(4, 3)).
    expectWithinStandardErrors(
      costs.first.shareAboveThreshold!,
      0.1847368,
      Math.sqrt((0.1847 * 0.8153) / SIMULATED_TASKS),
    );
  });
});

describe('single tasks of a workload whose step starts after the first month', () => {
  const summary = forecastForTest(`
scenario: late-step
start: 2027-01
months: 3
trials: 10
${TEST_PRICES}
workloads:
  early:
    tasks_per_month: 100
    steps:
      s: { model: test-model, input_tokens: 1000 }
  late:
    tasks_per_month: 100
    steps:
      s: { model: test-model, input_tokens: 1000, from: 2027-03 }
`);
  const late = summary.workloads.find((w) => w.name === 'late')!.taskCost;

  it('have no threshold and no share above it, since the first median task costs $0', () => {
    // Before 2027-03 no step runs, so every task of 2027-01 costs exactly $0 and
    // twice that median would call every later task expensive.
    expect(late.first.median).toBe(0);
    expect(late.threshold).toBeNull();
    expect(late.first.shareAboveThreshold).toBeNull();
    expect(late.last.shareAboveThreshold).toBeNull();
  });

  it('still cost the last month at its one call: 1000 tokens at $2 per million', () => {
    // TEST_PRICES: $2 per million input tokens, so 1000 tokens cost $0.002.
    expect(late.last.median).toBeCloseTo(0.002, 12);
  });
});

describe('single tasks of a workload split between two ways of running', () => {
  /** Two models with round prices: one call of 1,000 input tokens costs $0.002 or $0.0005. */
  const prices = `
prices:
  models:
    big: { input: $2.00, output: $8.00, as_of: 2026-12-01 }
    small: { input: $0.50, output: $2.00, as_of: 2026-12-01 }
`;
  const BIG = 1000 * 2e-6;
  const SMALL = 1000 * 0.5e-6;
  // A task on one side only: 75% of tasks cost BIG and 25% SMALL, so the median and
  // the P95 are both BIG, the mean 0.75 BIG + 0.25 SMALL and the sd
  // (BIG - SMALL) sqrt(0.75 * 0.25) (a two-point distribution). Were the two sides
  // drawn apart, 0.75 * 0.25 of tasks would run both and cost BIG + SMALL, above the P95.
  const mean = 0.75 * BIG + 0.25 * SMALL;
  const sd = (BIG - SMALL) * Math.sqrt(0.75 * 0.25);

  function expectOneSidePerTask(first: { median: number; p95: number; mean: number; sd: number }) {
    expect(first.median).toBeCloseTo(BIG, 15);
    expect(first.p95).toBeCloseTo(BIG, 15);
    expectWithinStandardErrors(first.mean, mean, sd / Math.sqrt(SIMULATED_TASKS));
    expect(first.sd).toBeCloseTo(sd, 5);
  }

  it('run a migrating step on one model or the other, never both or neither', () => {
    const summary = forecastForTest(`
scenario: migrating
start: 2027-01
months: 2
trials: 10
${prices}
workloads:
  w:
    tasks_per_month: 100
    steps:
      s:
        model: big
        input_tokens: 1000
        migrate: { to: small, from: 2027-01, share: 25% }
`);
    expectOneSidePerTask(summary.workloads[0]!.taskCost.first);
  });

  it("run a planned change's old steps or its new ones, as the rollout shares them", () => {
    // ramp: 4 from the first month: a quarter of tasks run the new way in 2027-01.
    const summary = forecastForTest(`
scenario: planned
start: 2027-01
months: 2
trials: 10
${prices}
workloads:
  w:
    tasks_per_month: 100
    steps:
      s: { model: big, input_tokens: 1000 }
options:
  cheaper:
    set:
      workloads.w.steps.s.model: small
planned_changes:
  - { workload: w, option: cheaper, from: 2027-01, ramp: 4 }
`);
    expectOneSidePerTask(summary.workloads[0]!.taskCost.first);
  });
});
