import { isMap, isScalar, type Node } from 'yaml';
import {
  makeLognormalFromP5P95,
  makeNormalFromP5P95,
  makeRateFromP5P95,
  makeShareFromP5P95,
  type ScalarDistribution,
} from '../distributions/scalarDistribution.js';
import { checkDistribution } from './checkPlausibility.js';
import { looksLikeExpression, readExpression } from './readExpression.js';
import { DISTRIBUTION_FAMILIES } from './distributionFamilies.js';
import { build, readDistributionMap } from './readDistribution.js';
import { parseQuantity } from '../parseQuantity.js';
import type { Value } from '../scenarioTypes.js';
import { entryOf, writtenText, type ValidationContext } from './validationContext.js';

/**
 * What a numeric key holds, which decides its valid range and what `a to b`
 * means: amounts (tokens, tasks, prices) are never negative, rates stay above
 * -100%, shares and probabilities lie in 0..1, reals are unbounded.
 */
export type QuantityKind = 'amount' | 'rate' | 'share' | 'real';

export interface ValueOptions {
  /** Whether `per: month` may redraw the value every month. */
  readonly allowPerMonth?: boolean;
  /** Whether a distribution is allowed at all (prices are fixed numbers). */
  readonly allowUncertain?: boolean;
  /** Whether the key holds money, so that a `$` sign belongs to it. */
  readonly money?: boolean;
}

export const NUMBER_HINT =
  'write a number such as 140k, 1.8M, 2.5%, $3.00, or a range such as `1.8k to 4k`';

/** Families of a value drawn per trial. */
export const SCALAR_FAMILIES = DISTRIBUTION_FAMILIES;

/**
 * Reads a numeric key: a number, a finance-style text, a range, a distribution
 * map or an expression. An uncertain result is recorded by its path, so that
 * `correlations:` can name it.
 */
export function readValue(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  options: ValueOptions = {},
): Value | undefined {
  const value = readAnyValue(context, node, path, kind, options);
  if (value !== undefined && value.kind !== 'fixed') context.uncertain.set(path, value);
  return value;
}

function readAnyValue(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  options: ValueOptions,
): Value | undefined {
  if (isMap(node)) return readDistributionValue(context, node, path, kind, options);
  const text = isScalar(node) ? node.value : undefined;
  // A lone word that no param names is a number mistyped, not an expression; one
  // that a param names reads it, even a name like `e` or `k` that looks like a number.
  const loneWord = typeof text === 'string' && /^[A-Za-z_]\w*$/.test(text.trim());
  const undeclared = loneWord && !context.declaredParams.has(text.trim());
  if (typeof text === 'string' && !undeclared && (loneWord || isExpressionText(text))) {
    return readFieldExpression(context, node, path, kind, options, text);
  }
  if (typeof text === 'string' && !checkUnitMarks(context, node, path, kind, options, text)) {
    return undefined;
  }
  if (isScalar(node) && typeof text === 'string' && /\sto\s/.test(text)) {
    if (options.allowUncertain === false) {
      context.error(node, path, 'not-supported', 'This key takes a fixed number, not a range.');
      return undefined;
    }
    return readRange(context, node, path, kind, text);
  }
  const value = readPlainNumber(context, node, path);
  if (value === undefined) return undefined;
  return checkFixedInKind(context, node, path, kind, value, options);
}

/**
 * A percent sign on a token count, or a dollar sign on a share, is a unit
 * mistake that would otherwise run silently (20% tokens as 0.2 tokens).
 */
function checkUnitMarks(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  options: ValueOptions,
  text: string,
): boolean {
  if (text.includes('%') && kind === 'amount') {
    const message = `\`${text}\` is a percentage, and this key holds an amount, not a share.`;
    context.error(node, path, 'not-a-number', message, 'write a plain number such as 1.5k');
    return false;
  }
  if (text.includes('$') && options.money !== true) {
    const message = `\`${text}\` is money, and this key does not hold an amount of money.`;
    const hint = kind === 'share' ? 'write a share such as 50%' : 'write a plain number';
    context.error(node, path, 'not-a-number', message, hint);
    return false;
  }
  return true;
}

