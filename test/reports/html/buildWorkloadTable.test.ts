import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../reports/formatMoney.js';
import { buildWorkloadTable } from '../../../reports/html/buildWorkloadTable.js';
import { summaryFixture } from '../summaryFixture.js';

describe('buildWorkloadTable', () => {
  const table = buildWorkloadTable(summaryFixture);
  const header = table.match(/<thead>.*<\/thead>/)?.[0] ?? '';

  it('names the statistic of each per-task column in its header', () => {
    expect(header).toContain('<th colspan="2">Cost per task, P50 of trials</th>');
    expect(header).toContain('<th colspan="2">Tokens per task, mean of trials</th>');
    expect(header).toContain('<th colspan="2">Tasks per month, mean of trials</th>');
  });

  it('gives each workload its tasks per month in the first and the last month', () => {
    for (const workload of summaryFixture.workloads) {
      const row = table.match(new RegExp(`<tr><th scope="row">${workload.name}</th>.*?</tr>`))?.[0];
      const cells = [...(row ?? '').matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
      const first = workload.months[0]!;
      const last = workload.months[workload.months.length - 1]!;
      expect(cells.slice(-2)).toEqual([formatCount(first.tasks), formatCount(last.tasks)]);
    }
  });

  it('labels the first and the last month of the horizon under all three', () => {
    const months = '<th>First month<br>2027-01</th><th>Last month<br>2027-12</th>';
    expect(header.split(months)).toHaveLength(4);
  });
});
