import { isMap, isSeq, type Node } from 'yaml';
import { makeMixture, truncate } from '../distributions/combineDistributions.js';
import {
  makeBernoulli,
  makeDiscrete,
  makeEmpirical,
  makePoisson,
} from '../distributions/discreteDistributions.js';
import {
  makeLognormalFromPercentiles,
  makeNormalFromPercentiles,
  type Percentile,
} from '../distributions/percentileDistributions.js';
import {
  DistributionParameterError,
  makeFixed,
  makeLognormal,
  makeLognormalFromMeanSd,
  makeNormal,
  makeTriangular,
  makeUniform,
  type ScalarDistribution,
} from '../distributions/scalarDistribution.js';
import {
  makeBeta,
  makeBetaFromMeanSd,
  makeGamma,
  makeGammaFromMeanSd,
  makePert,
} from '../distributions/shapeDistributions.js';
import { checkPercentWeights } from './checkPercentWeights.js';
import { DISTRIBUTION_FAMILIES, DISTRIBUTION_OPTIONS } from './distributionFamilies.js';
import { readEmpiricalSample } from './readEmpiricalSample.js';
import { readPlainNumber } from './readValue.js';
import { entryOf, type MapEntry, type ValidationContext } from './validationContext.js';

type ParameterSet = readonly string[];

/** The parameter sets each family takes; `pNN` stands for any percentile key (p5, p90, ...). */
const PARAMETER_SETS: Readonly<Record<string, readonly ParameterSet[]>> = {
  uniform: [['min', 'max']],
  normal: [
    ['mean', 'sd'],
    ['pNN', 'pNN'],
  ],
  lognormal: [
    ['mu', 'sigma'],
    ['mean', 'sd'],
    ['pNN', 'pNN'],
  ],
  triangular: [['min', 'mode', 'max']],
  pert: [['min', 'mode', 'max']],
  beta: [
    ['alpha', 'beta'],
    ['mean', 'sd'],
  ],
  gamma: [
    ['shape', 'scale'],
    ['mean', 'sd'],
  ],
};

const PERCENTILE_KEY = /^p(\d{1,2}(?:\.\d+)?)$/;

/**
 * Reads a distribution map such as `{ beta: { mean: 20%, sd: 5% }, max: 40% }`:
 * exactly one family, its parameters, and optional truncation by `min` and
 * `max`. `per` is read by the caller. Returns undefined after reporting.
 */
export function readDistributionMap(
  context: ValidationContext,
  entries: readonly MapEntry[],
  node: Node,
  path: string,
  extraKeys: readonly string[] = [],
): ScalarDistribution | undefined {
  const allowed = [...DISTRIBUTION_FAMILIES, ...DISTRIBUTION_OPTIONS, ...extraKeys];
  context.rejectUnknownKeys(entries, allowed, 'a distribution');
  const families = entries.filter((entry) =>
    (DISTRIBUTION_FAMILIES as readonly string[]).includes(entry.key),
  );
  if (families.length !== 1) {
    const hint =
      `name one of ${DISTRIBUTION_FAMILIES.join(', ')}, ` + 'e.g. { normal: { mean: 3%, sd: 1% } }';
    context.error(node, path, 'bad-distribution', 'A distribution names exactly one family.', hint);
    return undefined;
  }
  const family = families[0]!;
  const dist = readFamily(context, family);
  const min = readBound(context, entryOf(entries, 'min'), -Infinity);
  const max = readBound(context, entryOf(entries, 'max'), Infinity);
  if (dist === undefined || min === undefined || max === undefined) return undefined;
  if (min === -Infinity && max === Infinity) return dist;
  return build(context, node, path, () => truncate(dist, min, max));
}

function readBound(context: ValidationContext, entry: MapEntry | undefined, fallback: number) {
  if (entry === undefined) return fallback;
  return readPlainNumber(context, entry.value, entry.path);
}

