/**
 * What each key of a scenario means, in the words the docs use: its unit, its
 * default, an example, and whether its value is drawn once per trial or may
 * be drawn again every month. The JSON Schema (`pertask schema`) is built from
 * this table and the validator's own key lists, and a test keeps the README's
 * scenario reference equal to what the schema says.
 */
export interface KeyReference {
  readonly key: string;
  readonly unit: string;
  /** The default as written in a file, or `required`, or `none`. */
  readonly default: string;
  /** A value as it would be written in YAML. */
  readonly example: string;
  /** 'trial': drawn once per trial; 'trial or month': `per: month` redraws it; 'fixed': plain. */
  readonly drawn: 'trial' | 'trial or month' | 'fixed' | 'section';
  readonly meaning: string;
  /** What the schema accepts: a value (number, range, distribution or expression) or a shape. */
  readonly type: 'value' | 'number' | 'text' | 'integer' | 'month' | 'date' | 'section' | 'list';
}

export interface SectionReference {
  readonly name: string;
  readonly keys: readonly KeyReference[];
}

const k = (
  key: string,
  unit: string,
  fallback: string,
  example: string,
  drawn: KeyReference['drawn'],
  type: KeyReference['type'],
  meaning: string,
): KeyReference => ({ key, unit, default: fallback, example, drawn, type, meaning });

export const TOP_LEVEL_REFERENCE: SectionReference = {
  name: 'top level',
  keys: [
    k(
      'scenario',
      'name',
      'required',
      'support-2027',
      'fixed',
      'text',
      'The scenario name; reports go to `out/<scenario>/`. ASCII letters, digits, `-`, `_` and ' +
        '`.`, starting with a letter or digit, at most 80 characters; not `compare` or ' +
        '`dashboard` (any case), which name the folders of those commands.',
    ),
    k(
      'description',
      'text',
      '""',
      'Support triage, 2027',
      'fixed',
      'text',
      'One or two sentences for the report.',
    ),
    k('start', '`YYYY-MM`', 'required', '2027-01', 'fixed', 'month', 'First month of the horizon.'),
    k('months', 'months', '12', '12', 'fixed', 'integer', 'Length of the horizon, 1 to 120.'),
    k('currency', 'currency', 'USD', 'USD', 'fixed', 'text', 'Only USD: the catalog is in USD.'),
    k(
      'trials',
      'trials',
      '10000',
      '20000',
      'fixed',
      'integer',
      'Monte Carlo trials; `--trials` overrides.',
    ),
    k(
      'seed',
      'integer',
      '1',
      '20270101',
      'fixed',
      'integer',
      'Seed of the random generator; `--seed` overrides.',
    ),
    k(
      'budget',
      'USD',
      'none',
      '$30k',
      'fixed',
      'number',
      'Budget for the whole horizon, all workloads.',
    ),
    k(
      'per_token_volume',
      '`grow` or `flat`',
      'grow',
      'flat',
      'fixed',
      'text',
      'The per-token forecast grows token volume with tasks, or holds it at the first month.',
    ),
    k(
      'params',
      'section',
      'none',
      '{ ticket: 300 to 700 }',
      'section',
      'section',
      'Named values that expressions in any numeric key read.',
    ),
    k(
      'prices',
      'section',
      'none',
      '{ curve: { annual_change: -30% } }',
      'section',
      'section',
      'Price overrides and the price curve.',
    ),
    k(
      'workloads',
      'section',
      'required',
      '{ support: { ... } }',
      'section',
      'section',
      'At least one workload.',
    ),
    k(
      'correlations',
      'list',
      'none',
      '[{ between: [ticket, workloads.support.growth], rank: 0.5 }]',
      'section',
      'list',
      'Rank correlations between inputs drawn once per trial.',
    ),
    k(
      'options',
      'section',
      'none',
      '{ cheaper-review: { set: { workloads.review.steps.check.model: gpt-4.1-mini } } }',
      'section',
      'section',
      'Architecture options, each the scenario with some keys set otherwise.',
    ),
    k(
      'planned_changes',
      'list',
      'none',
      '[{ workload: review, option: cheaper-review, from: 2027-07, ramp: 3 }]',
      'section',
      'list',
      'Workloads that switch to an option from a month, over a ramp.',
    ),
    k(
      'extends',
      'file name',
      'none',
      'base.yaml',
      'fixed',
      'text',
      'A base scenario this file is merged over (maps deep, later wins).',
    ),
    k(
      'include',
      'list of file names',
      'none',
      '[team-prices.yaml]',
      'fixed',
      'list',
      'Files merged over the base and under this file, in order.',
    ),
  ],
};

