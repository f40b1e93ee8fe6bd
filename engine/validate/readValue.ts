import { isMap, isScalar, type Node } from 'yaml';
import {
  DistributionParameterError,
  makeFixed,
  makeLognormal,
  makeLognormalFromMeanSd,
  makeLognormalFromP5P95,
  makeNormal,
  makeNormalFromP5P95,
  makeRateFromP5P95,
  makeShareFromP5P95,
  makeTriangular,
  makeUniform,
  type ScalarDistribution,
} from '../distributions/scalarDistribution.js';
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
export const SCALAR_FAMILIES = ['normal', 'lognormal', 'uniform', 'triangular', 'fixed'] as const;
const DISTRIBUTION_FAMILIES = SCALAR_FAMILIES;

/** Reads a numeric key: a number, a finance-style text, a range, or a distribution map. */
export function readValue(
  context: ValidationContext,
  node: Node | null,
  path: string,
  kind: QuantityKind,
  options: ValueOptions = {},
): Value | undefined {
  if (isMap(node)) return readDistributionMap(context, node, path, kind, options);
  const text = isScalar(node) ? node.value : undefined;
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
  return checkFixedInKind(context, node, path, kind, value);
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

/** Reads a plain number (no range, no distribution), with an error if it is not one. */
export function readPlainNumber(
  context: ValidationContext,
  node: Node | null,
  path: string,
): number | undefined {
  const raw = isScalar(node) ? node.value : undefined;
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? parseQuantity(raw) : undefined;
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
): Value | undefined {
  const problem = rangeProblem(kind, value, value);
  if (problem !== undefined) {
    context.error(node, path, 'out-of-range', problem);
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
  const dist = buildDistribution(context, node, path, () => makers[kind](low, high));
  return dist === undefined ? undefined : { kind: 'uncertain', dist, per: 'trial', path };
}

function readDistributionMap(
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
  context.rejectUnknownKeys(entries, [...DISTRIBUTION_FAMILIES, 'per'], 'a distribution');
  const families = entries.filter((entry) =>
    (DISTRIBUTION_FAMILIES as readonly string[]).includes(entry.key),
  );
  if (families.length !== 1) {
    const families = DISTRIBUTION_FAMILIES.join(', ');
    const hint = `name one of ${families}, e.g. { normal: { mean: 3%, sd: 1% } }`;
    context.error(node, path, 'bad-distribution', 'A distribution names exactly one family.', hint);
    return undefined;
  }
  const per = readPer(context, entryOf(entries, 'per'), options);
  const family = families[0]!;
  const dist = readFamily(context, family.key, family.value, family.path);
  if (dist === undefined || per === undefined) return undefined;
  const problem = rangeProblem(kind, dist.lower, dist.upper, dist);
  if (problem !== undefined) {
    context.error(family.keyNode, path, 'bad-distribution', problem, familyHint(kind));
    return undefined;
  }
  if (dist.family === 'fixed') return { kind: 'fixed', value: dist.mean };
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

function readFamily(
  context: ValidationContext,
  family: string,
  node: Node | null,
  path: string,
): ScalarDistribution | undefined {
  if (family === 'fixed') {
    const value = readPlainNumber(context, node, path);
    return value === undefined ? undefined : makeFixed(value);
  }
  const params = readParams(context, node, path, PARAMETER_SETS[family] ?? []);
  if (params === undefined) return undefined;
  return buildDistribution(context, node, path, () => makeFamily(family, params));
}

const PARAMETER_SETS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  normal: [['mean', 'sd']],
  lognormal: [
    ['mu', 'sigma'],
    ['mean', 'sd'],
  ],
  uniform: [['min', 'max']],
  triangular: [['min', 'mode', 'max']],
};

function readParams(
  context: ValidationContext,
  node: Node | null,
  path: string,
  sets: readonly (readonly string[])[],
): Map<string, number> | undefined {
  const entries = context.entriesOf(node, path, 'The parameters of a distribution');
  if (entries === undefined) return undefined;
  const keys = entries.map((entry) => entry.key).sort();
  const matching = sets.find((set) => [...set].sort().join() === keys.join());
  if (matching === undefined) {
    const expected = sets.map((set) => `{ ${set.join(', ')} }`).join(' or ');
    context.error(node, path, 'bad-distribution', `Expected the parameters ${expected}.`);
    return undefined;
  }
  const params = new Map<string, number>();
  for (const entry of entries) {
    const value = readPlainNumber(context, entry.value, entry.path);
    if (value === undefined) return undefined;
    params.set(entry.key, value);
  }
  return params;
}

function makeFamily(family: string, params: ReadonlyMap<string, number>): ScalarDistribution {
  const get = (name: string): number => params.get(name) ?? Number.NaN;
  switch (family) {
    case 'normal':
      return makeNormal(get('mean'), get('sd'));
    case 'lognormal':
      return params.has('mu')
        ? makeLognormal(get('mu'), get('sigma'))
        : makeLognormalFromMeanSd(get('mean'), get('sd'));
    case 'uniform':
      return makeUniform(get('min'), get('max'));
    default:
      return makeTriangular(get('min'), get('mode'), get('max'));
  }
}

function buildDistribution(
  context: ValidationContext,
  node: Node | null,
  path: string,
  make: () => ScalarDistribution,
): ScalarDistribution | undefined {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof DistributionParameterError)) throw error;
    context.error(node, path, 'bad-distribution', `${capitalize(error.message)}.`);
    return undefined;
  }
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

function familyHint(kind: QuantityKind): string {
  if (kind === 'share')
    return 'use a range such as `8% to 20%` (logit-normal) or a uniform inside 0..1';
  if (kind === 'amount')
    return 'use a range such as `1.8k to 4k` (lognormal) or `lognormal: { mean, sd }`';
  return 'use a range such as `-40% to -85%`, which keeps 1 + rate positive';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
