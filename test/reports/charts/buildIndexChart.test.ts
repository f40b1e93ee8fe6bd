import { describe, expect, it } from 'vitest';
import type { IndexPoint, Summary } from '../../../engine/summaryTypes.js';
import { buildIndexChart } from '../../../reports/charts/buildIndexChart.js';
import { CHART_HEIGHT } from '../../../reports/charts/chartTheme.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { summaryFixture } from '../summaryFixture.js';
import { textNamed } from './readSvg.js';

/** 'YYYY-MM' for `count` months from January 2027. */
const monthsFrom2027 = (count: number): string[] =>
  Array.from({ length: count }, (_, m) => {
    const year = 2027 + Math.floor(m / 12);
    return `${year}-${String((m % 12) + 1).padStart(2, '0')}`;
  });

/** A geometric index from 1 to `last`, with a P10–P90 band of ×/÷ 1.2. */
function geometricIndex(months: readonly string[], last: number): IndexPoint[] {
  return months.map((month, m) => {
    const p50 = last ** (m / (months.length - 1));
    return { month, p10: p50 / 1.2, p50, p90: p50 * 1.2 };
  });
}

/** The review's case: ten years in which both indexes fall about five-hundredfold. */
function summaryEndingAt(perTaskLast: number, perTokenLast: number): Summary {
  const months = monthsFrom2027(120);
  return {
    ...summaryFixture,
    months,
    index: {
      costPerTask: geometricIndex(months, perTaskLast),
      costPerToken: geometricIndex(months, perTokenLast),
    },
  };
}

describe('buildIndexChart end labels', () => {
  it('draws the end labels a label height apart when the lines end close', async () => {
    // On this log axis, ×0.0014 to ×1.3 over 280 px, ×0.0022 and ×0.0018 are 8 px apart.
    const svg = await renderSvg(buildIndexChart(summaryEndingAt(0.0022, 0.0018)));
    const perTask = textNamed(svg, 'Cost per task ×0.0022');
    const perToken = textNamed(svg, 'Cost per token ×0.0018');
    // The higher line keeps the upper label: per task is above per token on screen.
    expect(perToken.y - perTask.y).toBeGreaterThanOrEqual(15 - 1e-6);
  });

  it('keeps both labels inside the plot when two lines end together at its top', async () => {
    // A millionfold rise: the last P50 sits 5 px below the top, too close for the upper label.
    const svg = await renderSvg(buildIndexChart(summaryEndingAt(1e6, 1e6)));
    const perTask = textNamed(svg, 'Cost per task ×1,000,000');
    const perToken = textNamed(svg, 'Cost per token ×1,000,000');
    expect(perToken.y - perTask.y).toBeGreaterThanOrEqual(15 - 1e-6);
    expect(perTask.y).toBeGreaterThanOrEqual(15 / 2 - 1e-6);
    expect(perToken.y).toBeLessThanOrEqual(CHART_HEIGHT - 15 / 2 + 1e-6);
  });

  it('leaves labels that are already apart at their lines’ last P50', () => {
    const spec = buildIndexChart(summaryFixture);
    const rows = (spec.data && 'values' in spec.data ? spec.data.values : []) as {
      endLabel: string;
      endLabelY: number;
      p50: number;
    }[];
    const ends = rows.filter((row) => row.endLabel !== '');
    expect(ends).toHaveLength(2);
    for (const row of ends) expect(row.endLabelY).toBe(row.p50);
  });

  it('draws the per-token line dashed and the per-task line solid, as in the fan chart', () => {
    expect(JSON.stringify(buildIndexChart(summaryFixture))).toContain(
      '"strokeDash":{"field":"series"',
    );
  });
});

describe('buildIndexChart with a cost that falls to $0', () => {
  // A step migrated in full to a model priced at $0: cost per task ×0 from then on.
  const months = monthsFrom2027(12);
  const falling: IndexPoint[] = months.map((month, m) =>
    m < 5 ? { month, p10: 1, p50: 1, p90: 1 } : { month, p10: 0, p50: 0, p90: 0 },
  );
  const summary: Summary = {
    ...summaryFixture,
    months,
    index: { costPerTask: falling, costPerToken: geometricIndex(months, 0.7) },
  };

  it('builds a log scale whose domain stays above 0 and clamps ×0 to its bottom edge', () => {
    // Before, chooseLogTicks threw "log ticks need 0 < low <= high, got 0 and 1.08".
    const spec = JSON.stringify(buildIndexChart(summary));
    const domain = /"domain":\[([^\]]+)\]/.exec(spec)![1]!.split(',').map(Number);
    // The lowest positive P10 is the per-token band's 0.7 / 1.2; a tenth below its 1.08th.
    expect(domain[0]).toBeCloseTo(0.7 / 1.2 / 1.08 / 10, 12);
    expect(spec).toContain('"clamp":true');
  });

  it('titles the fall as ×0 and says where ×0 is drawn', async () => {
    const spec = buildIndexChart(summary);
    const title = spec.title as { text: string; subtitle: string };
    expect(title.text).toBe('Cost per task ×0 while cost per token ×0.7 by 2027-12');
    expect(title.subtitle).toContain('×0 (a cost of $0) sits on the bottom edge');
    const svg = await renderSvg(spec);
    expect(svg).not.toContain('NaN');
  });
});

describe('buildIndexChart subtitle', () => {
  const subtitleOf = (trials: number | undefined): string => {
    const index = { ...summaryFixture.index, ...(trials === undefined ? {} : { trials }) };
    const title = buildIndexChart({ ...summaryFixture, index }).title as { subtitle: string };
    return title.subtitle;
  };

  it('says how many trials the bands are over when not all have a ratio in every month', () => {
    expect(subtitleOf(40)).toContain(
      'bands: P10–P90 over the 40 trials with tasks and spend in the first month.',
    );
  });

  it('says "the 1 trial" when one trial alone has a ratio in every month', () => {
    expect(subtitleOf(1)).toContain('over the 1 trial with tasks and spend in the first month');
  });
});
