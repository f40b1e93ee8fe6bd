import { isScalar } from 'yaml';
import { ExpressionError, lowerExpression } from '../expressions/lowerExpression.js';
import { isPercentText, parseQuantity } from '../parseQuantity.js';
import type { Value } from '../scenarioTypes.js';
import { looksLikeExpression, readExpression } from './readExpression.js';
import { readValue, type QuantityKind } from './readValue.js';
import type { MapEntry, ValidationContext } from './validationContext.js';

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Names an expression cannot take for a param: its own functions and constants.
const RESERVED = new Set(['min', 'max', 'sqrt', 'exp', 'log', 'abs', 'round', 'floor', 'ceil']);

/**
 * Reads `params:`, named values that expressions anywhere in the scenario may
 * use: a number, a range or distribution (drawn once per trial, under the key
 * `params.<name>`), or an expression over other params. Expressions are
 * evaluated in dependency order; a cycle is reported with its path. The params
 * that read are returned even when another failed (`complete` false), so an
 * expression over them is still checked in the same run.
 */
export function readParams(
  context: ValidationContext,
  entry: MapEntry | undefined,
): { readonly params: Map<string, Value>; readonly complete: boolean } {
  const params = new Map<string, Value>();
  if (entry === undefined) return { params, complete: true };
  const entries = context.entriesOf(entry.value, entry.path, '`params`');
  if (entries === undefined) return { params, complete: false };
  const expressions = new Map<string, { entry: MapEntry; text: string; uses: string[] }>();
  const names = new Set(entries.map((param) => param.key));
  let failed = false;
  for (const param of entries) {
    if (!checkName(context, param)) failed = true;
    const raw = isScalar(param.value) ? param.value.value : undefined;
    if (
      typeof raw === 'string' &&
      parseQuantity(raw) === undefined &&
      !/\sto\s/.test(raw) &&
      (looksLikeExpression(raw) || names.has(raw.trim()))
    ) {
      expressions.set(param.key, { entry: param, text: raw, uses: namesUsed(raw, names) });
      continue;
    }
    const value = readValue(context, param.value, param.path, kindOf(raw));
    if (value === undefined) failed = true;
    else params.set(param.key, value);
  }
  for (const name of orderByDependency(context, expressions, 'The params')) {
    const { entry: param, text } = expressions.get(name)!;
    const value = readExpression(context, param.value, param.path, text, 'real', params, names);
    if (value === undefined) failed = true;
    else params.set(name, value);
  }
  return { params, complete: !failed };
}

function checkName(context: ValidationContext, param: MapEntry): boolean {
  if (PARAM_NAME.test(param.key) && !RESERVED.has(param.key)) return true;
  const message = RESERVED.has(param.key)
    ? `\`${param.key}\` is a function of expressions and cannot name a param.`
    : `\`${param.key}\` cannot name a param.`;
  const hint =
    'use ASCII letters (a-z, A-Z), digits and `_`, starting with a letter or `_`, ' +
    'e.g. `system_prompt`';
  context.error(param.keyNode, param.path, 'out-of-range', message, hint);
  return false;
}

/**
 * The kind a param's value is read as, since a param has no key to say it. A
 * range written in percents is a share (logit-normal, like any share range)
 * when both ends lie strictly between 0% and 100%, and a rate otherwise
 * (`-40% to -85%`, `0% to 50%`): `40%` means 0.4, as in an expression. A range
 * of two positive plain numbers is an amount (lognormal), any other range a
 * real number (normal); a single value is that number (`40%` is 0.4).
 */
function kindOf(raw: unknown): QuantityKind {
  if (typeof raw !== 'string' || !/\sto\s/.test(raw)) return 'real';
  const parts = raw.split(/\s+to\s+/);
  const ends = parts.map((part) => parseQuantity(part));
  if (!ends.every((end): end is number => end !== undefined)) return 'real';
  if (parts.some(isPercentText)) return ends.every((end) => end > 0 && end < 1) ? 'share' : 'rate';
  return ends.every((end) => end > 0) ? 'amount' : 'real';
}

/** The names an expression reads, or none when it does not parse (reported later). */
export function namesUsed(text: string, names: ReadonlySet<string>): string[] {
  try {
    return [...lowerExpression(text, names).names];
  } catch (error) {
    if (error instanceof ExpressionError) return [];
    throw error;
  }
}

/**
 * Expressions (params, or the keys of one step) in an order where each comes
 * after those it reads (depth-first). One on a cycle is reported with the
 * cycle's path and left out, so expressions that read it report it as unknown
 * no further. `subject` names what depends: "The params".
 */
export function orderByDependency(
  context: ValidationContext,
  expressions: ReadonlyMap<string, { entry: MapEntry; uses: readonly string[] }>,
  subject: string,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'cycle'>();
  const visit = (name: string, trail: string[]): boolean => {
    const seen = state.get(name);
    if (seen === 'done') return true;
    if (seen === 'cycle') return false;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const { entry } = expressions.get(name)!;
      const message = `${subject} depend on each other in a cycle: ${cycle.join(' -> ')}.`;
      context.error(entry.keyNode, entry.path, 'cycle', message, 'break the cycle with a number');
      for (const member of cycle) state.set(member, 'cycle');
      return false;
    }
    state.set(name, 'visiting');
    const ok = expressions
      .get(name)!
      .uses.filter((use) => expressions.has(use))
      .every((use) => visit(use, [...trail, name]));
    if (state.get(name) === 'cycle' || !ok) {
      state.set(name, 'cycle');
      return false;
    }
    state.set(name, 'done');
    order.push(name);
    return true;
  };
  for (const name of expressions.keys()) visit(name, []);
  return order;
}
