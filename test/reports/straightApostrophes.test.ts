/**
 * The tool writes one apostrophe, the straight one ('), in every output: the
 * terminal, summary.md, the workbook, the page and its charts. Sentences are
 * shared between them (the budget plan's "cumulative spend of the run's one
 * trial" is the chart's title, the page's paragraph and the terminal's line),
 * so a typographic one (’) in any of them would mix the two in a line.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { buildCharts } from '../../reports/buildCharts.js';
import { buildHtml } from '../../reports/buildHtml.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook } from '../../reports/buildWorkbook.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

const OPTIONS = `
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
`;

/** Every text cell of the workbook, sheet by sheet. */
async function workbookTextOf(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))),
  );
  return texts.join('\n');
}

describe.each([1, 200])('the outputs of a run of %i trials', (trials) => {
  const summary = forecastForTest(reviewScenario(OPTIONS), trials);
  const charts = buildCharts(summary);

  it('write the straight apostrophe in the terminal and summary.md, never a curly one', () => {
    const terminal = formatRunSummary(summary);
    // The budget plan's line is where the terminal joins its own words to the chart's.
    expect(terminal).toMatch(/Budget plan: .*'/);
    expect(terminal).not.toContain('’');
    expect(buildMarkdown(summary)).not.toContain('’');
  });

  it('write the straight apostrophe on the page and in its charts', () => {
    const html = buildHtml(summary, charts, { vega: '', vegaLite: '', vegaEmbed: '' });
    expect(html).toContain('&#39;');
    expect(html).not.toContain('’');
    for (const chart of charts) expect(JSON.stringify(chart.spec)).not.toContain('’');
  });

  it('write the straight apostrophe in the workbook, its scheduled changes note too', async () => {
    const text = await workbookTextOf(await buildWorkbook(summary, [], []));
    expect(text).toContain("the first month's way");
    expect(text).not.toContain('’');
  });
});
