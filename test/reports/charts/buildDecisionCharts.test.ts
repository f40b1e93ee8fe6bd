import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { buildCharts } from '../../../reports/buildCharts.js';
import { waterfallRows } from '../../../reports/charts/buildGapWaterfallChart.js';
import { inputLabelOf } from '../../../reports/charts/buildTornadoChart.js';
import { buildHtml } from '../../../reports/buildHtml.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../../../reports/formatMoney.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { FEW_FIXED_TASKS, reviewScenario } from '../../engine/decide/decideScenarios.js';
import { forecastForTest } from '../../engine/scenarioText.js';

const summary = forecastForTest(
  reviewScenario(`
options:
  short-answers:
    description: Half the output per call
    set:
      workloads.review.steps.loop.output_tokens: 250
`),
);
const charts = buildCharts(summary);
const specOf = (name: string): TopLevelSpec => charts.find((c) => c.name === name)!.spec;
const titleOf = (name: string): string => {
  const title = specOf(name).title as { text: string | string[] };
  return Array.isArray(title.text) ? title.text.join(' ') : title.text;
};

describe('the decision charts', () => {
  it('follow the four forecast charts when the Summary has their figures', () => {
    expect(charts.map((c) => c.name).slice(4)).toEqual([
      'gap-waterfall',
      'budget',
      'tornado',
      'paired-differences',
    ]);
  });

  for (const name of ['gap-waterfall', 'budget', 'tornado', 'paired-differences']) {
    it(`compile and render ${name} without a warning`, async () => {
      const warnings: string[] = [];
      expect(() => compile(specOf(name))).not.toThrow();
      const svg = await renderSvg(specOf(name), (message) => warnings.push(message));
      expect(svg.startsWith('<svg')).toBe(true);
      expect(warnings).toEqual([]);
    });
  }

  it('walk the waterfall from the per-token mean to the per-task mean', () => {
    const rows = waterfallRows(summary, summary.gapAttribution!);
    const lastDriver = rows.at(-2)!;
    expect(rows[0]!.to).toBe(summary.total.annual.perToken.mean);
    expect(lastDriver.to).toBeCloseTo(summary.total.annual.perTask.mean, 6);
    expect(rows.at(-1)!.to).toBe(summary.total.annual.perTask.mean);
  });

  it('label a saving above its bar, where the bar starts', () => {
    const saving = [{ driver: 'planned-changes', label: 'Planned changes', mean: -1000 }];
    const [start, step] = waterfallRows(summary, saving);
    expect(step!.top).toBe(start!.to);
    expect(step!.to).toBe(start!.to - 1000);
  });

  it('name the largest driver and its amount in the waterfall title', () => {
    const largest = [...summary.gapAttribution!].sort((a, b) => b.mean - a.mean)[0]!;
    expect(titleOf('gap-waterfall')).toContain(largest.label.toLowerCase());
    expect(titleOf('gap-waterfall')).toContain(formatMoney(largest.mean));
  });

  it('say the waterfall shows means, and give the mean gap, in its title and end bars', () => {
    const gap = formatSignedMoney(summary.total.annual.gap.mean);
    expect(titleOf('gap-waterfall')).toContain(`Largest part of the mean gap of ${gap}:`);
    const rows = waterfallRows(summary, summary.gapAttribution!);
    expect([rows[0]!.step, rows.at(-1)!.step]).toEqual([
      'Per-token forecast mean',
      'Per-task forecast mean',
    ]);
    expect(rows[0]!.amountLabel).toBe(`mean ${formatMoney(summary.total.annual.perToken.mean)}`);
  });

  it('name the widest input first in the tornado title', () => {
    const widest = summary.sensitivity!.inputs[0]!;
    expect(titleOf('tornado')).toContain(`Research ${inputLabelOf(widest.input, true)}`);
  });

  it('state the chance that the cheaper option wins in the paired chart title', () => {
    const pair = summary.options!.pairs[0]!;
    const share = 1 - pair.probabilityFirstCheaper - pair.probabilityEqual;
    expect(titleOf('paired-differences')).toContain(
      `short-answers costs less than base in ${formatPercent(share)} of trials`,
    );
  });

  it('state in the budget title where the cumulative P50 ends against the budget', () => {
    const plan = summary.budget!.plan!;
    const end = plan.cumulative.at(-1)!.p50;
    // The share is the last cumulative P50 over the budget, computed here on its own.
    expect(titleOf('budget')).toContain(
      `Cumulative P50 ends at ${formatMoney(end)}, ` +
        `${formatPercent(end / summary.budget!.amount)} of the ` +
        `${formatMoney(summary.budget!.amount)} budget;`,
    );
  });

  it('state the budget figures in the budget chart', () => {
    const plan = summary.budget!.plan!;
    const subtitle = JSON.stringify(specOf('budget').title);
    expect(subtitle).toContain(formatMoney(plan.coversP80!));
    expect(subtitle).toContain(formatMoney(plan.expectedOverrun));
  });

  it('put the decision tables in the HTML report', () => {
    const html = buildHtml(summary, charts, { vega: '', vegaLite: '', vegaEmbed: '' });
    expect(html).toContain('<h2>Decisions</h2>');
    expect(html).toContain('The gap, driver by driver');
    expect(html).toContain('short-answers');
    expect(html).toContain(
      `${formatMoney(summary.total.annual.perTask.p90)} ± ` +
        formatMoney(summary.total.annual.perTask.p90StandardError!),
    );
  });
});

describe('the HTML decisions with too few trials for standard errors', () => {
  const few = forecastForTest(reviewScenario(), 2);
  const html = buildHtml(few, buildCharts(few), { vega: '', vegaLite: '', vegaEmbed: '' });

  it('show no ± where the error cannot be estimated, and say why', () => {
    // Two trials: every percentile's one-sigma ranks run past the sample (trialsForErrorOf).
    expect(html).not.toContain(`${formatMoney(few.total.annual.perTask.p90)} ± `);
    expect(html).toContain('A figure without ± has too few trials on either side');
  });

  it('say the inputs cannot be ranked, never that none is uncertain', () => {
    expect(html).toContain('Too few trials (2) to rank the uncertain inputs');
    expect(html).not.toContain('No input is uncertain');
  });
});

describe('the HTML decisions of a fixed scenario with few tasks a month', () => {
  it('put the spread down to task-to-task variation, never "no input is uncertain"', () => {
    const few = forecastForTest(FEW_FIXED_TASKS);
    const html = buildHtml(few, buildCharts(few), { vega: '', vegaLite: '', vegaEmbed: '' });
    expect(few.scenario.uncertain).toBe(true);
    expect(html).toContain('task-to-task variation in months of fewer than 1,000 tasks');
    expect(html).not.toContain('No input is uncertain');
  });
});
