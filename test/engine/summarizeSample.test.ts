import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandomStream } from '../../engine/createRandomStream.js';
import {
  isErrorEstimable,
  summarizeSample,
  trialsForErrorOf,
} from '../../engine/summarizeSample.js';
import { expectRelativelyClose } from '../tolerance.js';

/** R's type-7 quantile from a fully sorted copy: the independent route. */
function sortedQuantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

describe('summarizeSample', () => {
  it('matches R quantile(1:1000, type = 7) for the integers 1 to 1000', () => {
    // R: quantile(1:1000, c(.05, .5, .95)) gives 50.95, 500.5, 950.05.
    const values = Float64Array.from({ length: 1000 }, (_, index) => 1000 - index);
    const summary = summarizeSample(values, new Float64Array(1000));
    expect(summary.p5).toBeCloseTo(50.95, 10);
    expect(summary.p50).toBeCloseTo(500.5, 10);
    expect(summary.p95).toBeCloseTo(950.05, 10);
    expect(summary.mean).toBeCloseTo(500.5, 10);
    // sd of 1..n is sqrt(n (n + 1) / 12) for the sample formula: sqrt(1000 * 1001 / 12).
    expect(summary.sd).toBeCloseTo(Math.sqrt((1000 * 1001) / 12), 9);
  });

  it('agrees with a full sort on heavy-tailed samples with ties', () => {
    const stream = createRandomStream(3, 'summary');
    const values = Array.from({ length: 50_001 }, () => {
      const u = stream.next();
      return u < 0.2 ? 7 : Math.exp(6 * u);
    });
    const summary = summarizeSample(Float64Array.from(values), new Float64Array(values.length));
    for (const [key, p] of [
      ['p5', 0.05],
      ['p25', 0.25],
      ['p50', 0.5],
      ['p90', 0.9],
    ] as const) {
      expectRelativelyClose(summary[key], sortedQuantile(values, p), 1e-12);
    }
  });

  it('estimates no sd and no standard error from one trial: null, never 0', () => {
    const summary = summarizeSample(Float64Array.of(7), new Float64Array(1));
    // The sample sd divides by n - 1 = 0: undefined for one value (any textbook).
    expect([summary.sd, summary.meanStandardError]).toEqual([null, null]);
    const errors = [summary.p5StandardError, summary.p50StandardError, summary.p95StandardError];
    expect(errors).toEqual([null, null, null]);
    expect(summary.p50).toBe(7);
  });

  it('gives a percentile an error only once its one-sigma interval fits in the trials', () => {
    const values = Float64Array.of(1, 2, 3, 4, 5);
    const summary = summarizeSample(values, new Float64Array(5));
    // n = 5: P50's interval 2 -+ sqrt(1.25) lies in ranks [0, 4]; P90's, 3.6 + sqrt(0.45),
    // runs past rank 4 (isErrorEstimable), so P90 has none while P50 has one.
    expect(summary.p90StandardError).toBeNull();
    expect(summary.p50StandardError).toBeGreaterThan(0);
    // sd of 1..5 is sqrt(2.5) (R: sd(1:5) = 1.581139).
    expect(summary.sd).toBeCloseTo(1.581139, 6);
  });

  it('returns the value itself for a constant sample, with zero spread', () => {
    const summary = summarizeSample(new Float64Array(500).fill(4.5), new Float64Array(500));
    expect([summary.p5, summary.p50, summary.p95, summary.mean]).toEqual([4.5, 4.5, 4.5, 4.5]);
    expect(summary.sd).toBe(0);
    expect(summary.p50StandardError).toBe(0);
  });

  it('sizes the standard error of the median like the normal theory, 1.2533 sd / sqrt(n)', () => {
    const n = 100_000;
    const stream = createRandomStream(5, 'median-se');
    // Uniform(0, 1): density 1 at the median, so SE(median) = sqrt(0.25 / n) / 1.
    const values = Float64Array.from({ length: n }, () => stream.next());
    const summary = summarizeSample(values, new Float64Array(n));
    expect(summary.p50StandardError! / Math.sqrt(0.25 / n)).toBeGreaterThan(0.8);
    expect(summary.p50StandardError! / Math.sqrt(0.25 / n)).toBeLessThan(1.25);
  });

  it('sizes the standard error of each percentile by the binomial rule, sqrt(p(1-p)/n) / f', () => {
    const n = 100_000;
    const stream = createRandomStream(5, 'percentile-se');
    // Uniform(0, 1) has density 1 everywhere, so SE(P_p) = sqrt(p (1 - p) / n).
    const values = Float64Array.from({ length: n }, () => stream.next());
    const summary = summarizeSample(values, new Float64Array(n));
    const errors: [number, number | null | undefined][] = [
      [0.05, summary.p5StandardError],
      [0.25, summary.p25StandardError],
      [0.75, summary.p75StandardError],
      [0.95, summary.p95StandardError],
    ];
    for (const [p, error] of errors) {
      const ratio = error! / Math.sqrt((p * (1 - p)) / n);
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.25);
    }
  });

  it('keeps percentiles ordered and within the sample for any sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (list) => {
          const summary = summarizeSample(Float64Array.from(list), new Float64Array(list.length));
          const ordered = [summary.p5, summary.p10, summary.p25, summary.p50, summary.p75];
          ordered.push(summary.p90, summary.p95);
          for (let i = 1; i < ordered.length; i += 1)
            expect(ordered[i]!).toBeGreaterThanOrEqual(ordered[i - 1]!);
          expect(summary.p5).toBeGreaterThanOrEqual(Math.min(...list));
          expect(summary.p95).toBeLessThanOrEqual(Math.max(...list));
          expect(summary.p50).toBe(sortedQuantile(list, 0.5));
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
  });
});

describe('whether a percentile has a standard error', () => {
  it('needs the one-sigma ranks of P90 inside the sample: 11 trials or more', () => {
    // (n - 1) 0.9 + sqrt(0.09 n) <= n - 1 first holds at n = 11: 9.95 <= 10, while at
    // n = 10 it is 9.49 > 9 (arithmetic on errorRanks' bounds).
    expect(trialsForErrorOf(0.9)).toBe(11);
    expect(isErrorEstimable(10, 0.9)).toBe(false);
    expect(isErrorEstimable(11, 0.9)).toBe(true);
  });

  it('needs 3 trials for the median and never has one with a single trial', () => {
    // (n - 1) / 2 >= sqrt(n) / 2 first holds at n = 3: 1 >= 0.87.
    expect(trialsForErrorOf(0.5)).toBe(3);
    for (const p of [0.05, 0.1, 0.5, 0.9, 0.95]) expect(isErrorEstimable(1, p)).toBe(false);
  });
});
