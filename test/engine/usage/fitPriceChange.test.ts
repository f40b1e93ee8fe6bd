import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePriceHistoryCsv } from '../../../engine/catalog/readLiteLlmPriceMap.js';
import { fitPriceChange, PriceFitError } from '../../../engine/usage/fitPriceChange.js';

function row(date: string, model: string, input: number, output: number) {
  return {
    date,
    provider: 'openai',
    model,
    inputUsdPerMillionTokens: input,
    outputUsdPerMillionTokens: output,
    sourceCommit: 'test',
  };
}

describe('fitPriceChange', () => {
  it('recovers a steady halving a year from prices that follow it exactly', () => {
    // Blended 3:1, 0.75 x 8 + 0.25 x 16 = 10, then 5 a year later, 2.5 two years later
    // (2024 is a leap year: 366 days; the fit counts years of 365.25 days).
    const rows = [
      row('2024-01-01', 'old', 8, 16),
      row('2025-01-01', 'old', 4, 8),
      row('2026-01-01', 'new', 2, 4),
    ];
    const fit = fitPriceChange(rows, ['old', 'new']);
    const years = [0, 366 / 365.25, (366 + 365) / 365.25];
    // Least-squares slope of ln(10), ln(5), ln(2.5) against those years.
    const ys = [10, 5, 2.5].map(Math.log);
    const mx = years.reduce((a, b) => a + b) / 3;
    const my = ys.reduce((a, b) => a + b) / 3;
    const slope =
      years.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) /
      years.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(fit.annualChange).toBeCloseTo(Math.expm1(slope), 12);
    expect(fit.annualChange).toBeCloseTo(-0.5, 2);
    expect(fit.p5).toBeLessThanOrEqual(fit.annualChange);
    expect(fit.p95).toBeGreaterThanOrEqual(fit.annualChange);
  });

  it('prices the tier on each date at its cheapest model', () => {
    const rows = [
      row('2024-01-01', 'old', 8, 16),
      row('2024-06-01', 'old', 8, 16),
      row('2024-06-01', 'new', 4, 8),
      row('2025-01-01', 'new', 4, 8),
    ];
    const fit = fitPriceChange(rows, ['old', 'new']);
    expect(fit.points.map((p) => [p.date, p.model, p.usdPerMillionTokens])).toEqual([
      ['2024-01-01', 'old', 10],
      ['2024-06-01', 'new', 5],
      ['2025-01-01', 'new', 5],
    ]);
  });

  it('says which models the history lacks', () => {
    expect(() => fitPriceChange([row('2024-01-01', 'old', 1, 2)], ['old', 'gpt-9'])).toThrow(
      new PriceFitError('the history has no rows for gpt-9'),
    );
  });

  it('finds the GPT-4 Turbo to GPT-4o tier falling 37% a year in the real price history', () => {
    // ../shared/data/price-history.csv: gpt-4-1106-preview (GPT-4 Turbo) at 10/30 from
    // 2023-12-15, gpt-4o at 5/15 from 2024-05-14 and 2.50/10.00 from 2024-11-22, on 17 dates.
    const rows = parsePriceHistoryCsv(readFileSync('../shared/data/price-history.csv', 'utf8'));
    const fit = fitPriceChange(rows, ['gpt-4-1106-preview', 'gpt-4o']);
    expect(fit.points).toHaveLength(17);
    // 0.75 x 10 + 0.25 x 30 = 15, and 0.75 x 2.50 + 0.25 x 10.00 = 4.375 a million tokens.
    expect(fit.points[0]).toMatchObject({ model: 'gpt-4-1106-preview', usdPerMillionTokens: 15 });
    expect(fit.points[16]).toMatchObject({ model: 'gpt-4o', usdPerMillionTokens: 4.375 });
    // The same least squares done independently in Python over the 17 dates: -0.372571.
    expect(fit.annualChange).toBeCloseTo(-0.372571, 5);
  });
});
