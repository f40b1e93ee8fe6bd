import { DISTRIBUTION_FAMILIES } from './validate/distributionFamilies.js';
import {
  CORRELATION_REFERENCE,
  CURVE_REFERENCE,
  DISCRETE_REFERENCE,
  DISTRIBUTION_OPTION_REFERENCE,
  DRIFT_REFERENCE,
  EVENT_REFERENCE,
  MIGRATE_REFERENCE,
  MIXTURE_COMPONENT_REFERENCE,
  MODEL_PRICE_REFERENCE,
  OPTION_REFERENCE,
  PLANNED_CHANGE_REFERENCE,
  PRICES_REFERENCE,
  STEP_REFERENCE,
  TOP_LEVEL_REFERENCE,
  WORKLOAD_REFERENCE,
  type KeyReference,
  type SectionReference,
} from './scenarioReference.js';

type Schema = Record<string, unknown>;

const DRAWN_TEXT: Record<KeyReference['drawn'], string> = {
  trial: 'Drawn once per trial when uncertain.',
  'trial or month': 'Drawn once per trial; `per: month` draws it again every month.',
  fixed: 'A plain value, never drawn.',
  section: '',
};

const NUMBER_TEXT = {
  type: 'string',
  pattern: '^[+-]?\\s*\\$?\\s*[\\d.,]+(?:[eE][+-]?\\d+)?\\s*[kKMB%]?$',
};

/**
 * The JSON Schema of a scenario file, for editors (the bundled scenarios name
 * it in their first line) and for `pertask schema`. Built from the validator's
 * key tables and the reference, so the two cannot disagree about which keys
 * exist. The validator stays the judge: the schema cannot express ranges of
 * distributions or which expressions are valid, so it accepts a superset.
 */
export function buildScenarioSchema(): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'pertask scenario',
    description: 'A scenario of AI spend per task: workloads, steps, prices and their drift.',
    ...section(TOP_LEVEL_REFERENCE, {
      params: { type: 'object', additionalProperties: { $ref: '#/$defs/param' } },
      prices: { $ref: '#/$defs/prices' },
      correlations: { type: 'array', items: { $ref: '#/$defs/correlation' } },
      options: { type: 'object', additionalProperties: { $ref: '#/$defs/option' } },
      planned_changes: { type: 'array', items: { $ref: '#/$defs/plannedChange' } },
      workloads: {
        type: 'object',
        minProperties: 1,
        additionalProperties: { $ref: '#/$defs/workload' },
      },
    }),
    required: ['scenario', 'start', 'workloads'],
    patternProperties: { '^x-': { description: 'Holds anchors for aliases and `<<:` merges.' } },
    $defs: {
      param: { $ref: '#/$defs/value' },
      correlation: section(CORRELATION_REFERENCE, {}, ['between', 'rank']),
      option: section(
        OPTION_REFERENCE,
        { set: { type: 'object', minProperties: 1, additionalProperties: {} } },
        ['set'],
      ),
      plannedChange: section(PLANNED_CHANGE_REFERENCE, {}, ['workload', 'option', 'from']),
      prices: section(PRICES_REFERENCE, {
        models: { type: 'object', additionalProperties: { $ref: '#/$defs/modelPrice' } },
        curve: { $ref: '#/$defs/curve' },
      }),
      modelPrice: section(MODEL_PRICE_REFERENCE),
      curve: section(CURVE_REFERENCE, {
        events: { type: 'array', items: { $ref: '#/$defs/event' } },
      }),
      event: section(EVENT_REFERENCE, {}, ['at', 'change']),
      workload: section(
        WORKLOAD_REFERENCE,
        {
          steps: {
            type: 'object',
            minProperties: 1,
            additionalProperties: { $ref: '#/$defs/step' },
          },
          drift: {
            type: 'object',
            additionalProperties: {
              anyOf: [{ type: 'string' }, { type: 'number' }, { $ref: '#/$defs/drift' }],
            },
          },
        },
        ['tasks_per_month', 'steps'],
      ),
      step: section(STEP_REFERENCE, { migrate: { $ref: '#/$defs/migrate' } }, ['model']),
      migrate: section(MIGRATE_REFERENCE, {}, ['to', 'from']),
      drift: section(DRIFT_REFERENCE, {}, ['change']),
      distributionOptions: section(DISTRIBUTION_OPTION_REFERENCE),
      discrete: section(DISCRETE_REFERENCE, {}, ['values']),
      // A component is a distribution map with a weight: this part requires and documents
      // the weight, and lets the family's keys through to the distribution beside it.
      mixtureComponent: {
        ...section(MIXTURE_COMPONENT_REFERENCE, {}, ['weight']),
        additionalProperties: true,
      },
      number: { anyOf: [{ type: 'number' }, NUMBER_TEXT] },
      value: {
        description:
          'A number (`140k`, `2.5%`, `$3`), a range (`a to b`: P5 and P95), ' +
          'an expression over params (in a step, also over its own keys), or a distribution.',
        anyOf: [{ type: 'number' }, { type: 'string' }, { $ref: '#/$defs/distribution' }],
      },
      distribution: distributionSchema(),
    },
  };
}