export const CORRELATION_REFERENCE: SectionReference = {
  name: 'correlations[]',
  keys: [
    k(
      'between',
      'two names',
      'required',
      '[ticket, prices.curve.annual_change]',
      'fixed',
      'list',
      'Two params or key paths of uncertain inputs.',
    ),
    k(
      'rank',
      'rank correlation',
      'required',
      '0.5',
      'fixed',
      'number',
      'Target Spearman correlation, -1 to 1.',
    ),
  ],
};

export const PRICES_REFERENCE: SectionReference = {
  name: 'prices',
  keys: [
    k(
      'catalog',
      'file name',
      'the built-in catalog',
      './team-prices.json',
      'fixed',
      'text',
      'A price catalog written by `pertask prices import`, laid over the built-in one.',
    ),
    k(
      'models',
      'section',
      'none',
      '{ gpt-4o: { input: $2.50 } }',
      'section',
      'section',
      'Override or add models, USD per million tokens.',
    ),
    k(
      'curve',
      'section',
      'none',
      '{ annual_change: -20% to -65% }',
      'section',
      'section',
      'How prices move over the horizon.',
    ),
  ],
};

export const MODEL_PRICE_REFERENCE: SectionReference = {
  name: 'prices.models.<model>',
  keys: [
    k(
      'input',
      'USD per million tokens',
      'catalog',
      '$2.50',
      'fixed',
      'number',
      'Uncached input; required for a model the catalog lacks.',
    ),
    k(
      'cached_input',
      'USD per million tokens',
      'catalog, else `input`',
      '$1.25',
      'fixed',
      'number',
      'Input read from the prompt cache.',
    ),
    k(
      'cache_write',
      'USD per million tokens',
      'catalog, else `input`',
      '$3.125',
      'fixed',
      'number',
      'Input written to the prompt cache.',
    ),
    k(
      'output',
      'USD per million tokens',
      'catalog',
      '$10.00',
      'fixed',
      'number',
      'Output; required for a model the catalog lacks.',
    ),
    k(
      'reasoning',
      'USD per million tokens',
      'catalog, else `output`',
      '$10.00',
      'fixed',
      'number',
      'Reasoning (thinking) tokens.',
    ),
    k(
      'batch_discount',
      'share',
      'catalog, else `0`',
      '50%',
      'fixed',
      'number',
      'Discount of the batch API.',
    ),
    k(
      'as_of',
      '`YYYY-MM-DD`',
      'catalog, else required',
      '2026-07-24',
      'fixed',
      'date',
      'When the price was read.',
    ),
    k(
      'context_window',
      'tokens',
      'catalog, else none',
      '128k',
      'fixed',
      'number',
      'Largest input of a call; a warning says when a step passes it.',
    ),
  ],
};

export const CURVE_REFERENCE: SectionReference = {
  name: 'prices.curve',
  keys: [
    k(
      'annual_change',
      'rate per year',
      '0',
      '-20% to -65%',
      'trial',
      'value',
      'Change of every price over a year, applied as `(1 + change) ^ (month / 12)`.',
    ),
    k(
      'events',
      'list',
      'none',
      '[{ at: 2027-07, change: -40% }]',
      'section',
      'list',
      'Price steps at a month, each with a probability.',
    ),
  ],
};

export const EVENT_REFERENCE: SectionReference = {
  name: 'prices.curve.events[]',
  keys: [
    k(
      'at',
      '`YYYY-MM`',
      'required',
      '2027-07',
      'fixed',
      'month',
      'Month from which the change applies.',
    ),
    k(
      'probability',
      'share',
      '100%',
      '40%',
      'trial',
      'value',
      'Chance that the event happens in a trial.',
    ),
    k(
      'change',
      'rate',
      'required',
      '-30% to -60%',
      'trial',
      'value',
      'Change of prices from that month on.',
    ),
    k(
      'models',
      'list of names',
      'all models',
      '[gpt-4o-mini]',
      'fixed',
      'list',
      'Models the event applies to.',
    ),
  ],
};

