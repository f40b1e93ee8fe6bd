import { isScalar, type Node } from 'yaml';
import { isPercentText } from '../parseQuantity.js';
import { writtenText, type ValidationContext } from './validationContext.js';

/**
 * How far from 100% weights written in percent may add up and still be taken
 * for rounding, as in [33%, 33%, 33%] (99%): one percentage point. The last
 * term absorbs the double's error in such a sum (0.33 * 3 is 0.9900000000000001).
 */
const ROUNDING_SHARE = 0.01 + 1e-9;

/**
 * Weights in percent are chances, so they must add to 100%. A discrete list of
 * [50%, 60%] or mixture weights of 80% and 30% add to 110%: a typo, which read
 * as shares of their sum (45% and 55%) would forecast what neither the writer
 * nor a reader of the report meant, so it is an error at `node`. Weights
 * written without % ([1, 2, 1]) are relative and are read as shares of their
 * sum without a word, and so are percents within a point of 100%. Returns
 * whether the weights may be used. Cost: one pass over the weights.
 */
export function checkPercentWeights(
  context: ValidationContext,
  at: { readonly node: Node | null; readonly path: string },
  written: readonly (Node | null)[],
  weights: readonly number[],
): boolean {
  const inPercent = written.some((node) => isScalar(node) && isPercentText(writtenText(node)));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  if (!inPercent || Math.abs(sum - 1) <= ROUNDING_SHARE) return true;
  const terms = written.map(writtenText).join(' + ');
  const message =
    `The weights add to ${percentOf(sum)} (${terms}); ` +
    'weights written in % are chances and must add to 100%.';
  const plain = weights.map((weight) => Number((weight * 100).toPrecision(4))).join(' and ');
  const shares = weights.map((weight) => percentOf(weight / sum)).join(' and ');
  const hint =
    'correct the one that is off so that they add to 100%; or write them without % ' +
    `(${plain}) to mean shares of their sum: ${shares}`;
  context.error(at.node, at.path, 'bad-distribution', message, hint);
  return false;
}

/** A share as a percent with three significant figures: 1.1 -> "110%", 0.4545 -> "45.5%". */
function percentOf(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