function section(
  reference: SectionReference,
  overrides: Record<string, Schema> = {},
  required: string[] = [],
): Schema {
  const properties: Record<string, Schema> = {};
  for (const key of reference.keys) {
    properties[key.key] = { ...describeKey(key), ...(overrides[key.key] ?? typeSchema(key)) };
  }
  const schema: Schema = {
    type: 'object',
    'x-section': reference.name,
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) schema.required = required;
  return schema;
}

function describeKey(key: KeyReference): Schema {
  const drawn = DRAWN_TEXT[key.drawn];
  return {
    description:
      `${key.meaning} Unit: ${key.unit}. Default: ${key.default}.` + (drawn ? ` ${drawn}` : ''),
    examples: [key.example],
    'x-unit': key.unit,
    'x-default': key.default,
    'x-drawn': key.drawn,
  };
}

function typeSchema(key: KeyReference): Schema {
  switch (key.type) {
    case 'value':
      return { $ref: '#/$defs/value' };
    case 'number':
      return { $ref: '#/$defs/number' };
    case 'integer':
      return { anyOf: [{ type: 'integer' }, NUMBER_TEXT] };
    case 'month':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}$' };
    case 'date':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'list':
      return { type: 'array' };
    case 'section':
      return { type: 'object' };
    default:
      return { type: 'string' };
  }
}

function distributionSchema(): Schema {
  const params = (...names: string[]): Schema => ({
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, { $ref: '#/$defs/number' }])),
    patternProperties: { '^p\\d{1,2}(\\.\\d+)?$': { $ref: '#/$defs/number' } },
    additionalProperties: false,
  });
  const families: Record<(typeof DISTRIBUTION_FAMILIES)[number], Schema> = {
    fixed: { $ref: '#/$defs/number' },
    uniform: params('min', 'max'),
    normal: params('mean', 'sd'),
    lognormal: params('mu', 'sigma', 'mean', 'sd'),
    triangular: params('min', 'mode', 'max'),
    pert: params('min', 'mode', 'max'),
    beta: params('alpha', 'beta', 'mean', 'sd'),
    gamma: params('shape', 'scale', 'mean', 'sd'),
    poisson: { anyOf: [{ $ref: '#/$defs/value' }, params('mean')] },
    bernoulli: { $ref: '#/$defs/number' },
    discrete: { $ref: '#/$defs/discrete' },
    empirical: {
      anyOf: [
        { type: 'array', items: { $ref: '#/$defs/number' } },
        { type: 'object', properties: { csv: { type: 'string' }, column: { type: 'string' } } },
      ],
    },
    mixture: {
      type: 'array',
      minItems: 2,
      items: { allOf: [{ $ref: '#/$defs/mixtureComponent' }, { $ref: '#/$defs/distribution' }] },
    },
  };
  return {
    description:
      `One family of ${DISTRIBUTION_FAMILIES.join(', ')}, ` + 'with optional per, min and max.',
    type: 'object',
    properties: {
      ...families,
      ...(section(DISTRIBUTION_OPTION_REFERENCE).properties as Schema),
      weight: {
        $ref: '#/$defs/number',
        description: 'Weight of a mixture component; see $defs/mixtureComponent.',
      },
      // Count families of `calls`, which vary task by task.
      geometric: params('mean'),
      negative_binomial: params('mean', 'sd'),
    },
    additionalProperties: false,
    minProperties: 1,
  };
}
