/**
 * At one trial a share of trials is 0% or 100%, which reads as a certainty one
 * draw cannot give. Every report that states such a share (the terminal, the
 * HTML page and its charts, summary.md, the workbook) says instead what
 * happened in the one trial, and summary.json leaves such figures null; at
 * many trials each keeps its share (the golden specs hold those).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { cheaperInOneTrialOf } from '../../reports/charts/chartTheme.js';
import { buildCharts } from '../../reports/buildCharts.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../../reports/formatMoney.js';
import { ONE_TRIAL_ERROR_SENTENCE } from '../../reports/html/buildDecisionSection.js';
import { escapeHtml } from '../../reports/html/escapeHtml.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

/** A share of trials stated as a figure: "in 100% of trials", "exceeded in 0% of trials". */
const SHARE_OF_TRIALS = /in [\d.]+% of (per-task |per-token )?trials|covers [\d.]+% of trials/;

/** reviewScenario's loop makes 3 calls of 500 output tokens; its budget is $18k. */
const OPTIONS = `
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
  long-answers:
    set:
      workloads.review.steps.loop.output_tokens: 1000
  same-answers:
    set:
      workloads.review.steps.loop.output_tokens: 500
`;

describe('cheaperInOneTrialOf', () => {
  const pair = { first: 'a', second: 'b', difference: {} as never };

  it('names the first, the second, or neither from the shares of one trial', () => {
    expect(cheaperInOneTrialOf({ ...pair, probabilityFirstCheaper: 1, probabilityEqual: 0 })).toBe(
      'a',
    );
    expect(cheaperInOneTrialOf({ ...pair, probabilityFirstCheaper: 0, probabilityEqual: 0 })).toBe(
      'b',
    );
    expect(
      cheaperInOneTrialOf({ ...pair, probabilityFirstCheaper: 0, probabilityEqual: 1 }),
    ).toBeNull();
  });
});

