/**
 * A horizon of one month has one first and last month. Every report names it
 * once ("2027-01", a single column, "twice that median") instead of twice
 * ("2027-01 to 2027-01", two equal columns), and leaves out what needs two
 * months: the change between them and the charts drawn over the months.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../cli/compareCommand.js';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { forecastScenarioText } from '../../engine/forecast.js';
import { buildCharts } from '../../reports/buildCharts.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { buildBudgetChart, crossingSentenceOf } from '../../reports/charts/buildBudgetChart.js';
import { CHART_WIDTH } from '../../reports/charts/chartTheme.js';
import { buildTornadoChart } from '../../reports/charts/buildTornadoChart.js';
import { monthRangeOf } from '../../reports/charts/chartTheme.js';
import { formatMoney } from '../../reports/formatMoney.js';
import { renderSvg } from '../../reports/renderSvg.js';
import { forecastForTest, TEST_PRICES } from '../engine/scenarioText.js';
import { elementsOf, marksOf } from './charts/readSvg.js';

const oneMonth = (budget: string) => `
scenario: one-month
start: 2027-01
months: 1
trials: 400
seed: 3
budget: ${budget}
${TEST_PRICES}
  curve:
    annual_change: -20% to -60%
workloads:
  review:
    tasks_per_month: 20k to 30k
    steps:
      loop:
        model: test-model
        calls: 3
        input_tokens: 2k to 6k
        output_tokens: 500
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
`;

/** The same month twice: "2027-01 to 2027-01", "2027-01 → 2027-01". */
const SAME_MONTH_TWICE = /(\d{4}-\d{2})( to | → | -> )\1/;

describe('monthRangeOf', () => {
  it('names a range of months by its ends, and one month once', () => {
    expect(monthRangeOf(['2027-01', '2027-02', '2027-03'])).toBe('2027-01 to 2027-03');
    expect(monthRangeOf(['2027-01'])).toBe('2027-01');
  });
});

describe('the reports of a one-month horizon', () => {
  const summary = forecastForTest(oneMonth('$100k'));
  const charts = buildCharts(summary);
  const terminal = formatRunSummary(summary);
  const html = buildHtml(summary, charts, { vega: '', vegaLite: '', vegaEmbed: '' });
  const markdown = buildMarkdown(summary);
  const reports = { terminal, html, markdown };

  it('never name the month twice or count "1 months"', () => {
    expect(summary.months).toEqual(['2027-01']);
    for (const [name, text] of Object.entries(reports)) {
      expect(text, name).not.toMatch(SAME_MONTH_TWICE);
      expect(text, name).not.toContain('1 months');
      expect(text, name).not.toContain('against 2027-01');
      expect(text, name).not.toContain('By 2027-01');
    }
  });

  it('head the terminal with the month and show cost per task in one column', () => {
    const lines = terminal.split('\n');
    expect(lines[0]).toBe('one-month: 2027-01, 400 trials, seed 3');
    const costs = lines.findIndex((line) => line.startsWith('cost per task (P50)'));
    expect(lines[costs]).toMatch(/^cost per task \(P50\) +2027-01$/);
    const cost = formatMoney(summary.workloads[0]!.costPerTaskFirst.p50);
    expect(lines[costs + 1]).toMatch(new RegExp(`^review +\\${cost}$`));
    expect(terminal).not.toContain('change of P50s');
    expect(terminal).toContain('(twice that median).');
  });

  it('say in the terminal what an option saves over the one month', () => {
    const pair = summary.options!.pairs[0]!;
    expect(terminal).toContain(
      `Option short-answers saves ${formatMoney(pair.difference.p50)} over the one month at P50`,
    );
  });

  it('open the page and summary.md with the month itself', () => {
    const { perTask } = summary.total.annual;
    const opening =
      "In 2027-01, the horizon's one month, the per-task forecast puts spend at " +
      `${formatMoney(perTask.p50)} (P50)`;
    expect(markdown).toContain(opening);
    expect(html).toContain(opening.replace("'", '&#39;'));
    expect(markdown).toContain("1-month figures are the horizon's one month.");
  });

  it('give the month one column in the workload, single-task and options tables', () => {
    expect(html).toContain('<th colspan="1">Cost per task, P50 of trials</th>');
    expect(html).not.toContain('First month<br>');
    expect(html).toContain('Threshold (twice the median)');
    expect(html.match(/<th colspan="3">2027-01<\/th>/g)).toHaveLength(1);
    expect(html).toContain('<th scope="col">Cost per task, 2027-01 (P50)</th>');
    expect(markdown).toContain(
      '| Workload | Cost per task 2027-01 (P50) | Tokens per task 2027-01 (mean) | ' +
        'Tasks 2027-01 (mean) |',
    );
  });

  it('draw no chart over the months, which would be one point', () => {
    expect(charts.map((chart) => chart.name)).not.toContain('index');
    expect(charts.map((chart) => chart.name)).not.toContain('monthly-fan');
    expect(charts.map((chart) => chart.name)).toContain('annual-distribution');
  });

  it('title the by-workload chart with no gap, since one month has none to name', () => {
    // In the first month tasks burn the first month's tokens at the first month's prices
    // (MODEL.md), so the per-task and per-token forecasts agree in every trial.
    expect(summary.workloads[0]!.annual.gap.p50).toBe(0);
    const chart = charts.find((candidate) => candidate.name === 'by-workload')!;
    const title = chart.spec.title as { text: string };
    expect(title.text).toBe("No gap: review's paired gap has a P50 of $0");
  });

  it('print the comparison with one cost per task, not "$x -> $x"', () => {
    const text = formatComparison(summary.options!, 1);
    const base = summary.options!.options[0]!.costPerTask[0]!;
    expect(text).toContain(`(review ${formatMoney(base.first)} a task)`);
    expect(text).not.toContain('->');
    expect(text.startsWith('1-month spend')).toBe(true);
  });
});