export const WORKLOAD_REFERENCE: SectionReference = {
  name: 'workloads.<name>',
  keys: [
    k(
      'tasks_per_month',
      'tasks',
      'required',
      '400k to 600k',
      'trial or month',
      'value',
      'Tasks a month before growth and seasonality.',
    ),
    k(
      'growth',
      'rate per month',
      '0',
      '1% to 4%',
      'trial or month',
      'value',
      'Monthly growth of tasks; `per: month` redraws it every month.',
    ),
    k(
      'seasonality',
      'list of 12 multipliers',
      'all `1`',
      '[1.1, 0.95, 1, 1, 1, 1, 1, 1, 1, 1, 1.05, 1.1]',
      'fixed',
      'list',
      'Multiplier of tasks by calendar month, January first.',
    ),
    k(
      'elasticity',
      'real',
      '0',
      '0.3 to 0.8',
      'trial',
      'value',
      'Calls scale by `(price(m) / price(0)) ^ -elasticity`.',
    ),
    k(
      'steps',
      'section',
      'required',
      '{ classify: { model: gpt-4o-mini } }',
      'section',
      'section',
      'The LLM calls one task makes.',
    ),
    k(
      'drift',
      'section',
      'none',
      '{ review.calls: +40% by 2027-12 }',
      'section',
      'section',
      'How steps change by a month.',
    ),
  ],
};

export const STEP_REFERENCE: SectionReference = {
  name: 'workloads.<name>.steps.<step>',
  keys: [
    k('model', 'catalog name', 'required', 'gpt-4o-mini', 'fixed', 'text', 'Model the step calls.'),
    k(
      'calls',
      'calls per task',
      '1',
      '{ poisson: 1 to 2.5 }',
      'trial',
      'value',
      'Average calls, or a count distribution that varies task by task.',
    ),
    k(
      'input_tokens',
      'tokens per call',
      '0',
      '1.8k to 3.2k',
      'trial or month',
      'value',
      'Input of the first call.',
    ),
    k(
      'output_tokens',
      'tokens per call',
      '0',
      '300 to 700',
      'trial or month',
      'value',
      'Output tokens per call.',
    ),
    k(
      'reasoning_tokens',
      'tokens per call',
      '0',
      '2k',
      'trial or month',
      'value',
      'Reasoning tokens per call.',
    ),
    k(
      'context_growth',
      'tokens per call',
      '0',
      '800 to 2k',
      'trial or month',
      'value',
      'Tokens each call adds to what later calls re-send.',
    ),
    k(
      'cached_share',
      'share of input',
      '0',
      '50% to 75%',
      'trial',
      'value',
      'Part of the input read from the prompt cache.',
    ),
    k(
      'cache_write_share',
      'share of input',
      '0',
      '10%',
      'trial',
      'value',
      'Part of the input written to the cache.',
    ),
    k(
      'batch_share',
      'share of calls',
      '0',
      '30%',
      'trial',
      'value',
      'Part of the calls sent through the batch API.',
    ),
    k(
      'when',
      'probability',
      '1',
      '8% to 20%',
      'trial',
      'value',
      'Chance that the step runs in a task.',
    ),
    k(
      'elasticity',
      'real',
      "the workload's",
      '0.5',
      'trial',
      'value',
      'Induced demand of this step.',
    ),
    k(
      'from',
      '`YYYY-MM`',
      '`start`',
      '2027-07',
      'fixed',
      'month',
      'First month in which the step runs.',
    ),
    k(
      'ramp',
      'months',
      '0',
      '3',
      'fixed',
      'integer',
      'Months over which the step reaches its full `when`.',
    ),
    k(
      'migrate',
      'section',
      'none',
      '{ to: gpt-4o-mini, from: 2027-04, ramp: 3 }',
      'section',
      'section',
      'Calls moving to a successor model during the horizon (keys below).',
    ),
  ],
};

export const MIGRATE_REFERENCE: SectionReference = {
  name: 'workloads.<name>.steps.<step>.migrate',
  keys: [
    k('to', 'catalog name', 'required', 'gpt-4o-mini', 'fixed', 'text', 'The successor model.'),
    k(
      'from',
      '`YYYY-MM`',
      'required',
      '2027-04',
      'fixed',
      'month',
      'First month with calls on the successor.',
    ),
    k(
      'ramp',
      'months',
      '0',
      '3',
      'fixed',
      'integer',
      'Months over which the share on the successor rises to `share` (0: at once).',
    ),
    k(
      'share',
      'share of calls',
      '100%',
      '80%',
      'fixed',
      'number',
      'Part of the calls that end up on the successor.',
    ),
  ],
};

export const DRIFT_REFERENCE: SectionReference = {
  name: 'workloads.<name>.drift.<step>.<field>',
  keys: [
    k(
      'change',
      'rate',
      'required',
      '+40% to +120%',
      'trial',
      'value',
      'Total change reached at `by`.',
    ),
    k(
      'by',
      '`YYYY-MM`',
      'last month',
      '2027-12',
      'fixed',
      'month',
      'Month by which the change is complete.',
    ),
    k(
      'shape',
      '`linear` or `compound`',
      'linear',
      'compound',
      'fixed',
      'text',
      'How the change ramps up.',
    ),
  ],
};

