import { isScalar, type Node } from 'yaml';
import { isPercentText } from '../parseQuantity.js';
import { writtenText, type ValidationContext } from './validationContext.js';

/**
 * How far from 100% weights written in percent may add up and still be taken
 * for rounding, as in [33%, 33%, 33%] (99%): one percentage point, judged on
 * the sum as the message prints it, so that a sum refused never prints as one
 * accepted ([33.7%, 33.7%, 33.7%] is 101.1%, refused; [33%, 33%, 35%] is 101%).
 */
const ROUNDING_POINTS = 1;

/**
 * Weights in percent are chances, so they must add to 100%. A discrete list of
 * [50%, 60%] or mixture weights of 80% and 30% add to 110%: a typo, which read
 * as shares of their sum (45% and 55%) would forecast what neither the writer
 * nor a reader of the report meant, so it is an error at `node`. Weights
 * written without % ([1, 2, 1]) are relative and are read as shares of their
 * sum without a word, and so are percents within a point of 100%. Weights that
 * mix the two ([80%, 20]) have no one reading (is 20 a share or 2000%?), so
 * they are an error too. Returns whether the weights may be used. Cost: one
 * pass over the weights.
 */
export function checkPercentWeights(
  context: ValidationContext,
  at: { readonly node: Node | null; readonly path: string },
  written: readonly (Node | null)[],
  weights: readonly number[],
): boolean {
  const isPercent = (node: Node | null) => isScalar(node) && isPercentText(writtenText(node));
  const percents = written.filter(isPercent).length;
  if (percents === 0) return true;
  if (percents < written.length) return refuseMixedWeights(context, at, written);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  const sumPoints = pointsOf(sum);
  if (Math.abs(sumPoints - 100) <= ROUNDING_POINTS) return true;
  const terms = written.map(writtenText).join(' + ');
  const message =
    `The weights add to ${sumPoints}% (${terms}); ` +
    'weights written in % are chances and must add to 100%.';
  const plain = weights.map((weight) => Number((weight * 100).toPrecision(4))).join(' and ');
  const shares = weights.map((weight) => percentOf(weight / sum)).join(' and ');
  const hint =
    'correct the one that is off so that they add to 100%; or write them without % ' +
    `(${plain}) to mean shares of their sum: ${shares}`;
  context.error(at.node, at.path, 'bad-distribution', message, hint);
  return false;
}

/** Refuses weights some of which are written in % and some not, naming them. */
function refuseMixedWeights(
  context: ValidationContext,
  at: { readonly node: Node | null; readonly path: string },
  written: readonly (Node | null)[],
): false {
  const terms = written.map(writtenText).join(', ');
  const message =
    `The weights mix % and plain numbers (${terms}): in % they are chances that add to ` +
    '100%, without % they are shares of their sum, and one list cannot be both.';
  const hint = 'write every weight in %, adding to 100% (e.g. 80%, 20%), or none (e.g. 4, 1)';
  context.error(at.node, at.path, 'bad-distribution', message, hint);
  return false;
}

/**
 * A share in percentage points to six significant figures: 1.011 -> 101.1. Six
 * figures drop the double's error in a sum (0.33 * 3 is 0.9900000000000001 ->
 * 99) yet keep every decimal a writer types.
 */
function pointsOf(share: number): number {
  return Number((share * 100).toPrecision(6));
}

/** A share as a percent with three significant figures: 1.1 -> "110%", 0.4545 -> "45.5%". */
function percentOf(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
