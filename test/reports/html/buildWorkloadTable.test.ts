import { describe, expect, it } from 'vitest';
import { buildWorkloadTable } from '../../../reports/html/buildWorkloadTable.js';
import { summaryFixture } from '../summaryFixture.js';

describe('buildWorkloadTable', () => {
  const table = buildWorkloadTable(summaryFixture);
  const header = table.match(/<thead>.*<\/thead>/)?.[0] ?? '';

  it('names the statistic of each per-task column in its header', () => {
    expect(header).toContain('<th colspan="2">Cost per task, P50 of trials</th>');
    expect(header).toContain('<th colspan="2">Tokens per task, mean of trials</th>');
  });

  it('labels the first and the last month of the horizon under both', () => {
    const months = '<th>First month<br>2027-01</th><th>Last month<br>2027-12</th>';
    expect(header.split(months)).toHaveLength(3);
  });
});
