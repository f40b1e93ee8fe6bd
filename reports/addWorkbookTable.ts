/**
 * A workbook sheet laid out as a table: a bold, frozen header row, the rows,
 * and a number format per column. Each sheet of the report's workbook starts
 * this way (buildWorkbook, addOptionsSheet).
 */
import type ExcelJS from 'exceljs';
import type { DistributionSummary } from '../engine/summaryTypes.js';
import { CENTS_FORMAT } from './moneyCellFormat.js';

/** The number format of a share (0.25 shows "25.0%"), the same on every sheet. */
export const PERCENT_FORMAT = '0.0%';

export type Row = (string | number | null)[];

/** A column's number format: one for every cell, or one chosen by each cell's number. */
export type ColumnFormat = string | ((value: number) => string) | null;

/** The figures a sheet gives of a distribution, in the order `spreadOf` returns them. */
export const SPREAD_LABELS = ['mean', 'P10', 'P50', 'P90'] as const;

/** A distribution's mean, P10, P50 and P90, the columns several sheets give. */
export const spreadOf = (d: DistributionSummary): number[] => [d.mean, d.p10, d.p50, d.p90];

/** Adds a sheet with a bold header row, the given rows and a number format per column. */
export function addWorkbookTable(
  workbook: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: readonly Row[],
  formats: readonly ColumnFormat[] = [],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  header.forEach((title, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(12, title.length + 2);
    const format = formats[index];
    if (typeof format === 'string') column.numFmt = format;
    if (typeof format === 'function') formatEachNumber(column, format);
  });
  return sheet;
}

/** Gives each number of a column the format `formatOf` picks for it; a new cell gets cents. */
function formatEachNumber(column: ExcelJS.Column, formatOf: (value: number) => string): void {
  column.numFmt = CENTS_FORMAT;
  column.eachCell((cell) => {
    if (typeof cell.value === 'number') cell.numFmt = formatOf(cell.value);
  });
}
