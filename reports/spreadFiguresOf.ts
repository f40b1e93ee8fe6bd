/**
 * The columns a table gives of a spend over trials: its P10, P50 and P90, or
 * at one trial that trial's spend alone. One trial's three percentiles are one
 * figure written three times, which would read as a spread of zero; the
 * terminal, the page and summary.md give it once, headed "in the one trial".
 */
import type { DistributionSummary } from '../engine/summaryTypes.js';

type Percentiles = Pick<DistributionSummary, 'p10' | 'p50' | 'p90'>;

/** P10, P50 and P90 of `d`, or at one trial its only value (which each of them is). */
export function spreadFiguresOf(d: Percentiles, trials: number): number[] {
  return trials === 1 ? [d.p50] : [d.p10, d.p50, d.p90];
}

/**
 * The headings of spreadFiguresOf's columns: "<label> P10", "P50", "P90", or
 * at one trial "<label> in the one trial" ("In the one trial" without a label).
 */
export function spreadHeadingsOf(trials: number, label = ''): string[] {
  if (trials === 1) return [label === '' ? 'In the one trial' : `${label} in the one trial`];
  return [label === '' ? 'P10' : `${label} P10`, 'P50', 'P90'];
}

/** The heading of a gap's P50 column: at one trial, the gap in that trial. */
export function gapHeadingOf(trials: number, label: string): string {
  return trials === 1 ? `${label} in the one trial` : `${label} P50`;
}
