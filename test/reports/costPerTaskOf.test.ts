import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { buildWorkloadTable } from '../../reports/html/buildWorkloadTable.js';
import { buildTaskCostTable } from '../../reports/html/buildTaskCostTable.js';
import { formatMoney } from '../../reports/formatMoney.js';
import { forecastForTest, TEST_PRICES } from '../engine/scenarioText.js';

/** A busy workload beside one that runs no task (`tasks_per_month: 0`). */
const IDLE = `
scenario: idle
start: 2027-01
months: 3
trials: 100
${TEST_PRICES}
workloads:
  busy:
    tasks_per_month: 5000
    steps:
      s: { model: test-model, input_tokens: 1000, output_tokens: 100 }
  idle:
    tasks_per_month: 0
    steps:
      s: { model: test-model, input_tokens: 1000, output_tokens: 100 }
`;

describe('the cost per task of a workload that runs no task', () => {
  const summary = forecastForTest(IDLE);
  // 1,000 x $2 + 100 x $8 per million tokens = $0.0028 (TEST_PRICES): defined, but never paid.
  it('is still the expected cost of one task in summary.json', () => {
    expect(summary.workloads[1]!.costPerTaskFirst.p50).toBeCloseTo(0.0028, 12);
  });

  it('reads "no tasks" in the terminal, with no single-task figures', () => {
    const text = formatRunSummary(summary);
    expect(text).toMatch(/^idle +no tasks +no tasks +–$/m);
    expect(text).toContain('–: idle runs no task in 2027-01 or 2027-03, so no change to give.');
    expect(text).toContain('Single tasks of idle: none run in 2027-03.');
    const idleLines = text.split('\n').filter((line) => /\bidle\b/.test(line));
    // Its annual spend reads $0; no line gives idle a cost of a fraction of a dollar.
    expect(idleLines.filter((line) => line.includes('$0.'))).toEqual([]);
  });

  it('reads "no tasks" in summary.md and on the page', () => {
    expect(buildMarkdown(summary)).toContain('| idle | no tasks | no tasks |');
    expect(buildWorkloadTable(summary)).toContain('<td>no tasks</td><td>no tasks</td>');
  });

  it('reads "none run" in the page\'s single-task table, as the terminal says', () => {
    const table = buildTaskCostTable(summary);
    const rowOf = (name: string) =>
      table.split(`<th scope="row">${name}</th>`)[1]!.split('</tr>')[0];
    // idle runs no task in 2027-01 or 2027-03: no threshold, and each month one cell saying so.
    expect(rowOf('idle')).toBe(
      '<td>–</td><td colspan="3">none run</td><td colspan="3">none run</td>',
    );
    // busy's figures are its own taskCost through the report's formatter.
    const busy = summary.workloads[0]!.taskCost;
    expect(rowOf('busy')).toContain(`<td>${formatMoney(busy.last.median)}</td>`);
    expect(table).toContain('None run: the workload runs no task that month (tasks_per_month: 0)');
  });

  it('reads "no tasks" on the Workloads sheet, where busy keeps its number', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer;
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet(SHEETS.workloads)!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    // Columns 9 and 10: cost per task in the first and last month (workloadHeaderOf).
    expect(row(3).slice(8, 10)).toEqual(['no tasks', 'no tasks']);
    expect(row(2)[8]).toBe(summary.workloads[0]!.costPerTaskFirst.p50);
  });
});
