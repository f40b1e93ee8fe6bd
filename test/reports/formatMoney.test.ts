import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatMoney,
  formatPercent,
  formatRatio,
  formatChange,
  formatSignedMoney,
} from '../../reports/formatMoney.js';

// Expected strings are written by hand from the rule: three significant figures, the
// suffix chosen after rounding, trailing zeros dropped.
describe('formatMoney', () => {
  it.each([
    [125_000, '$125k'],
    [1_234_567, '$1.23M'],
    [0.0123, '$0.0123'],
    [-4_200, '-$4.2k'],
    [0, '$0'],
    [-0, '$0'],
    [1_000, '$1k'],
    [999.4, '$999'],
    [999.5, '$1k'],
    [999_999, '$1M'],
    [99_950, '$100k'],
    [12.5, '$12.5'],
    [0.216, '$0.216'],
    [1.5e9, '$1.5B'],
    [0.000123456, '$0.000123'],
    [999.4e12, '$999T'],
    [-2.5e13, '-$25T'],
  ])('writes %d as %s', (usd, expected) => {
    expect(formatMoney(usd)).toBe(expected);
  });

  // From a quadrillion up the compact form would read "$1,000T" and grow a comma every three
  // digits; the exponent form keeps three significant figures. Expected strings by hand.
  it.each([
    [3.34e35, '$3.34e35'],
    [-3.34e35, '-$3.34e35'],
    [1e15, '$1e15'],
    [-1e15, '-$1e15'],
    [999.6e12, '$1e15'],
    [1.2e15, '$1.2e15'],
    [6.2249e16, '$6.22e16'],
    [9.996e20, '$1e21'],
  ])('writes the huge amount %d in exponent form as %s', (usd, expected) => {
    expect(formatMoney(usd)).toBe(expected);
  });

  it('writes no amount, however large, with a run of thousands separators', () => {
    for (let exponent = 0; exponent <= 300; exponent += 1) {
      for (const sign of [1, -1]) {
        expect(formatMoney(sign * 3.14159 * 10 ** exponent)).not.toMatch(/,\d{3},/);
      }
    }
  });

  it('refuses NaN and infinities rather than printing them', () => {
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('gives a gap its sign', () => {
    expect(formatSignedMoney(4_200)).toBe('+$4.2k');
    expect(formatSignedMoney(-4_200)).toBe('-$4.2k');
    expect(formatSignedMoney(0)).toBe('$0');
  });

  it('writes float noise about 0 as $0, signed or not', () => {
    // The review's case, /tmp/rv2/mid.yaml: the gap P50 of two equal forecasts of about
    // $0.526 came out as -8.88e-16 (the last bit of the sums) and read "-$0.000000000000000888".
    expect(formatSignedMoney(-8.88e-16)).toBe('$0');
    expect(formatSignedMoney(8.88e-16)).toBe('$0');
    expect(formatMoney(-8.88e-16)).toBe('$0');
    // A real small amount is kept: one token at $0.01 per million is $1e-8.
    expect(formatMoney(1e-8)).toBe('$0.00000001');
  });

  it('keeps a small amount that is not noise about 0', () => {
    // Gaps are cleared of noise relative to their spends in the engine (gapOf's tests);
    // here only the absolute billionth of a dollar applies.
    expect(formatSignedMoney(-1e-7)).toBe('-$0.0000001');
  });
});

describe('formatPercent', () => {
  it.each([
    [0.62, '62%'],
    [0.2743, '27%'],
    [0.042, '4.2%'],
    [0.0045, '0.45%'],
    [0.001, '0.1%'],
    [0.0004, '<0.1%'],
    [0.996, '99.6%'],
    // Between 99.9% and 100%, the fewest decimals (two or more) that stay below 100, by
    // hand: 99.9991 rounds to 100.00 at two, so three: 99.999.
    [0.9996, '99.96%'],
    [0.999991, '99.999%'],
    [0.9991, '99.91%'],
    // The backtest's one driver is all of its gap but for the sum's last bits.
    [0.999999999999997, '100%'],
    [0.999999, '99.9999%'],
    [0, '0%'],
    [1, '100%'],
    [1.5, '150%'],
    [-0.05, '-5%'],
  ])('writes %d as %s', (share, expected) => {
    expect(formatPercent(share)).toBe(expected);
  });

  it('refuses NaN', () => {
    expect(() => formatPercent(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatChange', () => {
  it.each([
    [0.052, '+5.2%'],
    [-0.82, '-82%'],
    [6.76, '+676%'],
    [0.00045, '+0.045%'],
    [-0.00045, '-0.045%'],
    // The review's case: an index of 1 + 2.2e-16 once read "+2.2e-14%".
    [2.2e-16, '0%'],
    [-0.00004, '0%'],
    [0, '0%'],
    // The review's case, mig120.yaml: a fall of more than 99.9% once read "->99.9%".
    // 1 - 0.00028 = 0.99972, to two decimals 99.97.
    [-0.99972, '-99.97%'],
    [-0.99999, '-99.999%'],
    [-1, '-100%'],
  ])('writes the change %d as %s', (change, expected) => {
    expect(formatChange(change)).toBe(expected);
  });
});

describe('formatRatio and formatCount', () => {
  // Three significant figures, trailing zeros dropped; expected strings by hand.
  it.each([
    [1.0519, '×1.05'],
    [0.17502, '×0.175'],
    [12.66, '×12.7'],
    [1.8, '×1.8'],
    [0.45, '×0.45'],
    [1, '×1'],
    [1.587, '×1.59'],
    [0.4998, '×0.5'],
    [9.996, '×10'],
    [0.0021888, '×0.00219'],
  ])('writes the ratio %d as %s', (ratio, expected) => {
    expect(formatRatio(ratio)).toBe(expected);
  });

  it('writes a ratio that only rounds to 1 as "×1.00", never with a float\'s last bits', () => {
    expect(formatRatio(0.9996)).toBe('×1.00');
    expect(formatRatio(1.0004)).toBe('×1.00');
    expect(formatRatio(1 + 2 ** -52)).toBe('×1.00');
    expect(formatRatio(1)).toBe('×1');
  });

  it('rounds a ratio into a number within half a unit of its third figure', () => {
    // The review's case: 1.0519 once read "×1.1", a 10% rise where the terminal said +5.2%.
    for (const ratio of [1.0519, 0.0987654, 3.14159, 47.25, 0.5555]) {
      const shown = Number(formatRatio(ratio).slice(1));
      expect(Math.abs(shown - ratio) / ratio).toBeLessThanOrEqual(0.005);
    }
  });

  it.each([
    [24_000, '24k'],
    [86_400, '86.4k'],
    [2_500_000, '2.5M'],
    [950, '950'],
  ])('writes the count %d as %s', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});