describe('the reports of a run of one trial', () => {
  const summary = forecastForTest(reviewScenario(OPTIONS), 1);
  const charts = buildCharts(summary);
  const terminal = formatRunSummary(summary);
  const html = buildHtml(summary, charts, { vega: '', vegaLite: '', vegaEmbed: '' });
  const markdown = buildMarkdown(summary);
  // Each option's spend in the one trial, read from its own outcome: the pair's difference
  // is checked against these, not against itself.
  const spendOf = (name: string) =>
    summary.options!.options.find((option) => option.name === name)!.annual.p50;
  const base = spendOf('base');

  it('state no share of trials, in the terminal, the page, its charts or summary.md', () => {
    expect(summary.scenario.trials).toBe(1);
    expect(terminal).not.toMatch(SHARE_OF_TRIALS);
    expect(html).not.toMatch(SHARE_OF_TRIALS);
    expect(markdown).not.toMatch(SHARE_OF_TRIALS);
    for (const chart of charts) expect(JSON.stringify(chart.spec)).not.toMatch(SHARE_OF_TRIALS);
    expect(markdown).toContain('1 trial, seed 7;');
    expect(markdown).not.toContain('1 trials');
    expect(html).not.toContain('1 trials');
  });

  it('say in the terminal what each option saved or cost in the one trial', () => {
    const saved = base - spendOf('short-answers');
    const extra = spendOf('long-answers') - base;
    // Half the output tokens cost less, twice as many cost more: the signs are certain.
    expect(saved).toBeGreaterThan(0);
    expect(extra).toBeGreaterThan(0);
    const tail = "in the run's one trial (paired); one trial gives no share of trials in which";
    expect(terminal).toContain(`Option short-answers saves ${formatMoney(saved)} a year ${tail}`);
    expect(terminal).toContain(
      `Option long-answers costs ${formatMoney(extra)} more a year ${tail}`,
    );
    expect(terminal).toContain(`Option same-answers costs the same as the scenario ${tail}`);
  });

  it('say in the terminal whether the one trial overran the budget, without a P80', () => {
    // The overrun of one trial is its spend above the budget, or none.
    const spend = summary.total.annual.perTask.p50;
    const budget = summary.budget!.amount;
    const overrun = spend > budget ? `overrun ${formatMoney(spend - budget)}` : 'no overrun';
    expect(terminal).toContain(
      `Budget plan: ${overrun} in the run's one trial, which gives no budget that covers ` +
        'P80 or P90;',
    );
  });

  it("title the budget chart by the one trial's cumulative spend, not a P50 of trials", () => {
    // The cumulative spend ends at the year's spend: the one trial's annual per-task spend.
    const spend = summary.total.annual.perTask.p50;
    const budget = summary.budget!.amount;
    const lead = "Cumulative spend of the run's one trial";
    const title = charts.find((chart) => chart.name === 'budget')!.spec.title as { text: string[] };
    expect(title.text[0]).toBe(
      `${lead} ends at ${formatMoney(spend)}, ${formatPercent(spend / budget)} of the ` +
        `${formatMoney(budget)} budget;`,
    );
    // The page's budget paragraph and the terminal's budget plan say the same words.
    // (Whether it runs ahead of the line or stays within it, the subject is the one trial.)
    expect(html).toMatch(new RegExp(`\\. ${escapeHtml(lead)} (first runs|runs|stays) `));
    const plan = /; cumulative spend of the run's one trial (first runs|runs|stays) /;
    expect(terminal).toMatch(plan);
    for (const text of [JSON.stringify(title), html, terminal]) {
      expect(text).not.toContain('umulative P50');
    }
  });

  it('name the cheaper of each pair on the page instead of P(first cheaper)', () => {
    expect(html).not.toContain('P(first cheaper)');
    expect(html).toContain('<th scope="col">Cheaper in the one trial</th>');
    const cells = (pair: string) => html.split(`${pair}</th>`)[1]!.split('</tr>')[0]!;
    expect(cells('base − short-answers')).toContain('<td>short-answers</td>');
    expect(cells('base − long-answers')).toContain('<td>base</td>');
    expect(cells('base − same-answers')).toContain('<td>neither: they cost the same</td>');
  });

  it('say on the page and in the budget chart whether the one trial exceeds the budget', () => {
    const spend = summary.total.annual.perTask.p50;
    const budget = summary.budget!.amount;
    const verb = spend > budget ? 'exceeds' : 'stays within';
    const sentence = `Budget ${formatMoney(budget)}: per-task spend ${verb} it in the run's one`;
    expect(html).toContain(escapeHtml(sentence));
    const budgetChart = charts.find((chart) => chart.name === 'budget')!;
    expect(JSON.stringify(budgetChart.spec.title)).toContain(sentence);
  });

  it('title the paired differences by the one trial', () => {
    const paired = charts.find((chart) => chart.name === 'paired-differences')!.spec;
    const title = paired.title as { text: string; subtitle: string[] };
    // The first pair, base minus short-answers, is as clear as any at one trial.
    expect(title.text).toBe(
      `short-answers costs less than base in the run's one trial, by ` +
        formatMoney(base - spendOf('short-answers')),
    );
    expect(title.subtitle[0]).toContain('(1 trial).');
    expect(JSON.stringify(paired)).toContain('"title":"Cheaper in the one trial"');
  });

  it('leave the budgets covering P80 and P90 null in summary.json, as its standard errors', () => {
    // One trial's P80 and P90 are that trial; the Summary marks figures one trial cannot give
    // null (README, summary.json), as it does the P90's standard error here.
    const json = JSON.parse(JSON.stringify(summary)) as typeof summary;
    expect(json.total.annual.perTask.p90StandardError).toBeNull();
    expect(json.budget!.plan!.coversP80).toBeNull();
    expect(json.budget!.plan!.coversP90).toBeNull();
  });

  it('say in the workbook whether the one trial exceeds the budget, not 0% or 100%', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer,
    );
    const figures = new Map<unknown, unknown>();
    workbook.getWorksheet(SHEETS.summary)!.eachRow((row) => {
      const [figure, value] = (row.values as unknown[]).slice(1);
      figures.set(figure, value);
    });
    expect(figures.has('Chance per-task spend exceeds the budget')).toBe(false);
    // The terminal's verb for the same trial (formatRunSummary, oneTrialBudgetVerbOf).
    const spend = summary.total.annual.perTask.p50;
    const verb = spend > summary.budget!.amount ? 'exceeds it' : 'stays within it';
    expect(figures.get("Per-task spend in the run's one trial")).toBe(verb);
  });

  it("name the cheaper of each pair on the workbook's Options sheet, not a share", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer,
    );
    const cheaper = new Map<unknown, unknown>();
    workbook.getWorksheet(SHEETS.options)!.eachRow((row) => {
      cheaper.set(row.getCell(1).value, row.getCell(6).value);
    });
    expect(cheaper.get('First − second')).toBe('Cheaper in the one trial');
    // As on the page: fewer output tokens cost less, more cost more, the same cost the same.
    expect(cheaper.get('base − short-answers')).toBe('short-answers');
    expect(cheaper.get('base − long-answers')).toBe('base');
    expect(cheaper.get('base − same-answers')).toBe('neither: they cost the same');
  });

  it('word the index, annual and budget charts for one trial: no band, box or whiskers', () => {
    const subtitleOf = (name: string) =>
      JSON.stringify(charts.find((chart) => chart.name === name)!.spec.title);
    expect(subtitleOf('index')).toContain("Lines: the run's one trial, which gives no band.");
    expect(subtitleOf('index')).not.toContain('P10–P90');
    expect(subtitleOf('annual-distribution')).not.toContain('whiskers: P5–P95');
    expect(subtitleOf('annual-distribution')).toContain("Tick: the run's one trial");
    expect(subtitleOf('budget')).toContain(
      "Line: per-task cumulative spend of the run's one trial;",
    );
    expect(subtitleOf('budget')).not.toContain('band: P10 to P90');
  });

  it('title the by-workload chart "Gap", not "Widest gap", for its one workload', () => {
    const title = charts.find((chart) => chart.name === 'by-workload')!.spec.title;
    expect((title as { text: string }).text).toMatch(/^Gap: review, per-task forecast /);
  });

  it('say in the method note that P10, P50 and P90 are the one trial', () => {
    expect(html).toContain('With one trial, its P10, P50 and P90 are that trial alone.');
    expect(html).not.toContain('middle 80% of trials');
  });

  it("give each gap driver's part once on the page, not as a mean, P10 and P90 alike", () => {
    const table = html.split('The gap, driver by driver')[1]!.split('</table>')[0]!;
    expect(table).toContain('<th scope="col">In the one trial</th>');
    expect(table).not.toContain('<th scope="col">P10</th>');
    // One trial's part, from the summary: its mean is that trial's part.
    const part = summary.gapAttribution![0]!;
    expect(table).toContain(
      `<th scope="row">${part.label}</th><td>${escapeHtml(formatSignedMoney(part.mean))}</td><td>`,
    );
  });

  it('say the one trial has no Monte Carlo error, in place of a table of its figures', () => {
    const section = html.split('<h3>Monte Carlo error</h3>')[1]!.split('<h3>')[0]!;
    expect(section).toContain(escapeHtml(ONE_TRIAL_ERROR_SENTENCE));
    expect(section).not.toContain('<table');
  });
});

describe('the reports of a run of two trials', () => {
  const summary = forecastForTest(reviewScenario(OPTIONS), 2);

  it('keep the share of trials in which each option is the cheaper', () => {
    const pair = summary.options!.pairs.find((p) => p.second === 'short-answers')!;
    const cheaper = 1 - pair.probabilityFirstCheaper - pair.probabilityEqual;
    expect(formatRunSummary(summary)).toContain(
      `and is the cheaper in ${Math.round(cheaper * 100)}% of trials.`,
    );
    const html = buildHtml(summary, buildCharts(summary), {
      vega: '',
      vegaLite: '',
      vegaEmbed: '',
    });
    expect(html).toContain('P(first cheaper)');
    expect(html).toContain('P10 to P90 holds the middle 80% of trials.');
  });
});