function readFamily(context: ValidationContext, family: MapEntry): ScalarDistribution | undefined {
  const { key, value, path } = family;
  const number = (): number | undefined => readPlainNumber(context, value, path);
  switch (key) {
    case 'fixed': {
      const fixed = number();
      return fixed === undefined ? undefined : build(context, value, path, () => makeFixed(fixed));
    }
    case 'poisson': {
      const mean = isMap(value) ? readParams(context, family, [['mean']]) : undefined;
      const lambda = isMap(value) ? mean?.get('mean') : number();
      return lambda === undefined
        ? undefined
        : build(context, value, path, () => makePoisson(lambda));
    }
    case 'bernoulli': {
      const p = number();
      return p === undefined ? undefined : build(context, value, path, () => makeBernoulli(p));
    }
    case 'discrete':
      return readDiscrete(context, family);
    case 'empirical': {
      const sample = readEmpiricalSample(context, family);
      return sample && build(context, value, path, () => makeEmpirical(sample));
    }
    case 'mixture':
      return readMixture(context, family);
    default: {
      const params = readParams(context, family, PARAMETER_SETS[key] ?? []);
      return params && build(context, value, path, () => makeFamily(key, params));
    }
  }
}

function makeFamily(family: string, params: ReadonlyMap<string, number>): ScalarDistribution {
  const get = (name: string): number => params.get(name) ?? Number.NaN;
  const percentiles = [...params]
    .filter(([name]) => PERCENTILE_KEY.test(name))
    .map(([name, x]): Percentile => ({ p: Number(PERCENTILE_KEY.exec(name)![1]) / 100, x }));
  const [first, second] = percentiles;
  switch (family) {
    case 'uniform':
      return makeUniform(get('min'), get('max'));
    case 'normal':
      return first && second
        ? makeNormalFromPercentiles(first, second)
        : makeNormal(get('mean'), get('sd'));
    case 'lognormal':
      if (first && second) return makeLognormalFromPercentiles(first, second);
      return params.has('mu')
        ? makeLognormal(get('mu'), get('sigma'))
        : makeLognormalFromMeanSd(get('mean'), get('sd'));
    case 'triangular':
      return makeTriangular(get('min'), get('mode'), get('max'));
    case 'pert':
      return makePert(get('min'), get('mode'), get('max'));
    case 'beta':
      return params.has('alpha')
        ? makeBeta(get('alpha'), get('beta'))
        : makeBetaFromMeanSd(get('mean'), get('sd'));
    default:
      return params.has('shape')
        ? makeGamma(get('shape'), get('scale'))
        : makeGammaFromMeanSd(get('mean'), get('sd'));
  }
}

/** Reads a family's parameter map, which must match one of its parameter sets exactly. */
function readParams(
  context: ValidationContext,
  family: MapEntry,
  sets: readonly ParameterSet[],
): Map<string, number> | undefined {
  const entries = context.entriesOf(
    family.value,
    family.path,
    `The parameters of \`${family.key}\``,
  );
  if (entries === undefined) return undefined;
  const keys = entries.map((entry) => (PERCENTILE_KEY.test(entry.key) ? 'pNN' : entry.key));
  const sorted = [...keys].sort().join();
  const matching = sets.find((set) => [...set].sort().join() === sorted);
  if (matching === undefined) {
    const expected = sets.map((set) => `{ ${set.join(', ')} }`).join(' or ');
    const hint = sets.some((set) => set.includes('pNN'))
      ? 'pNN is any percentile, e.g. { p10: 2k, p90: 8k }'
      : '';
    const message = `\`${family.key}\` takes the parameters ${expected}.`;
    context.error(family.value, family.path, 'bad-distribution', message, hint);
    return undefined;
  }
  const params = new Map<string, number>();
  let failed = false;
  for (const entry of entries) {
    const value = readPlainNumber(context, entry.value, entry.path);
    if (value === undefined) failed = true;
    else params.set(entry.key, value);
  }
  return failed ? undefined : params;
}

