/**
 * How a report states each driver's part of the gap as a share. When every
 * part pulls the same way, a part's share of the mean gap reads as it should
 * (deeper loops 62% of it). When parts pull both ways, the net gap is smaller
 * than the parts on its side, so shares of it run past 100% and the others
 * turn negative ("deeper loops -65%, planned changes 165%"): then each part
 * is a share of the sum of the parts' sizes, signs ignored, and said so.
 */
import type { GapPart } from '../engine/summaryTypes.js';

/**
 * What the reports say of a part within float noise of the spends
 * (isGapPartNoise) in place of its figure, which would read as a finding ($0).
 */
export const NOISE_PART_TEXT = 'too small to tell from rounding';

export interface GapShares {
  /** 'net': shares of the mean gap; 'sizes': shares of the sum of |part|. */
  readonly basis: 'net' | 'sizes';
  /** What the shares are of, for a column heading. */
  readonly heading: string;
  /** A part's share on that basis; null when there is nothing to divide by. */
  readonly shareOf: (part: GapPart) => number | null;
}

/** True when some part adds spend and another saves it. */
export function partsPullBothWays(parts: readonly GapPart[]): boolean {
  return parts.some((part) => part.mean > 0) && parts.some((part) => part.mean < 0);
}

/**
 * The basis of the shares and each part's share on it.
 * Cost: one pass over the parts.
 */
export function describeGapShares(parts: readonly GapPart[], gapMean: number): GapShares {
  if (partsPullBothWays(parts)) {
    const sizes = parts.reduce((sum, part) => sum + Math.abs(part.mean), 0);
    return {
      basis: 'sizes',
      heading: "Share of all parts' sizes",
      shareOf: (part) => Math.abs(part.mean) / sizes,
    };
  }
  return {
    basis: 'net',
    heading: 'Share of mean gap',
    shareOf: (part) => (gapMean !== 0 ? part.mean / gapMean : null),
  };
}
