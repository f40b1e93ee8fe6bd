import { describe, expect, it } from 'vitest';
import { ExpressionError, lowerExpression } from '../../../engine/expressions/lowerExpression.js';

/** Evaluates an expression over named values, through the lowered closure. */
function evaluate(text: string, values: Record<string, number> = {}): number {
  const names = new Set(Object.keys(values));
  const lowered = lowerExpression(text, names);
  const row = Float64Array.from(lowered.names, (name) => values[name]!);
  const slots = Int32Array.from(lowered.names, (_, index) => index);
  return lowered.evaluate(row, slots, 0);
}

describe('lowerExpression', () => {
  it('computes an input size from a system prompt and one and a half tickets', () => {
    expect(evaluate('system_prompt + 1.5 * ticket', { system_prompt: 1200, ticket: 400 })).toBe(
      1800,
    );
  });

  it.each([
    ['15%', 0.15],
    ['ticket * 150%', 600],
    ['100 + 5%', 105],
    ['200 - 10%', 180],
    ['ticket * (1 + 25%)', 500],
  ])('reads percent signs as a finance reader does: %s is %s', (text, expected) => {
    expect(evaluate(text, { ticket: 400 })).toBeCloseTo(expected, 12);
  });

  it('accepts finance-style numbers: 1.5k, 2M, $3 and 1,200', () => {
    expect(evaluate('1.5k + 2M + $3 + 1,200')).toBe(1500 + 2_000_000 + 3 + 1200);
  });

  it('follows the usual precedence and the allowed functions', () => {
    expect(evaluate('2 + 3 * 4 ^ 2')).toBe(50);
    expect(evaluate('max(a, 2 * a) + min(1, 2) + sqrt(16)', { a: 3 })).toBe(11);
  });

  it.each(['b', 'h', 'cm', 'kg'])('reports %s as an unknown name, never as a unit', (name) => {
    expect(() => evaluate(`2 * ${name}`)).toThrow(`Unknown name \`${name}\``);
  });

  it.each([
    // The arities are EXPRESSION_FUNCTIONS': sqrt takes 1, min any count from 1.
    ['sqrt(1, 2)', '`sqrt` takes 1 argument.'],
    ['min()', '`min` takes one or more arguments.'],
  ])('says in words how many arguments %s should have', (text, message) => {
    expect(() => evaluate(text)).toThrow(message);
  });

  it.each([
    ['import({}, {})', /Unknown function `import`/],
    ['createUnit("x")', /Unknown function `createUnit`/],
    ['evaluate("1+1")', /Unknown function `evaluate`/],
    ['parse("1")', /Unknown function `parse`/],
    ['compile("1")', /Unknown function `compile`/],
    ['[1, 2]', /list or matrix/],
    ['x = 2', /assignment/],
    ['f(x) = x', /function definition/],
    ['a.b', /property access/],
    ['7 % 3', /remainder/],
    ['1 < 2', /operator `<` is not allowed/],
  ])('refuses %s', (text, message) => {
    expect(() => evaluate(text, { a: 1 })).toThrow(message);
  });

  it('throws a typed error for text that does not parse', () => {
    expect(() => evaluate('2 * (3')).toThrow(ExpressionError);
  });
});
