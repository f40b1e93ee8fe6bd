/**
 * At one trial a spend's P10, P50 and P90 are one figure written three times,
 * which reads as a spread of zero. The tables of spend (the terminal's, the
 * page's per workload, by quarter and per option, summary.md's) give it once,
 * headed "in the one trial"; at many trials they keep their three columns.
 */
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { formatMoney, formatSignedMoney } from '../../reports/formatMoney.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

const OPTIONS = `
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
`;

const SCRIPTS = { vega: '', vegaLite: '', vegaEmbed: '' };

/** The cells of the HTML table row headed `head`, as text. */
function cellsOf(html: string, head: string): string[] {
  const row = html.split(`<th scope="row">${head}</th>`)[1]!.split('</tr>')[0]!;
  return [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((match) => match[1]!);
}

/** The column headings of the HTML table whose first heading is `first`. */
function headingsOf(html: string, first: string): string[] {
  const head = html.split(`<th scope="col">${first}</th>`)[1]!.split('</tr>')[0]!;
  return [first, ...[...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]!)];
}

describe('the tables of spend of a run of one trial', () => {
  const summary = forecastForTest(reviewScenario(OPTIONS), 1);
  const html = buildHtml(summary, [], SCRIPTS);
  // The mean of one trial is that trial: the figure each table must show once, taken from the
  // mean so that it is not read back from the percentiles the tables used to repeat.
  const { perTask, perToken, gap } = summary.total.annual;

  it('give the terminal one column per forecast, headed by the one trial', () => {
    const lines = formatRunSummary(summary).split('\n');
    const header = lines.find((line) => line.startsWith('annual spend'))!;
    expect(header.split(/ {2,}/)).toEqual([
      'annual spend',
      'per-task forecast in the one trial',
      'per-token forecast in the one trial',
      'gap in the one trial',
    ]);
    const total = lines.find((line) => line.startsWith('total '))!;
    expect(total.trim().split(/\s+/)).toEqual([
      'total',
      formatMoney(perTask.mean),
      formatMoney(perToken.mean),
      formatSignedMoney(gap.mean),
    ]);
  });

  it('give summary.md one column per forecast, headed by the one trial', () => {
    const markdown = buildMarkdown(summary);
    expect(markdown).toContain(
      '| Workload | Per-task forecast in the one trial | Per-token forecast in the one trial ' +
        '| Gap in the one trial |',
    );
    const total = [
      formatMoney(perTask.mean),
      formatMoney(perToken.mean),
      formatSignedMoney(gap.mean),
    ];
    expect(markdown).toContain(`| All workloads | ${total.join(' | ')} |`);
  });

  it("give the page's budget table one column of each quarter's spend in the one trial", () => {
    expect(headingsOf(html, 'Quarter')).toEqual(['Quarter', 'In the one trial']);
    for (const quarter of summary.budget!.plan!.quarters) {
      expect(cellsOf(html, quarter.quarter)).toEqual([formatMoney(quarter.perTask.mean)]);
    }
  });

  it("give the page's options and their differences one column of the one trial", () => {
    const [base, short] = summary.options!.options;
    expect(headingsOf(html, 'Option').slice(0, 3)).toEqual([
      'Option',
      'What changes',
      'In the one trial',
    ]);
    expect(cellsOf(html, 'short-answers')[1]).toBe(formatMoney(short!.annual.mean));
    expect(headingsOf(html, 'First − second')).toEqual([
      'First − second',
      'In the one trial',
      'Cheaper in the one trial',
    ]);
    // The difference of one trial is the first option's spend less the second's.
    const difference = base!.annual.mean - short!.annual.mean;
    expect(cellsOf(html, 'base − short-answers')[0]).toBe(formatSignedMoney(difference));
  });

  it("give the page's workload table one spend column per forecast", () => {
    expect(html).not.toContain('<th>P10</th>');
    expect(html).toContain('<th>In the one trial</th><th>In the one trial</th>');
    expect(cellsOf(html, 'All workloads').slice(0, 2)).toEqual([
      formatMoney(perTask.mean),
      formatMoney(perToken.mean),
    ]);
  });
});

describe('the tables of spend of a run of many trials', () => {
  const summary = forecastForTest(reviewScenario(OPTIONS), 200);
  const html = buildHtml(summary, [], SCRIPTS);

  it('keep their P10, P50 and P90 columns in the terminal, summary.md and the page', () => {
    expect(formatRunSummary(summary)).toMatch(/per-task forecast P10 +P50 +P90 +per-token/);
    expect(buildMarkdown(summary)).toContain('| Per-task forecast P10 | P50 | P90 |');
    expect(headingsOf(html, 'Quarter')).toEqual(['Quarter', 'P10', 'P50', 'P90']);
    expect(headingsOf(html, 'First − second')).toEqual([
      'First − second',
      'P10',
      'P50',
      'P90',
      'P(first cheaper)',
    ]);
    expect(html).toContain('<th>P10</th><th>P50</th><th>P90</th>');
  });
});
