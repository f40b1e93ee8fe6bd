import { describe, expect, it } from 'vitest';
import { chooseLogTicks } from '../../../reports/charts/chooseLogTicks.js';

describe('chooseLogTicks', () => {
  it('labels an index from 0.31 to 2.4 with round multipliers around 1', () => {
    expect(chooseLogTicks(0.31, 2.4)).toEqual([0.5, 0.75, 1, 1.5, 2]);
  });

  it('uses the fine ladder for a narrow range', () => {
    expect(chooseLogTicks(0.9, 1.6)).toEqual([0.9, 1, 1.1, 1.25, 1.5]);
  });

  it('falls back to 1-2-5 steps, then to decades, for wide ranges', () => {
    expect(chooseLogTicks(0.15, 40)).toEqual([0.2, 0.5, 1, 2, 5, 10, 20]);
    expect(chooseLogTicks(0.05, 40)).toEqual([0.1, 1, 10]);
    expect(chooseLogTicks(0.001, 1000)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
  });

  it('keeps every tick inside the range and never more than asked', () => {
    for (const [low, high] of [
      [0.2, 0.9],
      [0.7, 3.3],
      [0.02, 15],
      [1.2, 80],
    ] as const) {
      const ticks = chooseLogTicks(low, high, 8);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(8);
      for (const tick of ticks) {
        expect(tick).toBeGreaterThanOrEqual(low);
        expect(tick).toBeLessThanOrEqual(high);
      }
    }
  });

  it('rejects a range that a log axis cannot show', () => {
    expect(() => chooseLogTicks(0, 2)).toThrow(RangeError);
    expect(() => chooseLogTicks(2, 1)).toThrow(RangeError);
  });
});
