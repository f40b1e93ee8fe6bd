import { describe, expect, it } from 'vitest';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { formatMoney, formatSignedMoney } from '../../reports/formatMoney.js';
import { buildHeadline } from '../../reports/html/buildHeadline.js';
import { exampleReportInputs } from './exampleReportInputs.js';

describe('buildMarkdown', () => {
  const { summary, assumptions } = exampleReportInputs('scenarios/code-review.yaml');
  const markdown = buildMarkdown(summary, assumptions);
  const lines = markdown.split('\n');

  it('opens with the scenario name and the headline sentences', () => {
    expect(lines[0]).toBe(`# ${summary.scenario.name}`);
    for (const sentence of buildHeadline(summary)) expect(markdown).toContain(`${sentence}\n`);
  });

  it('writes the total row with the annual percentiles of summary.json', () => {
    const { perTask, perToken, gap } = summary.total.annual;
    const expected = [
      perTask.p10,
      perTask.p50,
      perTask.p90,
      perToken.p10,
      perToken.p50,
      perToken.p90,
    ]
      .map((usd) => formatMoney(usd))
      .concat(formatSignedMoney(gap.p50));
    expect(lines).toContain(`| All workloads | ${expected.join(' | ')} |`);
  });

  it("lists each assumption once, in a table whose rows all have the header's columns", () => {
    for (const assumption of assumptions) {
      expect(lines.filter((line) => line.startsWith(`| \`${assumption.path}\` |`))).toHaveLength(1);
    }
    const table = lines.filter((line) => line.startsWith('| `'));
    for (const row of table) expect(row.split(' | ')).toHaveLength(5);
  });

  it('shows no NaN, no undefined and ends with a newline', () => {
    expect(markdown).not.toMatch(/NaN|undefined|Infinity/);
    expect(markdown.endsWith('\n')).toBe(true);
  });
});
