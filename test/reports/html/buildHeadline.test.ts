import { describe, expect, it } from 'vitest';
import type { DistributionSummary, Summary } from '../../../engine/summaryTypes.js';
import { buildHeadline, driversSentenceOf } from '../../../reports/html/buildHeadline.js';
import { formatSignedMoney } from '../../../reports/formatMoney.js';
import { summaryFixture } from '../summaryFixture.js';

/** What the engine summarises when every trial of many gives `value`: sd exactly 0. */
function certain(value: number): DistributionSummary {
  return {
    mean: value,
    meanStandardError: 0,
    sd: 0,
    p5: value,
    p10: value,
    p25: value,
    p50: value,
    p75: value,
    p90: value,
    p95: value,
    p10StandardError: 0,
    p50StandardError: 0,
    p90StandardError: 0,
  };
}

/**
 * The backtest's shape: 13 months from 2023-12, every input fixed, so every
 * trial gives the same spend. The amounts are the backtest's own annual totals
 * (summary.json of backtest-2023-2024), per task $156,278.04 and per token
 * $13,428.59, and their difference.
 */
const certainSummary: Summary = {
  ...summaryFixture,
  scenario: {
    ...summaryFixture.scenario,
    trials: 1_000,
    perTokenVolume: 'flat',
    uncertain: false,
  },
  months: Array.from({ length: 13 }, (_, m) =>
    m === 0 ? '2023-12' : `2024-${String(m).padStart(2, '0')}`,
  ),
  total: {
    ...summaryFixture.total,
    annual: {
      perTask: certain(156_278.04),
      perToken: certain(13_428.59),
      gap: certain(156_278.04 - 13_428.59),
    },
  },
};

