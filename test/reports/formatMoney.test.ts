import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatMoney,
  formatPercent,
  formatRatio,
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
  ])('writes %d as %s', (usd, expected) => {
    expect(formatMoney(usd)).toBe(expected);
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
    [0.9996, '>99.9%'],
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

describe('formatRatio and formatCount', () => {
  it.each([
    [1.8, '×1.8'],
    [0.45, '×0.45'],
    [1, '×1.0'],
    [1.587, '×1.6'],
    [12.3, '×12'],
  ])('writes the ratio %d as %s', (ratio, expected) => {
    expect(formatRatio(ratio)).toBe(expected);
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
