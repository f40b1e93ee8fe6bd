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
