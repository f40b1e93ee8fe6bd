import { describe, expect, it } from 'vitest';
import { forecastScenarioText } from '../../engine/forecast.js';
import { gapOf } from '../../engine/gapOf.js';
import type { DistributionSummary, Summary } from '../../engine/summaryTypes.js';
import { EQUAL_FORECASTS } from './scenarioText.js';

describe('gapOf', () => {
  it('reads two equal spends summed in different orders as no gap at all', () => {
    // The review's case: two sums of about $0.526 parted by -8.88e-16, their last bit.
    expect(gapOf(0.526, 0.526 + 8.88e-16)).toBe(0);
    // Against spends of $1M a gap of $1e-7 is 1e-13 of them, below the billionth kept:
    // the noise of two sums of about 1e6 is some 1e-10 (16 digits of a double).
    expect(gapOf(1e6, 1e6 + 1e-7)).toBe(0);
  });

  it('keeps any gap a report could print', () => {
    // A cent against $1M is 1e-8 of it, above the billionth: a real gap.
    expect(gapOf(1e6 + 0.01, 1e6)).toBeCloseTo(0.01, 6);
    expect(gapOf(0.5, 0.25)).toBe(0.25);
  });
});

/** Every figure of a distribution that is money (its standard errors included). */
const figuresOf = (d: DistributionSummary): number[] =>
  Object.values(d).filter((value): value is number => typeof value === 'number');

/** Every gap figure of a Summary: totals, workloads, months. */
function gapFiguresOf(summary: Summary): number[] {
  const triples = [
    summary.total.annual,
    ...summary.total.monthly,
    ...summary.workloads.flatMap((w) => [w.annual, ...w.monthly]),
  ];
  return triples.flatMap((triple) => figuresOf(triple.gap));
}

describe('the gaps a forecast summarises', () => {
  const forecast = (exactWorkloadSeries: boolean): Summary => {
    const outcome = forecastScenarioText(EQUAL_FORECASTS, {
      trials: 1500,
      exactWorkloadSeries,
      decisions: false,
    });
    if (!outcome.ok) throw new Error('EQUAL_FORECASTS does not validate');
    return outcome.summary;
  };

  it('are exactly 0 where the forecasts agree, per-workload months kept trial by trial', () => {
    const summary = forecast(true);
    expect(summary.workloadMonthlySketch).toBeUndefined();
    expect(new Set(gapFiguresOf(summary))).toEqual(new Set([0]));
  });

  it('are exactly 0 there too when per-workload months are sketched', () => {
    // Before the sketched path took its gaps through gapOf, their means and sd read
    // some 1e-19 where the kept path reads 0.
    const summary = forecast(false);
    expect(summary.workloadMonthlySketch).toBeDefined();
    expect(new Set(gapFiguresOf(summary))).toEqual(new Set([0]));
  });
});