function readNumberList(context: ValidationContext, entry: MapEntry | undefined, what: string) {
  if (entry === undefined) return undefined;
  const items = context.itemsOf(entry.value, entry.path, what);
  if (items === undefined) return undefined;
  const values = items.map((item, index) =>
    readPlainNumber(context, item, `${entry.path}.${index}`),
  );
  return values.every((value) => value !== undefined) ? (values as number[]) : undefined;
}

/** The keys of `discrete: { ... }`. */
export const DISCRETE_KEYS = ['values', 'weights'] as const;

/**
 * `discrete: { values: [1, 2, 4], weights: [50%, 30%, 20%] }`; weights default
 * to equal, and in percent must add to 100% (checkPercentWeights).
 */
function readDiscrete(context: ValidationContext, family: MapEntry) {
  const entries = context.entriesOf(family.value, family.path, '`discrete`');
  if (entries === undefined) return undefined;
  context.rejectUnknownKeys(entries, DISCRETE_KEYS, '`discrete`');
  context.requireKey(entries, 'values', family.value, family.path);
  const values = readNumberList(context, entryOf(entries, 'values'), '`values`');
  const weightsEntry = entryOf(entries, 'weights');
  const weights = weightsEntry
    ? readNumberList(context, weightsEntry, '`weights`')
    : values?.map(() => 1);
  if (values === undefined || weights === undefined) return undefined;
  const dist = build(context, family.value, family.path, () => makeDiscrete(values, weights));
  if (dist === undefined || weightsEntry === undefined || !isSeq(weightsEntry.value)) return dist;
  const written = weightsEntry.value.items.map((item) => (item ?? null) as Node | null);
  const at = { node: weightsEntry.value, path: weightsEntry.path };
  return checkPercentWeights(context, at, written, weights) ? dist : undefined;
}

/** `mixture: [{ weight: 70%, lognormal: {...} }, { weight: 30%, gamma: {...} }]`. */
function readMixture(context: ValidationContext, family: MapEntry) {
  if (!isSeq(family.value)) {
    const hint = 'e.g. [{ weight: 70%, normal: { mean: 1k, sd: 100 } }, { weight: 30%, ... }]';
    context.error(
      family.value,
      family.path,
      'wrong-type',
      'A mixture is a list of components.',
      hint,
    );
    return undefined;
  }
  const items = family.value.items.map((item) => (item ?? null) as Node | null);
  const components = items.map((item, index) => {
    const path = `${family.path}.${index}`;
    const entries = context.entriesOf(item, path, 'A mixture component');
    if (entries === undefined || item === null) return undefined;
    context.requireKey(entries, 'weight', item, path);
    const weightEntry = entryOf(entries, 'weight');
    const weight = weightEntry && readPlainNumber(context, weightEntry.value, weightEntry.path);
    const dist = readDistributionMap(context, entries, item, path, ['weight']);
    if (weight === undefined || dist === undefined) return undefined;
    return { weight, dist, written: weightEntry?.value ?? null };
  });
  if (components.some((component) => component === undefined)) return undefined;
  const valid = components as { weight: number; dist: ScalarDistribution; written: Node | null }[];
  const mixture = build(context, family.value, family.path, () => makeMixture(valid));
  if (mixture === undefined) return undefined;
  const written = valid.map((component) => component.written);
  const weights = valid.map((component) => component.weight);
  const at = { node: family.value, path: family.path };
  return checkPercentWeights(context, at, written, weights) ? mixture : undefined;
}

/** Builds a distribution, turning a parameter error into an issue at the node. */
export function build(
  context: ValidationContext,
  node: Node | null,
  path: string,
  make: () => ScalarDistribution,
): ScalarDistribution | undefined {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof DistributionParameterError)) throw error;
    const message = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
    context.error(node, path, 'bad-distribution', message);
    return undefined;
  }
}

