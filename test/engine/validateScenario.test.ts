import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';

const HEADER = 'scenario: t\nstart: 2027-01\n';
const WORKLOAD = 'workloads:\n  w:\n    tasks_per_month: 10k\n    steps:\n';
const VALID_STEP = '      s: { model: gpt-4o, input_tokens: 1k }\n';

function issuesOf(yaml: string) {
  return validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).issues;
}

/** The first issue as `code line:column path`, for compact expectations. */
function firstIssue(yaml: string): string {
  const issue = issuesOf(yaml)[0];
  return issue === undefined ? 'none' : `${issue.code} ${issue.line}:${issue.column} ${issue.path}`;
}

describe('validateScenario', () => {
  it('accepts a minimal scenario with defaults', () => {
    const result = validateScenario(
      loadScenarioDocument(`${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 1k }\n`),
      BUILTIN_CATALOG,
    );
    expect(result.issues).toEqual([]);
    expect(result.scenario?.months).toBe(12);
    expect(result.scenario?.trials).toBe(10_000);
  });

  it.each([
    [
      'a misspelt top-level key',
      `${HEADER}trails: 5\n${WORKLOAD}${VALID_STEP}`,
      'unknown-key 3:1 trails',
    ],
    [
      'a month that does not exist',
      `scenario: t\nstart: 2027-13\n${WORKLOAD}${VALID_STEP}`,
      'bad-month 2:8 start',
    ],
    [
      'a share above 100%',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, cached_share: 120% }\n`,
      'out-of-range 7:41 workloads.w.steps.s.cached_share',
    ],
    [
      'an unknown model',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o-mni }\n`,
      'unknown-model 7:19 workloads.w.steps.s.model',
    ],
    [
      'a word where a number belongs',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, output_tokens: many }\n`,
      'not-a-number 7:42 workloads.w.steps.s.output_tokens',
    ],
    [
      'a normal on a share',
      `${HEADER}${WORKLOAD}      s:\n        model: gpt-4o\n` +
        '        when: { normal: { mean: 0.5, sd: 0.3 } }\n',
      'bad-distribution 9:17 workloads.w.steps.s.when',
    ],
    [
      'a range that reaches zero for tokens',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 0 to 4k }\n`,
      'bad-distribution 7:41 workloads.w.steps.s.input_tokens',
    ],
    [
      'a duplicate key',
      `${HEADER}months: 3\nmonths: 4\n${WORKLOAD}${VALID_STEP}`,
      'duplicate-key 4:1 months',
    ],
    [
      'drift of a step that does not exist',
      `${HEADER}${WORKLOAD}${VALID_STEP}    drift:\n      t.calls: +20%\n`,
      'unknown-step 9:7 workloads.w.drift.t.calls',
    ],
    [
      'an event outside the horizon',
      `${HEADER}prices:\n  curve:\n    events: [{ at: 2029-01, change: -50% }]\n` +
        `${WORKLOAD}${VALID_STEP}`,
      'bad-month 5:20 prices.curve.events.0.at',
    ],
    [
      'a workload named total',
      `${HEADER}workloads:\n  total:\n    tasks_per_month: 1\n    steps:\n${VALID_STEP}`,
      'out-of-range 4:3 workloads.total',
    ],
    [
      'a currency other than USD',
      `${HEADER}currency: EUR\n${WORKLOAD}${VALID_STEP}`,
      'not-supported 3:11 currency',
    ],
    [
      'a zero in seasonality',
      `${HEADER}${WORKLOAD}${VALID_STEP}    seasonality: [1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n`,
      'out-of-range 8:18 workloads.w.seasonality',
    ],
    [
      'a misspelt model in a price event',
      `${HEADER}prices:\n  curve:\n` +
        '    events: [{ at: 2027-03, change: -5%, models: [gpt-4o-mnii] }]\n' +
        `${WORKLOAD}${VALID_STEP}`,
      'unknown-model 5:51 prices.curve.events.0.models.0',
    ],
    [
      'a percentage where tokens belong',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, output_tokens: 20% }\n`,
      'not-a-number 7:42 workloads.w.steps.s.output_tokens',
    ],
    [
      'money where a share belongs',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 1k, when: $0.5 }\n`,
      'not-a-number 7:51 workloads.w.steps.s.when',
    ],
    [
      'cache shares whose P95s pass 100%',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 1k, cached_share: 60% to 90%,` +
        ' cache_write_share: 20% }\n',
      'out-of-range 7:90 workloads.w.steps.s.cache_write_share',
    ],
    [
      'calls with a family that counts nothing',
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 1k, calls: { binomial: 3 } }\n`,
      'bad-distribution 7:52 workloads.w.steps.s.calls',
    ],
    [
      'a name too long for a folder',
      `scenario: ${'a'.repeat(81)}\nstart: 2027-01\n${WORKLOAD}${VALID_STEP}`,
      'out-of-range 1:11 scenario',
    ],
  ])('reports %s with its code, line, column and key', (_name, yaml, expected) => {
    expect(firstIssue(yaml)).toBe(expected);
  });

  it('reports every problem of a file at once, sorted by line', () => {
    const issues = issuesOf(
      `scenario: t\nstart: 2027-01\ntrails: 4\n${WORKLOAD}` +
        '      s: { model: nope, output_tokens: x }\n',
    );
    const lines = issues.map((issue) => issue.line);
    expect(issues.length).toBeGreaterThanOrEqual(3);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('accepts a cached share written as a range beside a small write share', () => {
    const yaml =
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: 1k, ` +
      'cached_share: 10% to 20%, cache_write_share: 5% }\n';
    expect(issuesOf(yaml)).toEqual([]);
  });

  it('reports a bad start once, without errors about months that depend on it', () => {
    const yaml =
      'scenario: t\nstart: 2027-13\nprices:\n  curve:\n' +
      `    events: [{ at: 2027-07, change: -5% }]\n${WORKLOAD}${VALID_STEP}`;
    expect(issuesOf(yaml).map((issue) => issue.path)).toEqual(['start']);
  });

  it('says a tab indents a line, once per line, instead of the parser cascade', () => {
    const issues = issuesOf(`${HEADER}workloads:\n  w:\n\ttasks_per_month: 1\n`);
    expect(issues.map((issue) => `${issue.code} ${issue.line}:${issue.column}`)).toEqual([
      'yaml-syntax 5:1',
    ]);
    expect(issues[0]?.hint).toContain('spaces');
  });

  it('places an unclosed bracket at its opening, not where the parser gave up below', () => {
    // The yaml library reports each missing `]` or `}` at line 4, where it stopped; each
    // expected place is the column of that bracket in the text above, counted by hand.
    const issues = issuesOf(`${HEADER}seed: {a: 1, b: [2, 3\nmonths: 3\n`);
    expect(issues.map((issue) => `${issue.line}:${issue.column} ${issue.path}`)).toEqual([
      '3:7 seed',
      '3:17 seed.b',
    ]);
    expect(issues[0]?.message).toBe(
      'The `{` that opens the value of `seed` is never closed with a `}`; ' +
        'the parser read on to line 4 looking for it.',
    );
    expect(issues[1]?.hint).toContain('close every `[`');
  });

  it('says what a scenario name may hold when one cannot name a report folder', () => {
    for (const [written, named] of [
      ['"../evil"', '`../evil`'],
      ['"a b"', '`a b`'],
      ['""', 'An empty name'],
    ] as const) {
      const [issue] = issuesOf(`scenario: ${written}\nstart: 2027-01\n${WORKLOAD}${VALID_STEP}`);
      // Line 1, column 11: the value after `scenario: `.
      expect(`${issue?.line}:${issue?.column} ${issue?.path}`).toBe('1:11 scenario');
      expect(issue?.message).toBe(
        `${named} cannot name a report folder: a scenario name is ASCII letters (a-z, A-Z), ` +
          'digits, `-`, `_` and `.`, starting with a letter or digit.',
      );
    }
  });

  it('refuses the names of the folders compare and dashboard write to, in any case', () => {
    for (const [written, command, folder] of [
      ['compare', 'compare', '<out>/compare/'],
      ['Compare', 'compare', '<out>/compare/'],
      ['dashboard', 'dashboard', 'out/dashboard/ by default'],
    ] as const) {
      const [issue] = issuesOf(`scenario: ${written}\nstart: 2027-01\n${WORKLOAD}${VALID_STEP}`);
      // Line 1, column 11: the value after `scenario: `.
      expect(`${issue?.line}:${issue?.column} ${issue?.path}`).toBe('1:11 scenario');
      expect(issue?.message).toBe(
        `\`${written}\` cannot name a scenario: \`pertask ${command}\` writes its own report ` +
          `to ${folder}, where this scenario's report would land too.`,
      );
    }
    expect(issuesOf(`scenario: compare-2027\nstart: 2027-01\n${WORKLOAD}${VALID_STEP}`)).toEqual(
      [],
    );
  });

  it('names the line where a duplicated key first appears', () => {
    const [issue] = issuesOf(`${HEADER}months: 3\nseed: 1\nmonths: 4\n${WORKLOAD}${VALID_STEP}`);
    expect(issue?.message).toContain('first on line 3');
  });

  it('reads a param whose name looks like a number suffix, such as `e`, written alone', () => {
    const yaml =
      `${HEADER}params:\n  e: 500\n  f: e\n${WORKLOAD}` +
      '      s: { model: gpt-4o, input_tokens: e, output_tokens: f }\n';
    const result = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
    expect(result.issues).toEqual([]);
    expect(result.scenario?.workloads[0]?.steps[0]?.outputTokens).toEqual({
      kind: 'fixed',
      value: 500,
    });
  });

  it('suggests the nearest key for a typo', () => {
    const issues = issuesOf(`${HEADER}${WORKLOAD}      s: { model: gpt-4o, ouput_tokens: 5 }\n`);
    const typo = issues.find((issue) => issue.code === 'unknown-key');
    expect(typo?.hint).toBe('did you mean `output_tokens`?');
  });
});