describe('the workbook of a one-month horizon', () => {
  it('gives the month one column in the Workloads sheet, headed by the month', async () => {
    const summary = forecastForTest(oneMonth('$100k'));
    const workbook = new ExcelJS.Workbook();
    const bytes = Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer;
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet(SHEETS.workloads)!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(8)).toEqual([
      'Cost per task, 2027-01 (P50)',
      'Tokens per task, 2027-01 (mean)',
      'Tasks per month, 2027-01 (mean)',
    ]);
    const review = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(review).toHaveLength(header.length);
    expect(review[8]).toBe(summary.workloads[0]!.costPerTaskFirst.p50);
  });
});

describe('the gap table when the gap is $0', () => {
  it('gives neither the $0 driver nor the $0 gap a share, not "100%" of nothing', () => {
    // One month has no gap (MODEL.md: the first month's tokens at the first month's prices);
    // a $0 part is what a planned change starting in that month gives.
    const summary = forecastForTest(oneMonth('$100k'));
    expect(summary.total.annual.gap.mean).toBe(0);
    const part = { driver: 'planned-changes', label: 'Planned changes', mean: 0, p10: 0, p90: 0 };
    const html = buildHtml({ ...summary, gapAttribution: [part] as never }, [], {
      vega: '',
      vegaLite: '',
      vegaEmbed: '',
    });
    const table = html.split('The gap, driver by driver')[1]!.split('</table>')[0]!;
    expect(table).toContain('Planned changes');
    expect(table).not.toContain('%</td>');
  });
});

