import { describe, expect, it } from 'vitest';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../../reports/formatMoney.js';
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

describe('the options section of summary.md', () => {
  const { summary } = exampleReportInputs('scenarios/code-review.yaml', 300);
  const lines = buildMarkdown(summary).split('\n');
  const comparison = summary.options!;

  it('heads a table of options after the spend tables', () => {
    expect(lines).toContain('## Options');
    expect(lines).toContain(
      '| Option | What changes | Annual spend P50 | Saving against base, P50 (paired) | ' +
        'Cheaper than base in |',
    );
  });

  it('gives each option its description, its P50 and the paired saving from summary.json', () => {
    for (const option of comparison.options.filter((o) => o.name !== 'base')) {
      // The page's pair is base minus the option, trial by trial; its P50 is the saving.
      const pair = comparison.pairs.find((p) => p.first === 'base' && p.second === option.name)!;
      const saving = pair.difference.p50;
      const cheaper = 1 - pair.probabilityFirstCheaper - pair.probabilityEqual;
      const savingText = saving >= 0 ? formatMoney(saving) : `costs ${formatMoney(-saving)} more`;
      expect(lines).toContain(
        `| ${option.name} | ${option.description} | ${formatMoney(option.annual.p50)} | ` +
          `${savingText} | ${formatPercent(cheaper)} of trials |`,
      );
    }
  });

  it('writes no options section for a scenario without options', () => {
    const markdown = buildMarkdown({ ...summary, options: undefined });
    expect(markdown).not.toContain('## Options');
  });
});
