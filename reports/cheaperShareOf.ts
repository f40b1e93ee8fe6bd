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
  const same = equal > 0 ? `, the same in ${formatPercent(equal)}` : '';
  return `in ${formatPercent(cheaper)} of trials${same}`;
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