describe('the tornado of a one-month horizon whose inputs barely move spend', () => {
  it('labels its money axis with as many figures as tell the ticks apart', async () => {
    const summary = forecastForTest(oneMonth('$100k'));
    // Made up, as the reviewer's one-month run had it: swings of a ten-thousandth of a cent
    // on $3.71, which three figures would label "$3.71" at every tick.
    const input = (name: string, high: number) => ({
      input: name,
      lowValue: 1,
      highValue: 2,
      p50AtLow: 3.71,
      p50AtHigh: high,
      swing: high - 3.71,
      varianceShare: 0.4,
    });
    const sensitivity = {
      ...summary.sensitivity!,
      baseP50: 3.71004,
      inputs: [input('workloads.review.tasks_per_month', 3.7101), input('prices.curve', 3.71005)],
    };
    const svg = await renderSvg(buildTornadoChart({ ...summary, sensitivity })!);
    const labels = svg.split('role-axis-label')[1]!.split('</g>')[0]!;
    const texts = elementsOf(labels).map((label) => label.text);
    expect(texts.length).toBeGreaterThan(1);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('a one-month horizon over its budget', () => {
  it('says the cumulative spend runs ahead in the horizon’s one month, not its last', () => {
    // A budget of $1 is below any month of 20k tasks or more at 3 calls of 2k tokens.
    const summary = forecastForTest(oneMonth('$1'));
    expect(crossingSentenceOf(summary.budget!.plan!)).toBe(
      "Cumulative P50 runs ahead of the budget in 2027-01, the horizon's one month",
    );
  });
});

describe('the budget chart of a one-month horizon', () => {
  // An area or a line through one point draws nothing; these marks draw with one.
  it('draws the P50 as a dot, P10 to P90 as a bar and the budget as a rule across', async () => {
    const summary = forecastForTest(oneMonth('$1k'));
    const svg = await renderSvg(buildBudgetChart(summary)!);
    const [point] = summary.budget!.plan!.cumulative;
    const lines = marksOf(svg, 'rule mark');
    const across = lines.filter((line) => line.attributes.get('x2') === String(-CHART_WIDTH));
    expect(across.map((line) => line.attributes.get('stroke-dasharray'))).toEqual(['6,4']);
    // The P10-P90 bar: a vertical rule, no width and some height.
    const upright = marksOf(svg, 'errorbar').filter((line) => line.attributes.get('x2') === '0');
    expect(upright).toHaveLength(1);
    expect(Math.abs(Number(upright[0]!.attributes.get('y2')))).toBeGreaterThan(10);
    expect(marksOf(svg, 'point')).toHaveLength(1);
    const texts = elementsOf(svg).map((element) => element.text);
    expect(texts).toContain(
      `P50 ${formatMoney(point!.p50)} (P10 ${formatMoney(point!.p10)} to P90 ` +
        `${formatMoney(point!.p90)})`,
    );
    expect(texts).toContain('Budget $1k');
    const subtitle = JSON.stringify(buildBudgetChart(summary)!.title);
    expect(subtitle).toContain('Dot: per-task P50; bar: P10 to P90; dashed: the budget.');
  });

  it('draws one trial as a dot labelled with its spend, with no bar', async () => {
    const summary = forecastForTest(oneMonth('$1k'), 1);
    const svg = await renderSvg(buildBudgetChart(summary)!);
    const lines = marksOf(svg, 'rule mark');
    expect(marksOf(svg, 'errorbar')).toHaveLength(0);
    expect(lines).toHaveLength(1);
    const spend = formatMoney(summary.total.annual.perTask.p50);
    expect(elementsOf(svg).map((element) => element.text)).toContain(spend);
    expect(JSON.stringify(buildBudgetChart(summary)!.title)).toContain(
      "Dot: per-task spend of the run's one trial; dashed: the budget.",
    );
  });

  it('says the spend stays within the budget in the one month, with no straight line', () => {
    // A budget of $100k is above any month of at most 30k tasks of 3 calls of 6k tokens.
    const summary = forecastForTest(oneMonth('$100k'));
    expect(crossingSentenceOf(summary.budget!.plan!)).toBe(
      "Cumulative P50 stays within the budget in the horizon's one month",
    );
  });
});

describe('a one-month scenario naming a later month', () => {
  it('says the horizon runs 1 month, not "1 months"', () => {
    const text = oneMonth('$100k').replace(
      '        output_tokens: 500\n',
      '        output_tokens: 500\n    drift:\n      loop.calls: +10% by 2027-02\n',
    );
    const outcome = forecastScenarioText(text);
    expect(outcome.ok).toBe(false);
    const messages = outcome.ok ? [] : outcome.issues.map((issue) => issue.message);
    expect(messages).toContain(
      '`2027-02` lies outside the horizon, which starts 2027-01 and runs 1 month.',
    );
  });
});
