/**
 * The Excel number format of a count cell in the workbook (tokens, tasks,
 * trials). A whole number gets no decimals ("3,000"); Excel and LibreOffice
 * would show `#,##0.##` on it with a trailing dot ("3,000."), since the dot
 * of a format is written even when no optional digit follows it. A count with
 * a fraction (a mean of 2,345.67 tokens) keeps up to two decimals, at least
 * one, so it never ends in a bare dot either. The cell keeps the full double.
 */

/** Thousands separators, no decimals: the format of a whole count. */
export const WHOLE_COUNT_FORMAT = '#,##0';

/** One required and one optional decimal: the format of a count with a fraction. */
export const FRACTIONAL_COUNT_FORMAT = '#,##0.0#';

/** The format that shows `count` without a trailing dot, as it reads at two decimals. */
export function countCellFormat(count: number): string {
  // 2.999 shows "3.00" at two decimals: it is whole as shown, so it takes the whole format.
  const shown = Math.round(count * 100) / 100;
  return Number.isInteger(shown) ? WHOLE_COUNT_FORMAT : FRACTIONAL_COUNT_FORMAT;
}
