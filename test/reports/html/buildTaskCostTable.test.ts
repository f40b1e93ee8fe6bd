import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent } from '../../../reports/formatMoney.js';
import { buildTaskCostTable } from '../../../reports/html/buildTaskCostTable.js';
import { summaryFixture } from '../summaryFixture.js';

describe('buildTaskCostTable', () => {
  const summary = summaryFixture;
  const html = buildTaskCostTable(summary);

  it('shows each workload median, P95 and share above the threshold in both months', () => {
    for (const workload of summary.workloads) {
      const { threshold, first, last } = workload.taskCost;
      expect(html).toContain(`<th scope="row">${workload.name}</th>`);
      // Expected texts: the fixture's own numbers through the report's formatter.
      for (const text of [
        formatMoney(threshold!),
        formatMoney(first.median),
        formatMoney(last.p95),
      ]) {
        expect(html).toContain(`<td>${text}</td>`);
      }
      expect(html).toContain(`<td>${formatPercent(last.shareAboveThreshold!)}</td>`);
    }
  });

  it('shows a dash, not $0 and 100%, for a workload whose first median task costs $0', () => {
    const [workload] = summary.workloads;
    const first = { ...workload!.taskCost.first, median: 0, shareAboveThreshold: null };
    const last = { ...workload!.taskCost.last, shareAboveThreshold: null };
    const late = { ...workload!, name: 'late', taskCost: { threshold: null, first, last } };
    const table = buildTaskCostTable({ ...summary, workloads: [late] });
    expect(table).not.toContain('<td>100%</td>');
    expect(table).toContain('<td>–</td>');
    expect(table).toContain('so twice it is no threshold for expensive tasks');
  });

  it('names both months and says how the tasks were drawn', () => {
    expect(html).toContain(summary.months[0]!);
    expect(html).toContain(summary.months[summary.months.length - 1]!);
    expect(html).toContain('10,000 tasks drawn one by one');
  });
});
