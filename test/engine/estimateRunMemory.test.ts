import { describe, expect, it } from 'vitest';
import {
  BASELINE_BYTES,
  estimateResultBytes,
  estimateRunMemory,
  mostTrialsWithin,
  WORKER_BYTES,
} from '../../engine/estimateRunMemory.js';
import {
  allocateResult,
  EXACT_SERIES_BYTES,
  keepsWorkloadSeries,
  resultBytes,
} from '../../engine/simulationResult.js';

const shape = { months: 24, workloadCount: 2, resultsHeld: 3, threads: 1 };
const run = (trials: number, changes: Partial<typeof shape> = {}) =>
  estimateRunMemory({ ...shape, ...changes, trials });

describe('the estimate of a result', () => {
  it('is the bytes allocateResult gives a result whose series are kept', () => {
    // Expected: resultBytes of the engine's own allocation, an independent count.
    for (const [trials, months, workloads] of [
      [1, 1, 1],
      [1000, 12, 3],
      [5000, 36, 7],
    ] as const) {
      const allocated = resultBytes(allocateResult(trials, months, workloads));
      expect(estimateResultBytes(trials, months, workloads)).toBe(allocated);
    }
  });

  it('counts the Float64 series alone, and three sketches a series, once they are sketched', () => {
    const trials = 2_000_000;
    expect(keepsWorkloadSeries(trials, 12, 2)).toBe(false);
    const arrays = resultBytes({ ...allocateResult(trials, 12, 2), workloadSketches: null });
    // The sketches are empty when allocated; the estimate allows 4 kB for each of 3 * 24.
    expect(estimateResultBytes(trials, 12, 2)).toBe(arrays + 3 * 24 * 4096);
  });
});

describe('the estimate of a run', () => {
  it('grows linearly with trials', () => {
    const step = run(200_192) - run(100_096);
    expect(run(300_288) - run(200_192)).toBe(step);
    // With no trials, the baseline and each result's dashboard sums (7 Float64 a series).
    expect(run(0)).toBe(BASELINE_BYTES + 3 * 8 * 7 * 48);
  });

  it('grows with months, workloads and results held as the arrays of a result do', () => {
    const trials = 25_600;
    // Per trial a result holds 8 bytes for each of 4 month series, 4 workload series and
    // 2 annual ones (Float64), and 8 for each workload month (two Float32 forecasts);
    // apart from trials, 7 dashboard sums (Float64) a workload month.
    const month = 3 * (trials * (8 * 4 + 8 * 2) + 8 * 7 * 2);
    const workload = 3 * (trials * (8 * 4 + 8 * 24) + 8 * 7 * 24);
    expect(run(trials, { months: 25 }) - run(trials)).toBe(month);
    expect(run(trials, { workloadCount: 3 }) - run(trials)).toBe(workload);
    const perResult = estimateResultBytes(trials, 24, 2);
    expect(run(trials, { resultsHeld: 4 }) - run(trials)).toBe(perResult);
  });

  it('adds a baseline for every thread past the first', () => {
    expect(run(1000, { threads: 3 }) - run(1000)).toBe(2 * WORKER_BYTES);
  });

  it('stops growing with the per-workload series once they are sketched', () => {
    // EXACT_SERIES_BYTES / (8 bytes * 48 series): the first count of trials sketched.
    const firstSketched = Math.floor(EXACT_SERIES_BYTES / (8 * 48) / 256) * 256 + 1;
    expect(run(firstSketched)).toBeLessThan(run(firstSketched - 256));
  });
});

describe('the most trials within a memory', () => {
  it('fits and the next round count past it does not', () => {
    const bytes = 18 * 1024 ** 3;
    const most = mostTrialsWithin(bytes, shape, 10_000_000);
    expect(run(most)).toBeLessThanOrEqual(bytes);
    expect(run(most + 10_000)).toBeGreaterThan(bytes);
    expect(most % 10_000).toBe(0);
  });

  it('is the ceiling when every count fits, and 0 when none does', () => {
    expect(mostTrialsWithin(1024 ** 4, shape, 5000)).toBe(5000);
    expect(mostTrialsWithin(BASELINE_BYTES, shape, 5000)).toBe(0);
  });
});
