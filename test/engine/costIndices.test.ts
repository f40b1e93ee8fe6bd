/**
 * The headline indices over a fixed mix of workloads: each weighs in with its
 * first month's tasks, so a shift of volume toward a costlier workload does not
 * read as a change of cost per task or per token.
 */
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { forecastForTest } from './scenarioText.js';

/**
 * Every input fixed; prices fall 47.1% a year, applied as (1 - 0.471) ^ (m / 12)
 * (README, prices.curve.annual_change). `coder` runs 100 tasks a month on a model
 * 50 times as dear per token, and grows 10% a month; `bot` runs 1,000 and does
 * not grow. Neither task changes, so each workload's cost of one task falls with
 * the prices alone, and so must both indices.
 */
const MIX_SHIFT = `
scenario: mix-shift
start: 2027-01
months: 24
prices:
  models:
    cheap: { input: $0.15, output: $0.60, as_of: 2026-12-01 }
    dear: { input: $7.50, output: $30.00, as_of: 2026-12-01 }
  curve: { annual_change: -47.1% }
workloads:
  bot:
    tasks_per_month: 1000
    steps: { answer: { model: cheap, input_tokens: 2000, output_tokens: 300 } }
  coder:
    tasks_per_month: 100
    growth: 10%
    steps: { loop: { model: dear, input_tokens: 20000, output_tokens: 1000 } }
`;

describe('the cost indices of workloads that grow apart', () => {
  it('follow the prices alone when no task changes, however volume shifts between them', () => {
    const summary = forecastForTest(MIX_SHIFT, 20);
    // 23 months after the first, every price is (1 - 0.471) ^ (23 / 12) of its first.
    const prices = (1 - 0.471) ** (23 / 12);
    for (const index of [summary.index.costPerTask, summary.index.costPerToken]) {
      expect(index).toHaveLength(24);
      const last = index.at(-1)!;
      for (const value of [last.p10, last.p50, last.p90]) expect(value).toBeCloseTo(prices, 12);
    }
    // Before, spend per task over all tasks rose to x1.45 as coder's share of tasks grew
    // (1.1 ^ 23 = 8.95 times its first month's), while each workload's cost fell by 70%.
    const coder = summary.workloads.find((w) => w.name === 'coder')!;
    expect(coder.costPerTaskLast.p50 / coder.costPerTaskFirst.p50).toBeCloseTo(prices, 12);
    // 0.2951 is a change of -70%; the sentence says how the workloads are weighted.
    expect(formatRunSummary(summary)).toContain(
      'cost per token changes by -70% and cost per task by -70% ' +
        '(all workloads, each weighted by its tasks in 2027-01; ',
    );
  });
});
