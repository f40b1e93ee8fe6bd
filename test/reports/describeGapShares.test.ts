import { describe, expect, it } from 'vitest';
import { buildGapWaterfallChart } from '../../reports/charts/buildGapWaterfallChart.js';
import { describeGapShares } from '../../reports/describeGapShares.js';
import { buildDecisionSection } from '../../reports/html/buildDecisionSection.js';
import type { GapPart, Summary } from '../../engine/summaryTypes.js';
import { summaryFixture } from './summaryFixture.js';

const part = (label: string, mean: number): GapPart => ({ driver: label, label, mean });

/**
 * support-triage's shape (its summary.json, rounded): deeper loops +$1,720 and
 * planned changes -$4,390, a net gap of -$2,670. As shares of the net gap they
 * read -64% and 164%; of the sum of sizes, $6,110, by hand 28% and 72%.
 */
const offsetting = [part('Deeper loops', 1720), part('Planned changes', -4390)];

function summaryWith(parts: readonly GapPart[]): Summary {
  const gapMean = parts.reduce((sum, p) => sum + p.mean, 0);
  const annual = summaryFixture.total.annual;
  return {
    ...summaryFixture,
    gapAttribution: parts,
    total: {
      ...summaryFixture.total,
      annual: { ...annual, gap: { ...annual.gap, mean: gapMean } },
    },
  };
}

describe('describeGapShares', () => {
  it('gives shares of the net gap when every part pulls the same way', () => {
    const shares = describeGapShares([part('a', 600), part('b', 400)], 1000);
    expect(shares.basis).toBe('net');
    expect(shares.shareOf(part('a', 600))).toBeCloseTo(0.6, 12);
  });

  it('gives shares of the sum of sizes when parts pull both ways, never past 100%', () => {
    const shares = describeGapShares(offsetting, -2670);
    expect(shares.basis).toBe('sizes');
    expect(shares.heading).toBe("Share of all parts' sizes");
    expect(shares.shareOf(offsetting[0]!)).toBeCloseTo(1720 / 6110, 12);
    expect(shares.shareOf(offsetting[1]!)).toBeCloseTo(4390 / 6110, 12);
  });
});

describe('reports of a gap whose parts offset', () => {
  it('label the HTML table by what its shares are of, with no 164% or -64%', () => {
    const html = buildDecisionSection(summaryWith(offsetting));
    expect(html).toContain('Share of all parts&#39; sizes');
    expect(html).toContain('<td>28%</td>');
    expect(html).toContain('<td>72%</td>');
    expect(html).not.toMatch(/164%|-64%/);
  });

  it('give the waterfall title amounts, not a share of the net gap', () => {
    const spec = buildGapWaterfallChart(summaryWith(offsetting))!;
    const title = (spec.title as { text: string }).text;
    // docs-pipeline's case read "deeper loops ... (97% of it)" beside a -$530 migration.
    expect(title).toBe(
      'Largest part of the mean gap of -$2.67k: planned changes, -$4.39k; ' +
        'in all the parts add +$1.72k and save $4.39k',
    );
  });

  it('keep the share of the net gap when every part raises spend', () => {
    const spec = buildGapWaterfallChart(summaryWith([part('Loops', 750), part('Context', 250)]))!;
    // 750 of a gap of 1,000, by hand.
    expect((spec.title as { text: string }).text).toContain('loops, +$750 (75% of it)');
  });
});
