import type { OptionPair } from '../engine/summaryTypes.js';
import { cheaperInOneTrialOf } from './charts/chartTheme.js';
import { formatPercent } from './formatMoney.js';

/**
 * How often one of a pair is the cheaper, with the share of trials in which
 * the two cost the same when there are any: "in 40% of trials, the same in
 * 12%". Without the second share, an option that equals the other in some
 * trials reads as the dearer in all the trials it is not the cheaper in.
 * Callers say "the same in every trial" themselves when every trial is equal
 * (`isSameInEveryTrial`), where a 0% share would read as always the dearer.
 */
export function cheaperShareOf(cheaper: number, equal: number): string {
  return `in ${sharesOfTrialsOf(cheaper, equal)}`;
}

/** cheaperShareOf without its "in": "40% of trials, the same in 12%", for a table cell. */
export function sharesOfTrialsOf(cheaper: number, equal: number): string {
  const same = equal > 0 ? `, the same in ${formatPercent(equal)}` : '';
  return `${formatPercent(cheaper)} of trials${same}`;
}

/** Share of trials in which the second of a pair is the cheaper: neither first nor equal. */
export function secondCheaperShareOf(pair: OptionPair): number {
  return 1 - pair.probabilityFirstCheaper - pair.probabilityEqual;
}

/** The heading of the column that says which of a pair was cheaper in a run of one trial. */
export const ONE_TRIAL_CHEAPER_HEADING = 'Cheaper in the one trial';

/** What the page and the workbook say above the pairs of a run of one trial. */
export const ONE_TRIAL_PAIRS_LEAD =
  "Differences in the run's one trial, on common draws; one trial gives no share of " +
  'trials in which an option is the cheaper';

/** Which of a pair was cheaper in a run's one trial, or that they cost the same. */
export function oneTrialCheaperCellOf(pair: OptionPair): string {
  return cheaperInOneTrialOf(pair) ?? 'neither: they cost the same';
}

/**
 * A table cell of how often the first of a pair is the cheaper: "40%", "40%
 * (the same in 12%)", or "the same in every trial", never a bare 0% for a pair
 * that costs alike, which would read as the first always the dearer.
 */
export function cheaperCellOf(pair: {
  readonly probabilityFirstCheaper: number;
  readonly probabilityEqual: number;
}): string {
  if (isSameInEveryTrial(pair)) return 'the same in every trial';
  const cheaper = formatPercent(pair.probabilityFirstCheaper);
  const equal = pair.probabilityEqual;
  return equal > 0 ? `${cheaper} (the same in ${formatPercent(equal)})` : cheaper;
}

/** Whether a pair costs the same in every trial: an option identical to the other. */
export function isSameInEveryTrial(pair: { readonly probabilityEqual: number }): boolean {
  return pair.probabilityEqual === 1;
}
