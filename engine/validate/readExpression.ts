import type { Node } from 'yaml';
import { closestNames } from '../closestNames.js';
import { ExpressionError, lowerExpression } from '../expressions/lowerExpression.js';
import type { Value } from '../scenarioTypes.js';
import { valueBounds } from '../valueQuantile.js';
import type { ValidationContext } from './validationContext.js';

/** Bounds of each kind of key, which a derived value is checked against and cut to. */
export const KIND_BOUNDS = {
  amount: [0, Infinity],
  rate: [-1 + 1e-12, Infinity],
  share: [0, 1],
  real: [-Infinity, Infinity],
} as const;

/** Whether a text is meant as an expression: it names something or computes, beyond a number. */
export function looksLikeExpression(text: string): boolean {
  if (/^[+-]?[\s\d.,eE$%kKMB]*$/.test(text)) return false;
  return /[A-Za-z_(]/.test(text) || /\S\s*[+*/^-]/.test(text);
}

/**
 * Reads an expression over the scenario's params. With every param it reads
 * fixed, it is evaluated now and becomes a fixed value; otherwise it becomes a
 * derived value, evaluated per trial after the draws.
 */
export function readExpression(
  context: ValidationContext,
  node: Node | null,
  path: string,
  text: string,
  kind: keyof typeof KIND_BOUNDS,
  params: ReadonlyMap<string, Value>,
  declared: ReadonlySet<string> = new Set(params.keys()),
): Value | undefined {
  let lowered;
  try {
    lowered = lowerExpression(text, declared);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    reportExpressionError(context, node, path, error, declared);
    return undefined;
  }
  // A declared param that failed to read has been reported where it is written;
  // this expression's range is checked once that param reads.
  if (lowered.names.some((name) => !params.has(name))) return undefined;
  const inputs = lowered.names.map((name) => params.get(name)!);
  const [lower, upper] = KIND_BOUNDS[kind];
  const derived: Value = {
    kind: 'derived',
    path,
    text,
    inputs,
    evaluate: lowered.evaluate,
    lower,
    upper,
  };
  const [low, high] = valueBounds(derived);
  if (!Number.isFinite(low) || !Number.isFinite(high) || low < lower || high > upper) {
    const key = path.split('.').at(-1) ?? path;
    const message = `\`${text}\` ${describeReach(low, high)}; ${key} holds ${describeKind(kind)}.`;
    const hint = expressionHint(kind, low, high, lower, upper);
    context.error(node, path, 'out-of-range', message, hint);
    return undefined;
  }
  if (inputs.every((input) => input.kind === 'fixed')) return { kind: 'fixed', value: low };
  return derived;
}

function reportExpressionError(
  context: ValidationContext,
  node: Node | null,
  path: string,
  error: ExpressionError,
  declared: ReadonlySet<string>,
): void {
  if (error.unknownName === undefined) {
    context.error(node, path, 'bad-expression', error.message, error.hint);
    return;
  }
  const near = closestNames(error.unknownName, declared, 1).filter(
    (name) => name !== error.unknownName,
  );
  const hint =
    near.length > 0
      ? `did you mean \`${near[0]}\`?`
      : declared.size === 0
        ? 'define it under `params:`, or write a number'
        : `names it may read: ${[...declared].join(', ')}`;
  context.error(node, path, 'unknown-name', error.message, error.hint || hint);
}

/** What to change, by what went wrong: NaN before infinity, since NaN is the rarer cause. */
function expressionHint(
  kind: keyof typeof KIND_BOUNDS,
  low: number,
  high: number,
  lower: number,
  upper: number,
) {
  if (Number.isNaN(low) || Number.isNaN(high)) {
    return (
      'take a logarithm or square root only of what cannot be negative, ' +
      'e.g. `log(max(1, x))`, and divide only by what cannot be 0'
    );
  }
  if (kind === 'share') return 'keep the expression between 0 and 1, e.g. with `min(1, ...)`';
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    return 'divide only by what cannot be 0, e.g. `x / max(1, n)`';
  }
  return `keep the expression within ${fmt(lower)} to ${fmt(upper)}, e.g. with \`max(0, ...)\``;
}

/**
 * What an expression's bounds reach, in words: an infinite bound comes from a
 * division by zero (or an overflow), a NaN bound from 0 / 0 or the like.
 */
function describeReach(low: number, high: number): string {
  // mathjs gives NaN for log and sqrt of a negative real, as for 0 / 0.
  if (Number.isNaN(low) || Number.isNaN(high)) {
    return (
      'can give a value that is not a number ' +
      '(a logarithm or square root of a negative number, or 0 / 0?)'
    );
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    const always = low === high;
    return `${always ? 'gives' : 'can give'} an infinite value (a division by zero?)`;
  }
  return low === high ? `gives ${fmt(low)}` : `can give ${fmt(low)} to ${fmt(high)}`;
}

/** What a key of each kind holds, as a sentence ends: never "0 to infinity". */
function describeKind(kind: keyof typeof KIND_BOUNDS): string {
  switch (kind) {
    case 'amount':
      return 'a finite number of 0 or more';
    case 'rate':
      return 'a finite rate above -100%';
    case 'share':
      return 'a share from 0 to 1 (0% to 100%)';
    case 'real':
      return 'a finite number';
  }
}

function fmt(value: number): string {
  if (value === Infinity) return 'infinity';
  if (value === -Infinity) return '-infinity';
  return Number(value.toPrecision(4)).toString();
}
