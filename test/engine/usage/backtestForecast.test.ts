import { describe, expect, it } from 'vitest';
import type { DistributionSummary, Summary } from '../../../engine/summaryTypes.js';
import { backtestForecast } from '../../../engine/usage/backtestForecast.js';

function spread(p10: number, p50: number, p90: number): DistributionSummary {
  return { p10, p50, p90 } as DistributionSummary;
}

/** A summary with only what a backtest reads: months and total monthly quantiles. */
const summary = {
  months: ['2024-01', '2024-02', '2024-03'],
  total: {
    monthly: [
      { perTask: spread(80, 100, 120), perToken: spread(0, 90, 0) },
      { perTask: spread(90, 110, 130), perToken: spread(0, 80, 0) },
      { perTask: spread(100, 120, 140), perToken: spread(0, 70, 0) },
    ],
  },
} as unknown as Summary;

describe('backtestForecast', () => {
  const actual = new Map([
    ['2023-12', 95],
    ['2024-01', 100],
    ['2024-02', 140],
    ['2024-03', 120],
  ]);
  const backtest = backtestForecast(summary, actual);

  it('counts the months that fell inside the per-task P10 to P90', () => {
    // 100 in [80, 120], 140 outside [90, 130], 120 in [100, 140]: 2 of 3.
    expect(backtest.months.map((m) => m.inside)).toEqual([true, false, true]);
    expect(backtest.coverage).toBeCloseTo(2 / 3, 12);
  });

  it("sets the per-token forecast's error beside the per-task one", () => {
    // Per task: |100-100|/100, |110-140|/140, |120-120|/120; mean = (30/140) / 3.
    expect(backtest.perTask!.meanAbsoluteShare).toBeCloseTo(30 / 140 / 3, 12);
    // Totals: (330 - 360) / 360.
    expect(backtest.perTask!.totalShare).toBeCloseTo(-30 / 360, 12);
    // Per token: 10/100, 60/140, 50/120; totals (240 - 360) / 360.
    expect(backtest.perToken!.meanAbsoluteShare).toBeCloseTo((0.1 + 60 / 140 + 50 / 120) / 3, 12);
    expect(backtest.perToken!.totalShare).toBeCloseTo(-120 / 360, 12);
  });

  it('lists logged months outside the horizon', () => {
    expect(backtest.unmatched).toEqual(['2023-12']);
  });

  it('has no coverage when no month matches', () => {
    const none = backtestForecast(summary, new Map([['2030-01', 5]]));
    expect(none).toMatchObject({ coverage: null, perTask: null, perToken: null });
  });
});
