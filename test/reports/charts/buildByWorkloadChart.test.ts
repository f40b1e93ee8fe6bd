import { describe, expect, it } from 'vitest';
import type { Summary } from '../../../engine/summaryTypes.js';
import { buildByWorkloadChart } from '../../../reports/charts/buildByWorkloadChart.js';
import { renderSvg } from '../../../reports/renderSvg.js';
import { formatMoney } from '../../../reports/formatMoney.js';
import { FIXTURE_WORKLOADS, priceFactor, summaryFixture } from '../summaryFixture.js';
import type { WorkloadParameters } from '../summaryFixture.js';
import { exampleReportInputs } from '../exampleReportInputs.js';
import { EQUAL_FORECASTS, forecastForTest } from '../../engine/scenarioText.js';
import { elementsOf, legendSymbolsOf, marksOf, textNamed } from './readSvg.js';

/** The fixture with its first workload only, as in the single-workload example reports. */
function singleWorkloadSummary(): Summary {
  const [first] = summaryFixture.workloads;
  if (first === undefined) throw new Error('the fixture has workloads');
  return { ...summaryFixture, workloads: [first] };
}

describe('buildByWorkloadChart', () => {
  it('names the per-token diamond in text right under it', async () => {
    const svg = await renderSvg(buildByWorkloadChart(singleWorkloadSummary()));
    // support-agent's per-token P50, $482k, from the closed form in buildCharts.test.ts.
    const label = textNamed(svg, 'per-token P50 $482k');
    const [diamond] = marksOf(svg, 'point');
    if (diamond === undefined) throw new Error('no diamond drawn');
    expect(label.attributes.get('text-anchor')).toBe('middle');
    expect(label.x).toBeCloseTo(diamond.x, 6);
    // Below the bar, whose half height is 15 px.
    expect(label.y).toBeGreaterThan(diamond.y + 15);
  });

  it('names every workload’s diamond when there are several', async () => {
    const svg = await renderSvg(buildByWorkloadChart(summaryFixture));
    // Per-token median in closed form: tasks grow, tokens per task stay at the first month's,
    // the price halves over the year. code-review: 30,000 * 1.02^m * 90,000 * $8/M * 0.5^(m/11)
    // summed over twelve months is $206.5k.
    const perTokenAnnual = (w: WorkloadParameters): number =>
      Array.from({ length: 12 }, (_, m) => m).reduce(
        (sum, m) =>
          sum +
          w.tasksFirstMonth *
            (1 + w.taskGrowthPerMonth) ** m *
            w.tokensPerTaskFirstMonth *
            (w.usdPerMillionTokensFirstMonth / 1e6) *
            priceFactor(m),
        0,
      );
    const expected = FIXTURE_WORKLOADS.map(
      (w) => `per-token P50 ${formatMoney(perTokenAnnual(w))}`,
    );
    expect(expected).toEqual(['per-token P50 $482k', 'per-token P50 $207k']);
    expect(marksOf(svg, 'text mark').map((mark) => mark.text)).toEqual(expected);
  });

  it('starts the label at the diamond when centring it would cross the axis start', async () => {
    // The backtest's case: per token about a twelfth of per task ($13.4k against $156k).
    const [first] = summaryFixture.workloads;
    if (first === undefined) throw new Error('the fixture has workloads');
    const perToken = { ...first.annual.perToken, p50: first.annual.perTask.p50 / 12 };
    const summary: Summary = {
      ...summaryFixture,
      workloads: [{ ...first, annual: { ...first.annual, perToken } }],
    };
    const svg = await renderSvg(buildByWorkloadChart(summary));
    const label = textNamed(svg, `per-token P50 ${formatMoney(perToken.p50)}`);
    const [diamond] = marksOf(svg, 'point');
    expect(label.attributes.get('text-anchor')).toBe('start');
    expect(label.x).toBeCloseTo(diamond?.x ?? Number.NaN, 6);
  });

  it('shows a square for the bars and a diamond for per token in its legend', async () => {
    const svg = await renderSvg(buildByWorkloadChart(summaryFixture));
    const [square, diamond] = legendSymbolsOf(svg).map((symbol) => symbol.attributes.get('d'));
    expect(square).toMatch(/^M-[\d.]+,-[\d.]+h[\d.]+v[\d.]+h-[\d.]+Z$/);
    expect(diamond).toMatch(/^M-[\d.]+,0L0,-[\d.]+L[\d.]+,0L0,[\d.]+Z$/);
  });

  it('spaces the money ticks so that five-character labels do not touch', async () => {
    // The review's case: code-review's axis to $160k had a label every 40 px.
    const { summary } = exampleReportInputs('scenarios/code-review.yaml', 200);
    const svg = await renderSvg(buildByWorkloadChart(summary));
    const ticks = elementsOf(svg)
      .filter((e) => e.tag === 'text' && /^\$[\d.]+[kMBT]?$/.test(e.text))
      .map((e) => e.x);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // About 7 px per character of an 11 px label, so "$150k" needs 35 px and a gap.
    for (let i = 1; i < ticks.length; i += 1) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThan(60);
  });
});

describe('the title of the by-workload chart when no workload has a gap', () => {
  const titleOf = (summary: Summary) => buildByWorkloadChart(summary).title as { text: string };

  it('says no workload has one instead of naming the widest of gaps of $0', () => {
    // EQUAL_FORECASTS (test/engine/scenarioText.ts) has no growth, drift or elasticity, so
    // its two forecasts agree in every trial and both workloads' paired gaps are $0.
    const summary = forecastForTest(EQUAL_FORECASTS, 400);
    expect(summary.workloads.map((w) => w.annual.gap.p50)).toEqual([0, 0]);
    const { text } = titleOf(summary);
    expect(text).toBe("No workload has a gap: the paired gap's P50 is $0 in each");
    expect(text).not.toContain('Widest');
  });

  it('names the one workload with a gap of $0 as having none', () => {
    const [first] = summaryFixture.workloads;
    if (first === undefined) throw new Error('the fixture has workloads');
    const gap = { ...first.annual.gap, p10: 0, p50: 0, p90: 0, mean: 0 };
    const summary: Summary = {
      ...summaryFixture,
      workloads: [{ ...first, annual: { ...first.annual, gap } }],
    };
    expect(titleOf(summary).text).toBe(`No gap: ${first.name}'s paired gap has a P50 of $0`);
  });

  it('still names the widest gap when one workload has a gap and another none', () => {
    const [first, second] = summaryFixture.workloads;
    if (first === undefined || second === undefined) throw new Error('the fixture has two');
    const none = { ...second.annual.gap, p50: 0 };
    const summary: Summary = {
      ...summaryFixture,
      workloads: [first, { ...second, annual: { ...second.annual, gap: none } }],
    };
    expect(titleOf(summary).text).toMatch(new RegExp(`^Widest gap: ${first.name},`));
  });
});
