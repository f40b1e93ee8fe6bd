import { closestNames } from '../closestNames.js';
import { choleskyLower, nearestCorrelation } from '../correlation/repairCorrelation.js';
import type { Correlation, CorrelationPair, Value } from '../scenarioTypes.js';
import { readPlainNumber } from './readValue.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';

export const CORRELATION_KEYS = ['between', 'rank'] as const;

type Uncertain = Extract<Value, { kind: 'uncertain' }>;

interface Pairing {
  readonly entry: MapEntry;
  readonly first: number;
  readonly second: number;
  readonly rank: number;
  /** The two inputs' keys, as the reports name them. */
  readonly keys: readonly [string, string];
}

/**
 * Reads `correlations:`, a list of `{ between: [a, b], rank: 0.6 }`, where a
 * and b are params or key paths of inputs drawn once per trial. A matrix that
 * is not positive definite is repaired to the nearest valid one, with a
 * warning at each coefficient that moved, saying how far.
 */
export function readCorrelations(
  context: ValidationContext,
  entry: MapEntry | undefined,
): Correlation | null | undefined {
  if (entry === undefined) return null;
  const items = context.itemsOf(entry.value, entry.path, '`correlations`');
  if (items === undefined) return undefined;
  const inputs: Uncertain[] = [];
  const pairings: Pairing[] = [];
  let failed = false;
  items.forEach((item, index) => {
    const pairing = readPairing(context, item, `${entry.path}.${index}`, inputs);
    if (pairing === undefined) failed = true;
    else pairings.push(pairing);
  });
  if (failed || inputs.length === 0) return failed ? undefined : null;
  return buildCorrelation(context, inputs, pairings);
}

function readPairing(
  context: ValidationContext,
  node: MapEntry['value'],
  path: string,
  inputs: Uncertain[],
): Pairing | undefined {
  const entries = context.entriesOf(node, path, 'A correlation');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, CORRELATION_KEYS, 'a correlation');
  for (const key of CORRELATION_KEYS) context.requireKey(entries, key, node, path);
  const between = entryOf(entries, 'between');
  const rankEntry = entryOf(entries, 'rank');
  if (between === undefined || rankEntry === undefined) return undefined;
  const names = context.itemsOf(between.value, between.path, '`between`');
  const rank = readPlainNumber(context, rankEntry.value, rankEntry.path);
  if (names === undefined) return undefined;
  if (names.length !== 2) {
    context.error(between.value, between.path, 'wrong-type', '`between` names two inputs.');
    return undefined;
  }
  // Names are resolved even when the rank is wrong, so both faults show at once.
  const indices = names.map((name, index) =>
    resolveInput(context, name, `${between.path}.${index}`, inputs),
  );
  if (rank !== undefined && !(rank >= -1 && rank <= 1)) {
    context.error(
      rankEntry.value,
      rankEntry.path,
      'out-of-range',
      `A rank correlation lies in -1..1; found ${rank}.`,
      'write a coefficient such as 0.6 (together) or -0.4 (opposite)',
    );
    return undefined;
  }
  if (rank === undefined) return undefined;
  const [first, second] = indices;
  if (first === undefined || second === undefined) return undefined;
  if (first === second) {
    context.error(
      between.value,
      between.path,
      'out-of-range',
      'An input is not correlated with itself.',
      'name two different inputs',
    );
    return undefined;
  }
  const keys = names.map((name) => keyOf(context, name)) as [string, string];
  return { entry: rankEntry, first, second, rank, keys };
}

/** The index of a named input in `inputs` (added when new), or undefined after an error. */
function resolveInput(
  context: ValidationContext,
  node: MapEntry['value'],
  path: string,
  inputs: Uncertain[],
): number | undefined {
  const name = nameOf(node);
  const key = keyOf(context, node);
  const value = context.uncertain.get(key);
  if (value === undefined && failedAlready(context, key)) return undefined;
  if (value === undefined) {
    const fixed = context.declaredParams.has(name) || key.includes('.');
    const near = closestNames(name, [...context.uncertain.keys()], 1);
    const message = fixed
      ? `\`${name}\` is not an uncertain input: only a value that is drawn can be correlated.`
      : `No uncertain input \`${name}\`.`;
    const hint = near.length > 0 ? `did you mean \`${near[0]}\`?` : 'name a param or a key path';
    context.error(node, path, 'correlation', message, hint);
    return undefined;
  }
  if (value.kind !== 'uncertain' || value.per !== 'trial') {
    const what = value.kind === 'derived' ? 'an expression' : 'drawn every month';
    const message = `\`${name}\` is ${what}; only inputs drawn once per trial can be correlated.`;
    context.error(node, path, 'correlation', message, 'correlate the params the expression reads');
    return undefined;
  }
  const known = inputs.indexOf(value);
  return known >= 0 ? known : inputs.push(value) - 1;
}

function nameOf(node: MapEntry['value']): string {
  return String((node as { value?: unknown } | null)?.value ?? '');
}

/** The key of a named input: `params.<name>` for a declared param, else the key path itself. */
function keyOf(context: ValidationContext, node: MapEntry['value']): string {
  const name = nameOf(node);
  return context.declaredParams.has(name) ? `params.${name}` : name;
}

/**
 * Whether the key a correlation names failed to read (or sits in a section that
 * did): it has been reported where it is written, and is not called unknown;
 * the pairing is checked once that key reads.
 */
function failedAlready(context: ValidationContext, key: string): boolean {
  return context.issues.some(
    (issue) =>
      issue.severity === 'error' &&
      (issue.path === key || issue.path.startsWith(`${key}.`) || key.startsWith(`${issue.path}.`)),
  );
}

function buildCorrelation(
  context: ValidationContext,
  inputs: readonly Uncertain[],
  pairings: readonly Pairing[],
): Correlation | undefined {
  const k = inputs.length;
  const matrix = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) matrix[i * k + i] = 1;
  for (const { entry, first, second, rank } of pairings) {
    if (matrix[first * k + second] !== 0) {
      context.error(
        entry.value,
        entry.path,
        'correlation',
        'This pair of inputs is correlated twice.',
      );
      return undefined;
    }
    matrix[first * k + second] = rank;
    matrix[second * k + first] = rank;
  }
  const exact = choleskyLower(matrix, k);
  if (exact !== undefined) return { inputs, cholesky: exact, pairs: pairsOf(pairings, matrix, k) };
  const repaired = nearestCorrelation(matrix, k);
  for (const { entry, first, second, rank } of pairings) {
    const moved = repaired[first * k + second]!;
    const message =
      'The correlations together are impossible (their matrix is not positive semi-definite); ' +
      `the nearest valid matrix moves this one from ${rank} to ${round(moved)} ` +
      `(by ${round(moved - rank)}).`;
    context.warn(
      entry.value,
      entry.path,
      'correlation',
      message,
      'weaken the strongest correlations',
    );
  }
  const pairs = pairsOf(pairings, repaired, k);
  return { inputs, cholesky: choleskyLower(repaired, k)!, pairs };
}

/** Each pairing with the coefficient the matrix drawn towards holds for it. */
function pairsOf(pairings: readonly Pairing[], matrix: Float64Array, k: number): CorrelationPair[] {
  return pairings.map(({ keys, first, second, rank }) => ({
    between: keys,
    rank,
    appliedRank: matrix[first * k + second]!,
  }));
}

function round(value: number): string {
  return Number(value.toFixed(3)).toString();
}
