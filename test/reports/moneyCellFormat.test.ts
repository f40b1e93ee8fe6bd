import { describe, expect, it } from 'vitest';
import { CENTS_FORMAT, moneyCellFormat } from '../../reports/moneyCellFormat.js';

describe('moneyCellFormat', () => {
  it('gives cents to 0, to float noise about 0 and to amounts of a dollar and more', () => {
    for (const usd of [0, -0, 4e-10, 1, 1234.5678, -25_000, 3.2e9]) {
      expect(moneyCellFormat(usd), String(usd)).toBe(CENTS_FORMAT);
    }
  });

  it('adds optional decimals below a dollar until three significant figures show', () => {
    // The first significant digit of 0.5 is in the tenths, so three figures end in the
    // thousandths: 2 required decimals and 1 optional; of 0.00455, in the thousandths,
    // so they end in the hundred-thousandths: 2 + 3.
    expect(moneyCellFormat(0.5)).toBe('"$"#,##0.00#');
    expect(moneyCellFormat(0.0123)).toBe('"$"#,##0.00##');
    expect(moneyCellFormat(0.00455)).toBe('"$"#,##0.00###');
    expect(moneyCellFormat(-0.0018)).toBe('"$"#,##0.00###');
    expect(moneyCellFormat(0.001)).toBe('"$"#,##0.00###');
    expect(moneyCellFormat(2e-9)).toBe(`"$"#,##0.00${'#'.repeat(9)}`);
  });
});