export const DISTRIBUTION_OPTION_REFERENCE: SectionReference = {
  name: 'a distribution map',
  keys: [
    k(
      'per',
      '`trial` or `month`',
      'trial',
      'month',
      'fixed',
      'text',
      'Draw once per trial, or again every month (`growth`, `tasks_per_month`, token counts).',
    ),
    k('min', "the key's unit", 'none', '0', 'fixed', 'number', 'Truncate the distribution below.'),
    k('max', "the key's unit", 'none', '1', 'fixed', 'number', 'Truncate the distribution above.'),
  ],
};

/**
 * Weights in percent are chances and must add to 100%; without a percent sign
 * they are relative. The validator holds to this (checkPercentWeights).
 */
const WEIGHTS_RULE =
  'in % the weights must add to 100% (to within a point of the sum as the message prints ' +
  'it, for rounding such as 33% three times; 3 x 33.7% = 101.1% is refused), else the file ' +
  'is refused; without % they are relative and read as shares of their sum';

export const DISCRETE_REFERENCE: SectionReference = {
  name: 'discrete',
  keys: [
    k(
      'values',
      "the key's unit",
      'required',
      '[1k, 2k, 8k]',
      'fixed',
      'list',
      'The values a draw can take.',
    ),
    k(
      'weights',
      'shares, or relative weights',
      'equal',
      '[60%, 30%, 10%]',
      'fixed',
      'list',
      `Chance of each value, in the order of \`values\`; ${WEIGHTS_RULE}: \`[1, 2, 1]\` ` +
        'is 25%, 50%, 25%; a list that mixes the two (`[80%, 20]`) is refused.',
    ),
  ],
};

export const MIXTURE_COMPONENT_REFERENCE: SectionReference = {
  name: 'mixture[]',
  keys: [
    k(
      'weight',
      'share, or relative weight',
      'required',
      '70%',
      'fixed',
      'number',
      'Chance that a draw comes from this component, whose family the same map names. ' +
        `Across the components, ${WEIGHTS_RULE}: weights 1 and 3 are 25% and 75%; ` +
        'components that mix the two (`80%` and `20`) are refused.',
    ),
  ],
};

export const OPTION_REFERENCE: SectionReference = {
  name: 'options.<name>',
  keys: [
    k('description', 'text', '""', 'Re-review on a smaller model', 'fixed', 'text', 'For reports.'),
    k(
      'set',
      'key paths and values',
      'required',
      '{ workloads.review.steps.check.model: claude-haiku-4-5 }',
      'fixed',
      'section',
      'Dotted key paths from the top of the file, each with the value it takes; not ' +
        '`scenario`, `start`, `months`, `trials`, `seed`, `currency`, `budget`, ' +
        '`per_token_volume`, `extends`, `include`, `options` or `planned_changes` ' +
        '(see `options`).',
    ),
  ],
};

export const PLANNED_CHANGE_REFERENCE: SectionReference = {
  name: 'planned_changes[]',
  keys: [
    k('workload', 'workload name', 'required', 'review', 'fixed', 'text', 'The workload.'),
    k(
      'option',
      'option name',
      'required',
      'cheaper-review',
      'fixed',
      'text',
      "An option that sets only keys of that workload's steps, drift or elasticity.",
    ),
    k('from', '`YYYY-MM`', 'required', '2027-07', 'fixed', 'month', 'First month of the rollout.'),
    k(
      'ramp',
      'months',
      '0',
      '3',
      'fixed',
      'integer',
      'Months over which the share run the new way rises to all (0: at once).',
    ),
  ],
};

/** Every section, in the order the docs show them. */
export const SCENARIO_REFERENCE: readonly SectionReference[] = [
  TOP_LEVEL_REFERENCE,
  CORRELATION_REFERENCE,
  OPTION_REFERENCE,
  PLANNED_CHANGE_REFERENCE,
  PRICES_REFERENCE,
  MODEL_PRICE_REFERENCE,
  CURVE_REFERENCE,
  EVENT_REFERENCE,
  WORKLOAD_REFERENCE,
  STEP_REFERENCE,
  MIGRATE_REFERENCE,
  DRIFT_REFERENCE,
  DISTRIBUTION_OPTION_REFERENCE,
  DISCRETE_REFERENCE,
  MIXTURE_COMPONENT_REFERENCE,
];
