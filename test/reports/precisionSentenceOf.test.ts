/**
 * What `--precision` asked and reached is in every report: the terminal, the
 * page and summary.json had it; summary.md and the workbook now say it too,
 * from the same Summary `precision`.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDecisionLines } from '../../cli/formatDecisionLines.js';
import type { PrecisionReport, Summary } from '../../engine/summaryTypes.js';
import { buildMarkdown } from '../../reports/buildMarkdown.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

/** The Summary sheet as figure → value. */
async function summarySheetOf(summary: Summary): Promise<Map<unknown, unknown>> {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer;
  await workbook.xlsx.load(bytes);
  const figures = new Map<unknown, unknown>();
  workbook.getWorksheet(SHEETS.summary)!.eachRow((row) => {
    const [figure, value] = (row.values as unknown[]).slice(1);
    figures.set(figure, value);
  });
  return figures;
}

describe('the precision a run asked for, in summary.md and the workbook', () => {
  const forecast = forecastForTest(reviewScenario(), 200);
  // A report made up for the test: the ceiling was reached before the 1% asked.
  const precision: PrecisionReport = {
    target: 0.01,
    achieved: 0.023,
    trials: 200,
    ceiling: 200,
    met: false,
  };
  const summary: Summary = { ...forecast, precision };

  it('says in summary.md what the terminal says, ceiling and all', () => {
    const sentence =
      'Precision: annual P90 to 2.3% (asked 1%) with 200 trials, the ceiling; ' +
      'more trials would be needed.';
    expect(formatDecisionLines(summary)).toContain(sentence);
    expect(buildMarkdown(summary)).toContain(`\n${sentence}\n`);
    expect(buildMarkdown(forecast)).not.toContain('Precision:');
  });

  it('gives the workbook the shares asked and reached, trials, ceiling and outcome', async () => {
    const figures = await summarySheetOf(summary);
    expect(figures.get('Precision asked: standard error of annual P90')).toBe(0.01);
    expect(figures.get('Precision reached: standard error of annual P90')).toBe(0.023);
    expect(figures.get('Precision: trials run')).toBe(200);
    expect(figures.get('Precision: trial ceiling')).toBe(200);
    expect(figures.get('Precision met')).toBe('no, the ceiling was reached');
    expect([...(await summarySheetOf(forecast)).keys()].join()).not.toContain('Precision');
  });

  it('gives a dash for the share reached and the trials needed, when not estimated', async () => {
    // trialsForErrorOf(0.9) is 11 (summarizeSample's tests): 5 trials give no P90 error.
    const tooFew = { ...precision, achieved: null, trials: 5, ceiling: 5, neededTrials: 11 };
    const figures = await summarySheetOf({ ...forecast, precision: tooFew });
    expect(figures.get('Precision reached: standard error of annual P90')).toBe('–');
    expect(figures.get('Precision: trials needed to estimate the error')).toBe(11);
    expect(buildMarkdown({ ...forecast, precision: tooFew })).toContain(
      'Precision: too few trials (5, the ceiling) to estimate the standard error of annual ' +
        'P90; that needs 11 or more.',
    );
  });
});
