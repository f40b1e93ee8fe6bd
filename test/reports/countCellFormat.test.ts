import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, SHEETS } from '../../reports/buildWorkbook.js';
import {
  countCellFormat,
  FRACTIONAL_COUNT_FORMAT,
  WHOLE_COUNT_FORMAT,
} from '../../reports/countCellFormat.js';
import { exampleReportInputs } from './exampleReportInputs.js';

describe('countCellFormat', () => {
  it('gives a whole count no decimals, so Excel shows "3,000" and not "3,000."', () => {
    for (const count of [0, 1, 3000, 2.999, 1e9]) {
      expect(countCellFormat(count), String(count)).toBe(WHOLE_COUNT_FORMAT);
    }
  });

  it('gives a count with a fraction one required decimal and one optional', () => {
    for (const count of [0.5, 2345.67, 12.3, 0.01]) {
      expect(countCellFormat(count), String(count)).toBe(FRACTIONAL_COUNT_FORMAT);
    }
  });
});

describe('the workbook count cells, read back with exceljs', async () => {
  const { summary, assumptions } = exampleReportInputs('scenarios/support-triage.yaml');
  const workbook = new ExcelJS.Workbook();
  const bytes = await buildWorkbook(summary, assumptions);
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);

  /** Every numeric cell of the sheet whose format is not money or a percent. */
  function countCells(name: string) {
    const cells: { where: string; value: number; numFmt: string }[] = [];
    workbook.getWorksheet(name)?.eachRow((row, rowNumber) => {
      row.eachCell((cell) => {
        const numFmt = String(cell.numFmt ?? '');
        if (typeof cell.value !== 'number' || /[$%]/.test(numFmt) || rowNumber === 1) return;
        cells.push({ where: `${name}!${cell.address}`, value: cell.value, numFmt });
      });
    });
    return cells;
  }

  it('never uses a format whose decimals are all optional, which ends in a bare dot', () => {
    // ECMA-376 Part 1, 18.8.31: the dot of `#,##0.##` is written even with no digit after it.
    for (const name of Object.values(SHEETS)) {
      for (const cell of countCells(name)) expect(cell.numFmt, cell.where).not.toMatch(/\.#*$/);
    }
  });

  it('formats the token and task cells of Assumptions and Workloads by their value', () => {
    const cells = [...countCells(SHEETS.assumptions), ...countCells(SHEETS.workloads)];
    // support-triage.yaml writes whole token counts (e.g. fixed 3000) and the means have fractions.
    expect(cells.some((c) => c.numFmt === WHOLE_COUNT_FORMAT)).toBe(true);
    for (const cell of cells) expect(cell.numFmt, cell.where).toBe(countCellFormat(cell.value));
  });
});