/**
 * An infinite number: YAML's `.inf`, or a literal beyond the largest double,
 * which YAML and `Number` both turn into Infinity without a word.
 */
function reportInfinite(context: ValidationContext, node: Node | null, path: string): void {
  const written = writtenText(node);
  const message = /^[-+]?\.inf$/i.test(written)
    ? `\`${written}\` is infinite; this key takes a finite number.`
    : `\`${written}\` is too large for a double-precision number (the largest is about 1.8e308).`;
  context.error(node, path, 'not-a-number', message, 'write a finite number such as 140k or 1.8M');
}

/** Reads a plain number (no range, no distribution), with an error if it is not one. */
export function readPlainNumber(
  context: ValidationContext,
  node: Node | null,
  path: string,
): number | undefined {
  const raw = isScalar(node) ? node.value : undefined;
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? parseQuantity(raw) : undefined;
  if (value === Infinity || value === -Infinity) {
    reportInfinite(context, node, path);
    return undefined;
  }
  if (value === undefined || !Number.isFinite(value)) {
    const written = writtenText(node);
    const shown = written === '' || raw === null ? 'nothing' : `\`${written}\``;
    context.error(node, path, 'not-a-number', `Expected a number, found ${shown}.`, NUMBER_HINT);
    return undefined;
  }
  return value;
}

function checkFixedInKind(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  value: number,
  options: ValueOptions,
): Value | undefined {
  const problem = rangeProblem(kind, value, value);
  if (problem !== undefined) {
    context.error(node, path, 'out-of-range', problem, validRangeHint(kind, options));
    return undefined;
  }
  return { kind: 'fixed', value };
}

function readRange(
  context: ValidationContext,
  node: Node,
  path: string,
  kind: QuantityKind,
  text: string,
): Value | undefined {
  const parts = text.split(/\s+to\s+/);
  const ends = parts.map((part) => parseQuantity(part));
  const [low, high] = ends;
  if (parts.length !== 2 || low === undefined || high === undefined) {
    context.error(
      node,
      path,
      'not-a-number',
      `\`${text}\` is not a range of two numbers.`,
      NUMBER_HINT,
    );
    return undefined;
  }
  const makers: Record<QuantityKind, (a: number, b: number) => ScalarDistribution> = {
    amount: makeLognormalFromP5P95,
    rate: makeRateFromP5P95,
    share: makeShareFromP5P95,
    real: makeNormalFromP5P95,
  };
  const dist = build(context, node, path, () => makers[kind](low, high));
  if (dist === undefined) return undefined;
  checkDistribution(context, node, path, dist);
  return { kind: 'uncertain', dist, per: 'trial', path };
}

function readDistributionValue(
  context: ValidationContext,
  node: Node,
  path: string,
  kind: QuantityKind,
  options: ValueOptions,
): Value | undefined {
  const entries = context.entriesOf(node, path, 'A distribution');
  if (entries === undefined) return undefined;
  if (options.allowUncertain === false) {
    context.error(
      node,
      path,
      'not-supported',
      'This key takes a fixed number, not a distribution.',
    );
    return undefined;
  }
  const per = readPer(context, entryOf(entries, 'per'), options);
  const dist = readDistributionMap(context, entries, node, path);
  if (dist === undefined || per === undefined) return undefined;
  const problem = rangeProblem(kind, dist.lower, dist.upper, dist);
  if (problem !== undefined) {
    const family = entries.find((entry) => entry.key === dist.family) ?? entries[0];
    context.error(family?.keyNode ?? node, path, 'bad-distribution', problem, familyHint(kind));
    return undefined;
  }
  if (dist.family === 'fixed') return { kind: 'fixed', value: dist.mean };
  checkDistribution(context, node, path, dist);
  return { kind: 'uncertain', dist, per, path };
}

