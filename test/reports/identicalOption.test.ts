/**
 * An option that costs the same as the scenario in every trial: the page, the
 * paired-differences chart and the workbook say so, where a bare share of trials
 * in which the first is the cheaper (0%) would read as the first always the dearer.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildPairedDifferenceChart } from '../../reports/charts/buildPairedDifferenceChart.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { cheaperCellOf } from '../../reports/cheaperShareOf.js';
import { buildDecisionSection } from '../../reports/html/buildDecisionSection.js';
import { SAME_OPTION } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

// `same` costs what the scenario costs in every trial (SAME_OPTION).
const summary = forecastForTest(SAME_OPTION, 200);
const comparison = summary.options!;

describe('an option identical to the scenario in the reports', () => {
  it('is the same in every trial in the page table and the chart title, not 0%', () => {
    expect(comparison.pairs[0]!.probabilityEqual).toBe(1);
    const html = buildDecisionSection(summary);
    expect(html).toContain('the same in every trial');
    const spec = buildPairedDifferenceChart(comparison) as { title: { text: string } };
    expect(spec.title.text).toContain('base and same cost the same in every trial');
    expect(JSON.stringify(spec)).not.toContain('0% of trials');
  });

  it('gives the workbook the share of trials in which the two cost the same', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer;
    await workbook.xlsx.load(bytes);
    const rows: unknown[][] = [];
    workbook.getWorksheet(SHEETS.options)!.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    const header = rows.find((row) => row[0] === 'First − second')!;
    expect(header.slice(-2)).toEqual([
      'Share of trials the first is cheaper',
      'Share of trials they cost the same',
    ]);
    const pair = rows.find((row) => row[0] === 'base − same')!;
    expect(pair.slice(-2)).toEqual([0, 1]);
  });

  it('is the same in every trial in the options table of summary.md, not 0.0% of trials', () => {
    const markdown = buildMarkdown(summary);
    expect(markdown).toContain('| the same in every trial |');
    expect(markdown).not.toContain('0.0% of trials');
  });

  it('shows both shares in a cell when only some trials cost the same', () => {
    // Hand-made shares: the first cheaper in 40% of trials, equal in 12%.
    const cell = cheaperCellOf({ probabilityFirstCheaper: 0.4, probabilityEqual: 0.12 });
    expect(cell).toBe('40% (the same in 12%)');
  });
});