describe('buildHeadline', () => {
  it('states a single figure when no input is uncertain', () => {
    const [spend, gap] = buildHeadline(certainSummary);
    expect(spend).toBe(
      'Over the 13 months from 2023-12 to 2024-12, the per-task forecast puts spend at $156k. ' +
        "The per-token forecast, which keeps the first month's tokens per task and the first " +
        "month's task volume, puts it at $13.4k. No input of this scenario is uncertain, so " +
        'all 1,000 trials give these same figures.',
    );
    expect(gap).toBe('The per-task forecast is higher by $143k.');
  });

  it('says one trial of uncertain inputs is one trial, not that no input is uncertain', () => {
    // One trial: the engine gives sd null and every percentile the one value.
    const one = (value: number): DistributionSummary => ({
      ...certain(value),
      sd: null,
      meanStandardError: null,
      p10StandardError: null,
      p50StandardError: null,
      p90StandardError: null,
    });
    const summary: Summary = {
      ...certainSummary,
      scenario: { ...certainSummary.scenario, trials: 1, uncertain: true },
      total: {
        ...certainSummary.total,
        annual: { perTask: one(120_000), perToken: one(77_400), gap: one(42_600) },
      },
    };
    const [spend, gap] = buildHeadline(summary);
    expect(spend).not.toContain('No input');
    expect(spend).toContain(
      'This run has one trial: these figures are one draw of the uncertain inputs, not a ' +
        'median, and their spread and standard errors are not estimated.',
    );
    // $120,000 - $77,400 = $42,600, printed at three significant figures.
    expect(gap).toBe('In that trial the per-task forecast is higher by $42.6k.');
  });

  it('says its one trial gives the figures when no input is uncertain and one trial ran', () => {
    const summary = { ...certainSummary, scenario: { ...certainSummary.scenario, trials: 1 } };
    expect(buildHeadline(summary)[0]).toContain(
      'No input of this scenario is uncertain, so its one trial gives these same figures.',
    );
  });

  it('says the forecasts are equal when the gap is 0 but for rounding', () => {
    const equal: Summary = {
      ...certainSummary,
      total: {
        ...certainSummary.total,
        annual: { ...certainSummary.total.annual, gap: certain(1e-7) },
      },
    };
    expect(buildHeadline(equal)[1]).toBe('The per-task and per-token forecasts are equal.');
  });

  it('gives P50 and P90 when the trials differ', () => {
    const [spend, gap] = buildHeadline(summaryFixture);
    expect(spend).toMatch(/puts spend at \$1\.27M \(P50\) and \$[\d.]+M \(P90\)\./);
    expect(spend).toContain("which keeps the first month's tokens per task, puts it at $689k and");
    expect(gap).toMatch(/^Trial by trial, .* \(P10 to P90 of the gap: /);
  });

  it('says one figure once when P50 and P90 differ by less than the rounding', () => {
    // $156,100 and $156,300 both round to $156k at three significant figures.
    const narrow: DistributionSummary = {
      ...certain(156_100),
      sd: 80,
      p75: 156_200,
      p90: 156_300,
      p95: 156_400,
    };
    const summary: Summary = {
      ...certainSummary,
      scenario: { ...certainSummary.scenario, uncertain: true },
      total: {
        ...certainSummary.total,
        annual: { ...certainSummary.total.annual, perTask: narrow },
      },
    };
    const [spend] = buildHeadline(summary);
    expect(spend).toContain('puts spend at $156k (P50 and P90 alike).');
    expect(spend).not.toContain('uncertain');
  });

  it('never speaks of today, since the first month may lie in the past', () => {
    for (const summary of [summaryFixture, certainSummary]) {
      expect(buildHeadline(summary).join(' ')).not.toMatch(/today/i);
    }
  });
});

describe('the drivers sentence', () => {
  // Shapley parts of a gap of $577k, made up for the test; their labels are what a reader sees.
  const attributed: Summary = {
    ...summaryFixture,
    gapAttribution: [
      { driver: 'context-growth', label: 'growing context', mean: 121_000 },
      { driver: 'loop-drift', label: 'deeper review loops', mean: 402_000, p10: 1, p90: 2 },
      { driver: 'induced-demand', label: 'demand induced by cheaper tokens', mean: -8_400 },
      { driver: 'verification', label: 'verification passes', mean: 62_500 },
      { driver: 'none', label: 'nothing', mean: 0 },
    ],
  };

  it('names the three largest drivers by size, with their mean parts, after the gap', () => {
    const sentences = buildHeadline(attributed);
    const mean = formatSignedMoney(summaryFixture.total.annual.gap.mean);
    expect(sentences[2]).toBe(
      `Of the mean gap of ${mean}, the largest parts are deeper review loops (+$402k), ` +
        'growing context (+$121k) and verification passes (+$62.5k).',
    );
    expect(sentences[1]).toMatch(/^Trial by trial/);
  });

  it('orders by size whatever the sign, and shows a negative part plainly', () => {
    const small: Summary = {
      ...summaryFixture,
      gapAttribution: [
        { driver: 'a', label: 'loop drift', mean: 1_000 },
        { driver: 'b', label: 'cheaper tokens', mean: -5_000 },
      ],
    };
    const mean = formatSignedMoney(summaryFixture.total.annual.gap.mean);
    expect(driversSentenceOf(small)).toBe(
      `Of the mean gap of ${mean}, the largest parts are cheaper tokens (-$5k) and ` +
        'loop drift (+$1k).',
    );
  });

  it('writes a driver label in lower case mid-sentence, as the terminal does', () => {
    const one: Summary = {
      ...summaryFixture,
      gapAttribution: [{ driver: 'loop-drift', label: 'Deeper loops', mean: 24_500 }],
    };
    expect(driversSentenceOf(one)).toMatch(/the largest part is deeper loops \(\+\$24\.5k\)\.$/);
  });

  it('says nothing of drivers when the Summary has no attribution', () => {
    expect(driversSentenceOf(summaryFixture)).toBeNull();
    expect(buildHeadline(summaryFixture).join(' ')).not.toContain('driver');
  });
});
