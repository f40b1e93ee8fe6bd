import type { SpendTarget } from './parseTarget.js';

/** Where a range that misses its target comes nearest to it. */
export interface ClosestEnd {
  /** The end whose statistic is nearer the target; null when both ends give the same. */
  readonly end: 'low' | 'high' | null;
  /**
   * Whether the key may hold values past that end, so a wider range could reach
   * the target; false when the range already runs to the key's limit (100% for
   * a share, 1 for a geometric mean of calls).
   */
  readonly canWiden: boolean;
}

/**
 * For a target met at neither end of the range: the end that comes closer,
 * and whether the key may go past it. A statistic that moves one way over the
 * range (as bisection assumes) is nearest the target at that end, so only past
 * it could a wider range help. Whether the key may go there is asked of the
 * scenario a step of `step` past the end. Cost: one validation, no forecast.
 */
export function findClosestEnd(
  target: SpendTarget,
  [low, high]: readonly [number, number],
  [atLow, atHigh]: readonly [number, number],
  step: number,
  isValidAt: (value: number) => boolean,
): ClosestEnd {
  if (atLow === atHigh) return { end: null, canWiden: false };
  const lowIsCloser = target.atMost ? atLow < atHigh : atLow > atHigh;
  const end = lowIsCloser ? 'low' : 'high';
  return { end, canWiden: isValidAt(lowIsCloser ? low - step : high + step) };
}
