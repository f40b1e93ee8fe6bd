import { describe, expect, it } from 'vitest';
import { gapOf } from '../../engine/summarize.js';

describe('gapOf', () => {
  it('reads two equal spends summed in different orders as no gap at all', () => {
    // The review's case: two sums of about $0.526 parted by -8.88e-16, their last bit.
    expect(gapOf(0.526, 0.526 + 8.88e-16)).toBe(0);
    // Against spends of $1M a gap of $1e-7 is 1e-13 of them, below the billionth kept:
    // the noise of two sums of about 1e6 is some 1e-10 (16 digits of a double).
    expect(gapOf(1e6, 1e6 + 1e-7)).toBe(0);
  });

  it('keeps any gap a report could print', () => {
    // A cent against $1M is 1e-8 of it, above the billionth: a real gap.
    expect(gapOf(1e6 + 0.01, 1e6)).toBeCloseTo(0.01, 6);
    expect(gapOf(0.5, 0.25)).toBe(0.25);
  });
});
