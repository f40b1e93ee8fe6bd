import { create, parseDependencies, type MathNode } from 'mathjs';

/*
 * The one mathjs instance a scenario's expressions meet. It holds the parser
 * alone (no units, matrices or evaluation functions are even created), and
 * the functions that could reach further (import, createUnit, evaluate,
 * parse, compile) are replaced by ones that refuse. Expressions are never
 * evaluated by mathjs: lowerExpression turns the parsed tree into a plain
 * JavaScript function over the params' values, accepting only numbers,
 * arithmetic, known names and a short list of functions.
 */
const math = create({ parseDependencies: parseDependencies! });
const parseOnce = math.parse.bind(math);

function refuse(): never {
  throw new Error('this function is disabled in scenario expressions');
}

math.import(
  { import: refuse, createUnit: refuse, evaluate: refuse, parse: refuse, compile: refuse },
  { override: true },
);

/** Parses an expression into mathjs's tree, without evaluating anything. */
export function parseExpression(text: string): MathNode {
  return parseOnce(text);
}
