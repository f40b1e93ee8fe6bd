import type { MathNode } from 'mathjs';
import { parseExpression } from './restrictedMath.js';
import { countOf } from '../countOf.js';

/** A compiled expression: reads its inputs by index from a row of values. */
export type Evaluate = (row: Float64Array, slots: Int32Array, offset: number) => number;

export interface LoweredExpression {
  /** Names the expression reads, in the order of the `slots` passed to evaluate. */
  readonly names: readonly string[];
  readonly evaluate: Evaluate;
}

/** Why an expression cannot be used, and where in its text (0-based), if known. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    readonly hint = '',
    readonly unknownName?: string,
  ) {
    super(message);
  }
}

/** Functions an expression may call, with their arity (-1 for any count of 1 or more). */
export const EXPRESSION_FUNCTIONS: Readonly<
  Record<string, readonly [number, (...a: number[]) => number]>
> = {
  min: [-1, Math.min],
  max: [-1, Math.max],
  sqrt: [1, Math.sqrt],
  exp: [1, Math.exp],
  log: [1, Math.log],
  abs: [1, Math.abs],
  round: [1, Math.round],
  floor: [1, Math.floor],
  ceil: [1, Math.ceil],
};

type Lowered = (row: Float64Array, slots: Int32Array, offset: number) => number;

/**
 * Parses an expression over named values (`system_prompt + 1.5 * ticket`) and
 * lowers it once to a plain JavaScript closure, so that each evaluation costs
 * a few function calls rather than a walk of mathjs's tree with its type
 * dispatch. Finance-style numbers are accepted (`1.5k`, `2M`, `$3`, `15%`),
 * and a percent on the right of + or - is a percentage of the left side, as in
 * mathjs and as a finance reader expects: `100 + 5%` is 105, `200 - 10%` 180.
 * A name not in `known` is an error naming it; it never becomes a unit.
 */
export function lowerExpression(text: string, known: ReadonlySet<string>): LoweredExpression {
  let tree: MathNode;
  try {
    tree = parseExpression(expandQuantities(text));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ExpressionError(`\`${text}\` is not a valid expression: ${message}.`);
  }
  const names: string[] = [];
  const evaluate = lower(tree, known, names);
  return { names, evaluate };
}

/** `1.5k` -> `(1.5 * 1000)`, `$3` -> `3`, `1,200` -> `1200`, before mathjs reads the text. */
function expandQuantities(text: string): string {
  const scale: Record<string, string> = { k: '1e3', K: '1e3', M: '1e6', B: '1e9' };
  return text
    .replace(/\$(?=\s*\d)/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/(\d(?:\.\d+)?)([kKMB])\b/g, (_match, digits: string, suffix: string) => {
      return `(${digits} * ${scale[suffix]})`;
    });
}

function lower(node: MathNode, known: ReadonlySet<string>, names: string[]): Lowered {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ExpressionError(`\`${String(value)}\` is not a number an expression can use.`);
      }
      return () => value;
    }
    case 'ParenthesisNode':
      return lower((node as unknown as { content: MathNode }).content, known, names);
    case 'SymbolNode':
      return lowerName((node as unknown as { name: string }).name, known, names);
    case 'OperatorNode':
      return lowerOperator(node, known, names);
    case 'FunctionNode':
      return lowerFunction(node, known, names);
    default:
      throw new ExpressionError(
        `An expression may not contain a ${describeNode(node.type)}.`,
        'use numbers, params, + - * / ^, parentheses and min, max, sqrt, exp, log, abs, round',
      );
  }
}

function lowerName(name: string, known: ReadonlySet<string>, names: string[]): Lowered {
  if (!known.has(name)) {
    throw new ExpressionError(`Unknown name \`${name}\` in an expression.`, '', name);
  }
  let index = names.indexOf(name);
  if (index < 0) index = names.push(name) - 1;
  return (row, slots, offset) => row[offset + slots[index]!]!;
}

function lowerOperator(node: MathNode, known: ReadonlySet<string>, names: string[]): Lowered {
  const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
  const [a, b] = args.map((arg) => lower(arg, known, names));
  switch (fn) {
    case 'unaryMinus':
      return (row, slots, offset) => -a!(row, slots, offset);
    case 'unaryPlus':
      return a!;
    case 'add':
      return (row, slots, offset) => a!(row, slots, offset) + b!(row, slots, offset);
    case 'subtract':
      return (row, slots, offset) => a!(row, slots, offset) - b!(row, slots, offset);
    case 'multiply':
      return (row, slots, offset) => a!(row, slots, offset) * b!(row, slots, offset);
    case 'divide':
      return (row, slots, offset) => a!(row, slots, offset) / b!(row, slots, offset);
    case 'pow':
      return (row, slots, offset) => a!(row, slots, offset) ** b!(row, slots, offset);
    case 'mod':
      throw new ExpressionError(
        '`%` between two numbers is a remainder, which a scenario has no use for.',
        'write a percentage right after a number, e.g. `ticket * 150%`',
      );
    default:
      throw new ExpressionError(
        `The operator \`${String((node as { op?: string }).op)}\` is not allowed.`,
      );
  }
}

function lowerFunction(node: MathNode, known: ReadonlySet<string>, names: string[]): Lowered {
  const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
  const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
  const entry = EXPRESSION_FUNCTIONS[name];
  if (entry === undefined) {
    const allowed = Object.keys(EXPRESSION_FUNCTIONS).join(', ');
    throw new ExpressionError(
      `Unknown function \`${name || '?'}\`.`,
      `functions: ${allowed}`,
      name,
    );
  }
  const [arity, apply] = entry;
  if (arity >= 0 ? args.length !== arity : args.length === 0) {
    throw new ExpressionError(
      `\`${name}\` takes ${arity >= 0 ? countOf(arity, 'argument') : 'one or more arguments'}.`,
    );
  }
  const lowered = args.map((arg) => lower(arg, known, names));
  if (lowered.length === 1) {
    const [only] = lowered;
    return (row, slots, offset) => apply(only!(row, slots, offset));
  }
  return (row, slots, offset) => apply(...lowered.map((part) => part(row, slots, offset)));
}

function describeNode(type: string): string {
  const words: Record<string, string> = {
    ArrayNode: 'list or matrix',
    AccessorNode: 'property access',
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'function definition',
    ConditionalNode: 'condition',
    IndexNode: 'index',
    ObjectNode: 'object',
    RangeNode: 'range',
    RelationalNode: 'comparison',
    BlockNode: 'block of statements',
  };
  return words[type] ?? type;
}