function readPer(
  context: ValidationContext,
  entry: { value: Node | null; path: string } | undefined,
  options: ValueOptions,
): 'trial' | 'month' | undefined {
  if (entry === undefined) return 'trial';
  const raw = isScalar(entry.value) ? entry.value.value : undefined;
  if (raw === 'trial') return 'trial';
  if (raw === 'month' && options.allowPerMonth === true) return 'month';
  const hint = options.allowPerMonth === true ? 'use `per: trial` or `per: month`' : '';
  const message =
    raw === 'month'
      ? 'This key is drawn once per trial; it cannot be redrawn every month.'
      : `\`per\` must be \`trial\` or \`month\`.`;
  context.error(entry.value, entry.path, 'not-supported', message, hint);
  return undefined;
}

// A normal on a rate reaches -100% only in a far tail; it is accepted when
// that tail is below one in a trillion, which no run of trials will visit.
const NEGLIGIBLE_TAIL = 1e-12;

function rangeProblem(
  kind: QuantityKind,
  lower: number,
  upper: number,
  dist?: ScalarDistribution,
): string | undefined {
  if (kind === 'amount' && lower < 0) {
    return dist === undefined
      ? 'This quantity cannot be negative.'
      : `A ${dist.family} distribution can go negative, and this quantity cannot.`;
  }
  if (kind === 'share' && (lower < 0 || upper > 1)) {
    return dist === undefined
      ? 'A share or probability must lie between 0% and 100%.'
      : `A ${dist.family} distribution can leave 0% to 100%, and this key holds a share.`;
  }
  if (kind === 'rate' && lower <= -1) {
    if (dist?.family === 'normal' && dist.quantile(NEGLIGIBLE_TAIL) > -1) return undefined;
    return dist === undefined
      ? 'A rate must be above -100%.'
      : `This ${dist.family} distribution reaches -100% or below, which a rate cannot.`;
  }
  return undefined;
}

/** What a fixed number of each kind may be, for the hint under an out-of-range one. */
export function validRangeHint(kind: QuantityKind, options: ValueOptions = {}): string {
  if (kind === 'amount') {
    return options.money === true
      ? 'write an amount of $0 or more, e.g. `$2.50`'
      : 'write 0 or more, e.g. `1.5k`';
  }
  if (kind === 'share') return 'write a share from 0% to 100%, e.g. `40%`';
  if (kind === 'rate') return 'write a rate above -100%, e.g. `-30%` or `+5%`';
  return '';
}

function familyHint(kind: QuantityKind): string {
  if (kind === 'share') {
    return (
      'use `beta: { mean, sd }`, `pert` or `uniform` inside 0..1, a range such as ' +
      '`8% to 20%` (logit-normal), or truncate with `min: 0` and `max: 1`'
    );
  }
  if (kind === 'amount') {
    return (
      'use a range such as `1.8k to 4k` (lognormal), `lognormal: { mean, sd }`, ' +
      '`gamma: { mean, sd }`, `pert` with min 0 or more, or truncate with `min: 0`'
    );
  }
  return 'use a range such as `-40% to -85%`, which keeps 1 + rate positive';
}

function isExpressionText(text: string): boolean {
  return parseQuantity(text) === undefined && !/\sto\s/.test(text) && looksLikeExpression(text);
}

/** A numeric key written as an expression over params, e.g. `system_prompt + 1.5 * ticket`. */
function readFieldExpression(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  options: ValueOptions,
  text: string,
): Value | undefined {
  const { params, declaredParams } = context;
  const value = readExpression(context, node, path, text, kind, params, declaredParams);
  if (value?.kind === 'derived' && options.allowUncertain === false) {
    const message = 'This key takes a fixed number; the expression reads an uncertain param.';
    context.error(node, path, 'not-supported', message);
    return undefined;
  }
  return value;
}
