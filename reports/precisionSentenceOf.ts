/**
 * What `--precision` asked and reached, as one sentence: the terminal and
 * summary.md say it alike, so a reader of either sees whether the ceiling cut
 * the search short.
 */
import { countOf } from '../engine/countOf.js';
import type { Summary } from '../engine/summaryTypes.js';
import { horizonWordOf } from './charts/chartTheme.js';
import { formatPercent } from './formatMoney.js';

/**
 * "Precision: annual P90 to 1% (asked 5%) with 2,000 trials.", or why it
 * could not be estimated; undefined when the run did not ask for precision.
 */
export function precisionSentenceOf(summary: Summary): string | undefined {
  const precision = summary.precision;
  const horizon = horizonWordOf(summary.months);
  if (precision?.neededTrials !== undefined) {
    return (
      `Precision: too few trials (${precision.trials}, the ceiling) to estimate the ` +
      `standard error of ${horizon} P90; that needs ` +
      `${precision.neededTrials.toLocaleString('en-US')} or more.`
    );
  }
  // The engine gives `achieved` null only with neededTrials, handled above.
  if (precision === undefined || precision.achieved === null) return undefined;
  return (
    `Precision: ${horizon} P90 to ${formatPercent(precision.achieved)} ` +
    `(asked ${formatPercent(precision.target)}) ` +
    `with ${countOf(precision.trials, 'trial')}` +
    (precision.met ? '.' : `, the ceiling; more trials would be needed.`)
  );
}
