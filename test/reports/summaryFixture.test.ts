import { describe, expect, it } from 'vitest';
import type { DistributionSummary } from '../../engine/summaryTypes.js';
import { summaryFixture } from './summaryFixture.js';

const LEVELS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;

function allDistributions(): DistributionSummary[] {
  const spends = [summaryFixture.total, ...summaryFixture.workloads];
  return spends
    .flatMap((spend) => [...spend.monthly, spend.annual])
    .flatMap((triple) => [triple.perTask, triple.perToken, triple.gap]);
}

// The fixture feeds every report test, so its own shape is checked first.
describe('summaryFixture', () => {
  it('has ordered percentiles in every distribution', () => {
    for (const distribution of allDistributions()) {
      const values = LEVELS.map((level) => distribution[level]);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('has totals whose percentiles are the sums of the workloads', () => {
    // One factor drives every spend, so quantiles add (comonotonic sums).
    const sumOf = (pick: (i: number) => number): number =>
      summaryFixture.workloads.reduce((sum, _, i) => sum + pick(i), 0);
    const annual = summaryFixture.total.annual.perTask;
    const workload = (i: number) => summaryFixture.workloads[i]?.annual.perTask;
    expect(annual.p90).toBeCloseTo(
      sumOf((i) => workload(i)?.p90 ?? 0),
      6,
    );
    expect(annual.mean).toBeCloseTo(
      sumOf((i) => workload(i)?.mean ?? 0),
      6,
    );
  });

  it('starts both forecasts equal, so the first month has no gap', () => {
    const first = summaryFixture.total.monthly[0];
    expect(first?.perTask.p50).toBeCloseTo(first?.perToken.p50 ?? Number.NaN, 6);
    expect(first?.gap.p90).toBe(0);
  });

  it('makes cost per task rise while cost per token falls', () => {
    expect(summaryFixture.index.costPerTask.at(-1)?.p50).toBeGreaterThan(1.5);
    expect(summaryFixture.index.costPerToken.at(-1)?.p50).toBeLessThan(0.5);
  });
});
