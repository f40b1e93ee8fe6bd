/**
 * How the assumptions table writes an input's value: its unit follows from
 * the key's last word, as the scenario reference defines it. Rates and
 * shares read as percents, elasticities as plain numbers, and tokens, tasks
 * and calls as counts.
 */
import type { Assumption } from '../engine/describeAssumptions.js';
import { formatCount } from './formatMoney.js';

/** Keys (last word of the path, before any note in brackets) whose value is a rate or a share. */
const PERCENT_KEYS = new Set([
  'growth',
  'annual_change',
  'change',
  'probability',
  'cached_share',
  'cache_write_share',
  'batch_share',
  'when',
  // A migration's share of calls; no other key of a scenario is named `share`.
  'share',
]);

const plainFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** The key's own name: `...steps.a.calls (mean of poisson)` -> `calls`. */
function keyOf(path: string): string {
  const bare = path.replace(/\s*\(.*\)$/, '');
  return bare.slice(bare.lastIndexOf('.') + 1);
}

/** True when the input at `path` is a rate or share, written as a percent. */
export function isPercentKey(path: string): boolean {
  const key = keyOf(path);
  // A drift entry names its field last (`drift.loop.calls`) but holds the field's change, a rate.
  return PERCENT_KEYS.has(key) || /\.drift\./.test(path);
}

/** One value of the input at `path`: "-47%", "2.4k", "0.3". */
export function formatAssumptionValue(path: string, value: number): string {
  // A quantile a hair from 0 (1e-11, from a range with one end at 0) is 0, not
  // "0.00000000109%": nobody writes a rate or an elasticity that finely.
  const shown = Math.abs(value) < NEGLIGIBLE ? 0 : value;
  // Three significant digits of the percent itself: a rate's P95 of +100% reads "100%".
  if (isPercentKey(path)) return `${plainFormat.format(shown * 100 + 0)}%`;
  if (keyOf(path) === 'elasticity') return plainFormat.format(shown + 0);
  return formatCount(value);
}

/** Below this a rate, share or elasticity shows as 0 (a ten-thousandth of a percent). */
const NEGLIGIBLE = 1e-6;

/**
 * The distribution column's text, as the report, Markdown and workbook show
 * it: the engine's own description with each figure at three significant
 * digits, as every other figure of the reports ("normal, mean 0.3, sd
 * 0.121591" reads "normal, mean 0.3, sd 0.122"; whole numbers stay as
 * written), except that a known value is written in the key's unit ("fixed
 * 50%", not "fixed 0.5"), as the percentile columns beside it are, and an
 * expression is quoted as the user wrote it.
 */
export function describeDistribution(assumption: {
  readonly path: string;
  readonly distribution: string;
  readonly drawn: string;
  readonly p50: number;
}): string {
  if (assumption.drawn === 'fixed') {
    return `fixed ${formatAssumptionValue(assumption.path, assumption.p50)}`;
  }
  if (assumption.distribution.startsWith(EXPRESSION)) return assumption.distribution;
  return assumption.distribution.replace(/\d+\.\d+(?:e[-+]?\d+)?/gi, (figure) =>
    String(Number(Number(figure).toPrecision(3))),
  );
}

/** How describeAssumptions introduces an expression's text. */
const EXPRESSION = 'expression ';

const DRAWN_WORDS: Readonly<Record<Assumption['drawn'], string>> = {
  trial: 'per trial',
  month: 'per month',
  fixed: 'known',
};

/**
 * How often an input is drawn, in the words of the Drawn column of every
 * report that has one (the page and the workbook): "per trial", "per month",
 * "known".
 */
export function describeDrawn(drawn: Assumption['drawn']): string {
  return DRAWN_WORDS[drawn];
}
