import { describe, expect, it } from 'vitest';
import type { Summary } from '../../../engine/summaryTypes.js';
// A namespace import keeps the line within 100 characters.
import * as annualChart from '../../../reports/charts/buildAnnualDistributionChart.js';
import { formatMoney } from '../../../reports/formatMoney.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { summaryFixture } from '../summaryFixture.js';
import { marksOf, textNamed } from './readSvg.js';

const { buildAnnualDistributionChart } = annualChart;
const { perTask, perToken } = summaryFixture.total.annual;

function withBudget(amount: number): Summary {
  const budget = summaryFixture.budget;
  if (budget === null) throw new Error('the fixture has a budget');
  return { ...summaryFixture, budget: { ...budget, amount } };
}

/**
 * Budgets placed where the review found the rule crossing a label: just
 * above a P50 (code-review: $110k against $108k), just below one
 * (tool-agent-airline: $600k against $607k), exactly on one, between the
 * two P50s, and beyond both.
 */
const BUDGETS: readonly [string, number][] = [
  ['1% above the per-task P50', perTask.p50 * 1.01],
  ['1% below the per-task P50', perTask.p50 * 0.99],
  ['exactly at the per-task P50', perTask.p50],
  ['exactly at the per-token P50', perToken.p50],
  ['between the two P50s', (perTask.p50 + perToken.p50) / 2],
  ['below both P50s', perToken.p50 / 2],
  ['above both P50s (the fixture, $1.5M)', 1_500_000],
];

describe('buildAnnualDistributionChart', () => {
  it.each(BUDGETS)(
    'keeps the budget rule off both P50 labels with a budget %s',
    async (_, amount) => {
      const svg = await renderSvg(buildAnnualDistributionChart(withBudget(amount)));
      const [rule] = marksOf(svg, 'rule mark').filter((m) => m.attributes.get('stroke') === '#222');
      if (rule === undefined) throw new Error('no budget rule drawn');
      for (const p50 of [perTask.p50, perToken.p50]) {
        const label = textNamed(svg, formatMoney(p50));
        // The label runs from its anchor away from the rule, so the anchor's side decides.
        const anchor = label.attributes.get('text-anchor');
        if (anchor === 'end') expect(label.x).toBeLessThan(rule.x);
        else if (anchor === 'start') expect(label.x).toBeGreaterThan(rule.x);
        else throw new Error(`the ${formatMoney(p50)} label is centred on its tick`);
      }
    },
  );

  it('draws the budget rule before the boxes, so it passes behind them', () => {
    const spec = buildAnnualDistributionChart(summaryFixture);
    const layers = 'layer' in spec ? spec.layer : [];
    const [first] = layers;
    expect(JSON.stringify(first)).toContain('"type":"rule","color":"#222"');
  });

  it('centres both P50 labels under their ticks when there is no budget', async () => {
    const svg = await renderSvg(buildAnnualDistributionChart({ ...summaryFixture, budget: null }));
    for (const p50 of [perTask.p50, perToken.p50]) {
      expect(textNamed(svg, formatMoney(p50)).attributes.get('text-anchor')).toBe('middle');
    }
  });
});