/** Every issue as `code line:column path`, in the order validation reports them. */
function placesOf(yaml: string): string[] {
  return issuesOf(yaml).map((issue) => `${issue.code} ${issue.line}:${issue.column} ${issue.path}`);
}

describe('validateScenario reads past an earlier error', () => {
  // Lines and columns below are counted in the YAML text of each test.
  it('checks the drifts against the step names when a step failed', () => {
    const yaml =
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: lots }\n` +
      '    drift:\n      s.input_tokens: +10%\n      x.calls: +10%\n';
    expect(placesOf(yaml)).toEqual([
      'not-a-number 7:41 workloads.w.steps.s.input_tokens',
      'unknown-step 10:7 workloads.w.drift.x.calls',
    ]);
  });

  it('checks an expression over a param that read when another param failed', () => {
    const yaml =
      `${HEADER}params:\n  t: 300 to 900\n  d: 5 cm\n  e: d * 2\n${WORKLOAD}` +
      '      s: { model: gpt-4o, input_tokens: 1000 - 2 * t, output_tokens: e }\n';
    // 1000 - 2 * 900 is below 0 at the range's top; `e` reads the failed `d` and stays quiet.
    const places = placesOf(yaml);
    expect(places).toHaveLength(2);
    expect(places[0]).toBe('unknown-name 5:6 params.d');
    expect(places[1]).toMatch(/^out-of-range 11:\d+ workloads\.w\.steps\.s\.input_tokens$/);
  });

  it('reads the steps when a custom price failed, quiet about the steps that name it', () => {
    const yaml =
      `${HEADER}prices:\n  models:\n    mine: { input: 3 }\n${WORKLOAD}` +
      '      a: { model: mine, input_tokens: 1k }\n      b: { model: gpt-4o, input_tokens: x }\n';
    expect(placesOf(yaml)).toEqual([
      'missing-key 5:11 prices.models.mine.output',
      'missing-key 5:11 prices.models.mine.as_of',
      'not-a-number 11:41 workloads.w.steps.b.input_tokens',
    ]);
  });

  it("reads the steps when the workload's elasticity failed", () => {
    const yaml =
      `${HEADER}workloads:\n  w:\n    tasks_per_month: 10k\n    elasticity: much\n` +
      '    steps:\n      s: { model: gpt-4o-mimi, input_tokens: 1k }\n';
    expect(placesOf(yaml)).toEqual([
      'not-a-number 6:17 workloads.w.elasticity',
      'unknown-model 8:19 workloads.w.steps.s.model',
    ]);
  });

  it("reports an option's own mistake once the base has one, without the base's again", () => {
    const yaml =
      `${HEADER}${WORKLOAD}      s: { model: gpt-4o, input_tokens: lots }\n` +
      'options:\n  o:\n    set:\n      workloads.w.steps.s.output_tokens: -5\n';
    const issues = issuesOf(yaml);
    expect(issues.map((issue) => `${issue.code} ${issue.line} ${issue.path}`)).toEqual([
      'not-a-number 7 workloads.w.steps.s.input_tokens',
      'out-of-range 11 workloads.w.steps.s.output_tokens',
    ]);
    expect(issues[1]?.message).toMatch(/^With option `o`: /);
  });

  it('checks planned changes against the names written when the base has errors', () => {
    const yaml =
      `scenario: t\nstart: 2027-13\n${WORKLOAD}${VALID_STEP}` +
      'options:\n  o:\n    set:\n      workloads.w.steps.s.input_tokens: -5\n' +
      'planned_changes:\n  - { workload: w, option: o, from: 2027-07 }\n' +
      '  - { workload: x, option: p, from: 2027-07 }\n';
    // The change naming `o` is not called unknown although `o` itself fails.
    expect(placesOf(yaml)).toEqual([
      'bad-month 2:8 start',
      'out-of-range 11:41 workloads.w.steps.s.input_tokens',
      'unknown-key 14:17 planned_changes.1.workload',
      'unknown-key 14:28 planned_changes.1.option',
    ]);
  });

  it('names an item of every kind of list by its index after a dot, like any other key', () => {
    const yaml =
      `${HEADER}params:\n  a: 1 to 2\n` +
      'prices:\n  curve:\n    events:\n      - { at: 2027-13, change: -10% }\n' +
      `${WORKLOAD}      s:\n        model: gpt-4o\n` +
      '        input_tokens: { empirical: [100, lots] }\n' +
      '        output_tokens: { mixture: [{ weight: 50%, lognormal: { mean: -1, sd: 1 } }, ' +
      '{ weight: 50%, fixed: 1 }] }\n' +
      'options:\n  o:\n    set:\n      workloads.w.steps.s.model: gpt-4o-mini\n' +
      'correlations:\n  - between: [a, zz]\n    rank: 0.5\n' +
      'planned_changes:\n  - { workload: w, option: nope, from: 2027-07 }\n';
    const paths = issuesOf(yaml).map((issue) => issue.path);
    expect(paths).toEqual([
      'prices.curve.events.0.at',
      'workloads.w.steps.s.input_tokens.empirical.1',
      'workloads.w.steps.s.output_tokens.mixture.0.lognormal',
      'correlations.0.between.1',
      'planned_changes.0.option',
    ]);
  });

  it('does not call a correlated key unknown when its value failed', () => {
    const yaml =
      `${HEADER}params:\n  t: { lognormal: { mean: -3, sd: 1 } }\n  u: 100 to 200\n` +
      `${WORKLOAD}${VALID_STEP}correlations:\n  - between: [t, u]\n    rank: 0.5\n`;
    expect(placesOf(yaml).map((place) => place.split(' ')[0])).toEqual(['bad-distribution']);
  });

  it('judges the values an option sets when another key it sets does not exist', () => {
    const yaml =
      `${HEADER}${WORKLOAD}${VALID_STEP}options:\n  o:\n    set:\n` +
      '      workloads.v.steps.s.model: gpt-4o-mini\n' +
      '      workloads.w.steps.s.cached_share: 150%\n';
    expect(placesOf(yaml)).toEqual([
      'unknown-key 11:7 workloads.v.steps.s.model',
      'out-of-range 12:41 workloads.w.steps.s.cached_share',
    ]);
  });
});

describe('names with letters outside ASCII', () => {
  it('says ASCII letters in the hint for a workload, step, option and param named café', () => {
    const yaml =
      `${HEADER}params:\n  café: 1\nworkloads:\n  café-bot:\n    tasks_per_month: 10k\n` +
      '    steps:\n      café: { model: gpt-4o, input_tokens: 1k }\n' +
      'options:\n  café:\n    set: { workloads.w.tasks_per_month: 1 }\n';
    const hints = issuesOf(yaml)
      .filter((issue) => /cannot name a/.test(issue.message))
      .map((issue) => `${issue.path}: ${issue.hint}`);
    // é is a letter to a reader; the names are ASCII (PARAM_NAME, WORKLOAD_NAME and the like).
    expect(hints).toHaveLength(4);
    for (const hint of hints) expect(hint).toContain('ASCII letters (a-z, A-Z)');
  });
});

describe('wording of numbers that cannot be', () => {
  const step = (fields: string) =>
    `${HEADER}params:\n  a: 2\n${WORKLOAD}      s: { model: gpt-4o, ${fields} }\n`;

  it('blames a logarithm or square root of a negative, not a division, for NaN', () => {
    for (const text of ['log(-a)', 'sqrt(-a)']) {
      const [issue] = issuesOf(step(`input_tokens: ${text}`));
      // mathjs: log(-2) and sqrt(-2) of a real are NaN (complex), not infinite.
      expect(issue?.message).toContain('a logarithm or square root of a negative number');
      expect(issue?.hint).toContain('take a logarithm or square root only of what cannot be');
      expect(issue?.hint).not.toMatch(/^divide/);
    }
  });

  it('says a literal beyond the largest double is too large, and .inf is infinite', () => {
    // Number.MAX_VALUE is 1.7976931348623157e308 (IEEE 754 double); 1e400 exceeds it.
    const [large] = issuesOf(step('input_tokens: 1k, output_tokens: 1e400'));
    expect(large?.message).toBe(
      '`1e400` is too large for a double-precision number (the largest is about 1.8e308).',
    );
    const [infinite] = issuesOf(step('input_tokens: 1k, output_tokens: .inf'));
    expect(infinite?.message).toBe('`.inf` is infinite; this key takes a finite number.');
  });

  it('lists extends and include among the valid top-level keys', () => {
    const [issue] = issuesOf(`${HEADER}${WORKLOAD}${VALID_STEP}zzz: 1\n`);
    expect(issue?.hint).toContain('`extends`, `include`');
  });
});
