/**
 * The Excel number format of a money cell in the workbook. From $1 up it is
 * cents with thousands separators ("$1,234.56"); below $1 it keeps as many
 * decimals as show three significant figures, the precision of the other
 * reports (formatMoney), so a cost per task of $0.00455 reads "$0.00455" and
 * not "$0.00". The extra decimals are optional digits (`#`), which Excel and
 * LibreOffice leave out when they are trailing zeros: $0.0018 reads "$0.0018".
 * The cell keeps the full double; only its display changes.
 */
import { isMoneyNoise } from './formatMoney.js';

/** Cents, for amounts from $1 up and for 0. */
export const CENTS_FORMAT = '"$"#,##0.00';

/** The format that shows `usd` with at least cents and three significant figures. */
export function moneyCellFormat(usd: number): string {
  const size = Math.abs(usd);
  // Float noise about 0 (a billionth of a dollar) is shown as the 0 it stands for.
  if (!Number.isFinite(size) || size >= 1 || isMoneyNoise(size)) return CENTS_FORMAT;
  // 0.00455 has its first digit in the thousandths (10^-3): three figures need 5 decimals.
  const decimals = 2 - Math.floor(Math.log10(size));
  return `${CENTS_FORMAT}${'#'.repeat(decimals - 2)}`;
}
