/**
 * A Shapley part of the gap within float noise of the spends (gapOf's
 * isGapPartNoise: at most a billionth of them) cannot be told from 0. The
 * terminal names it "too small to tell from rounding" and the headline leaves
 * it out; the page's table and the workbook say the same, not "$0" or a
 * figure of noise as a finding.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../engine/summaryTypes.js';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import { formatSignedMoney } from '../../reports/formatMoney.js';
import { buildDecisionSection } from '../../reports/html/buildDecisionSection.js';
import { reviewScenario, withHugeSpends } from '../engine/decide/decideScenarios.js';
import { forecastForTest } from '../engine/scenarioText.js';

/** A forecast of the review scenario with huge spends and a noise part (withHugeSpends). */
function hugeSummaryWith(noiseMean: number): Summary {
  return withHugeSpends(forecastForTest(reviewScenario(), 200), noiseMean);
}

/** The cells of the HTML table row headed `head`, as text. */
function cellsOf(html: string, head: string): string[] {
  const row = html.split(`<th scope="row">${head}</th>`)[1]!.split('</tr>')[0]!;
  return [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((match) => match[1]!);
}

describe.each([1e13, 0])('a part of the gap of $%s beside spends of $1e29', (noiseMean) => {
  const summary = hugeSummaryWith(noiseMean);
  const [big, small] = summary.gapAttribution!;

  it("reads 'too small to tell from rounding' in the page's table, with no figure or share", () => {
    const html = buildDecisionSection(summary);
    expect(cellsOf(html, small!.label)).toEqual(['too small to tell from rounding', '', '', '']);
    // The part that is a finding keeps its figures, and is the whole of the shares.
    expect(cellsOf(html, big!.label)).toEqual([
      formatSignedMoney(4e29),
      formatSignedMoney(3e29),
      formatSignedMoney(5e29),
      '100%',
    ]);
  });

  it('leaves its cell empty in the workbook, with the reason beside it', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await buildWorkbook(summary)) as unknown as ExcelJS.Buffer,
    );
    const rows = new Map<unknown, unknown[]>();
    workbook.getWorksheet(SHEETS.summary)!.eachRow((row) => {
      rows.set(row.getCell(1).value, [row.getCell(2).value, row.getCell(3).value]);
    });
    expect(rows.get(`Gap driver: ${small!.label}, mean`)).toEqual([
      null,
      'too small to tell from rounding',
    ]);
    expect(rows.get(`Gap driver: ${big!.label}, mean`)).toEqual([4e29, 'USD']);
  });
});
