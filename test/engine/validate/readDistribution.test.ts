import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';
import { forecastForTest, TEST_PRICES } from '../scenarioText.js';

const HEAD = `scenario: t\nstart: 2027-01\ntrials: 2000\n${TEST_PRICES}`;

function stepWith(field: string, value: string): string {
  return (
    `${HEAD}workloads:\n  w:\n    tasks_per_month: 10k\n    steps:\n` +
    `      s:\n        model: test-model\n        input_tokens: 1k\n        ${field}: ${value}\n`
  );
}

function issuesOf(yaml: string) {
  return validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).issues;
}

describe('distribution maps in a scenario', () => {
  it.each([
    ['output_tokens', '{ pert: { min: 100, mode: 300, max: 900 } }'],
    ['output_tokens', '{ gamma: { mean: 400, sd: 150 } }'],
    ['output_tokens', '{ gamma: { shape: 2, scale: 200 } }'],
    ['output_tokens', '{ lognormal: { p10: 200, p90: 800 } }'],
    ['output_tokens', '{ normal: { mean: 400, sd: 300 }, min: 0 }'],
    ['output_tokens', '{ poisson: 400 }'],
    ['output_tokens', '{ discrete: { values: [200, 400, 800], weights: [50%, 30%, 20%] } }'],
    ['output_tokens', '{ empirical: [120, 340, 560, 410, 220] }'],
    [
      'output_tokens',
      '{ mixture: [{ weight: 80%, lognormal: { p5: 200, p95: 600 } }, ' +
        '{ weight: 20%, uniform: { min: 2k, max: 4k } }] }',
    ],
    ['when', '{ beta: { mean: 20%, sd: 5% } }'],
    ['when', '{ beta: { alpha: 2, beta: 8 } }'],
    ['when', '{ bernoulli: 30% }'],
    ['cached_share', '{ normal: { mean: 50%, sd: 20% }, min: 0, max: 1 }'],
  ])('accepts %s: %s and forecasts finite, non-negative spend', (field, value) => {
    const summary = forecastForTest(stepWith(field, value));
    const annual = summary.total.annual.perTask;
    const figures = [annual.p5, annual.p50, annual.p95];
    expect(annual.mean).toBeGreaterThan(0);
    expect(figures.every((figure) => Number.isFinite(figure) && figure >= 0)).toBe(true);
  });

  it.each([
    ['when', '{ normal: { mean: 50%, sd: 20% } }', /can leave 0% to 100%/, /beta/],
    ['output_tokens', '{ normal: { mean: 400, sd: 100 } }', /can go negative/, /gamma/],
    ['when', '{ gamma: { mean: 0.5, sd: 0.1 } }', /can leave 0% to 100%/, /truncate/],
  ])('refuses %s: %s and names a family that fits', (field, value, message, hint) => {
    const issue = issuesOf(stepWith(field, value))[0];
    expect(issue?.code).toBe('bad-distribution');
    expect(issue?.message).toMatch(message);
    expect(issue?.hint).toMatch(hint);
  });

  it('reports parameters that do not fit the family, with the sets it takes', () => {
    const issue = issuesOf(stepWith('output_tokens', '{ gamma: { mean: 400, scale: 2 } }'))[0];
    expect(issue?.message).toBe('`gamma` takes the parameters { shape, scale } or { mean, sd }.');
  });

  it('reports a percentile pair in the wrong order', () => {
    const issue = issuesOf(stepWith('output_tokens', '{ lognormal: { p10: 800, p90: 200 } }'))[0];
    expect(issue?.message).toBe('P90 must be above P10.');
  });
});

describe('weights of a discrete distribution and of a mixture', () => {
  const mixtureOf = (first: string, second: string) =>
    `{ mixture: [{ weight: ${first}, fixed: 200 }, { weight: ${second}, fixed: 400 }] }`;

  it('refuses percents that add to 110%, at the weights, naming the sum and the shares', () => {
    const yaml = stepWith(
      'output_tokens',
      '{ discrete: { values: [1k, 2k], weights: [50%, 60%] } }',
    );
    const issues = issuesOf(yaml);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.severity).toBe('error');
    expect(issue?.code).toBe('bad-distribution');
    expect(issue?.path).toBe('workloads.w.steps.s.output_tokens.discrete.weights');
    // The line of the step's last key in stepWith; the column of the `[` of the weights.
    const line = yaml.split('\n').findIndex((text) => text.includes('weights:')) + 1;
    expect([issue?.line, issue?.column]).toEqual([
      line,
      yaml.split('\n')[line - 1]!.indexOf('[50%') + 1,
    ]);
    expect(issue?.message).toBe(
      'The weights add to 110% (50% + 60%); weights written in % are chances and must add to 100%.',
    );
    // 50 / 110 = 45.45% and 60 / 110 = 54.55%, to three figures.
    expect(issue?.hint).toContain('(50 and 60) to mean shares of their sum: 45.5% and 54.5%');
  });

  it('refuses mixture weights of 80% and 30%, at the mixture', () => {
    const [issue] = issuesOf(stepWith('output_tokens', mixtureOf('80%', '30%')));
    expect(issue?.path).toBe('workloads.w.steps.s.output_tokens.mixture');
    expect(issue?.message).toMatch(/^The weights add to 110% \(80% \+ 30%\)/);
  });

  it('refuses percents that add to less than 100% as well', () => {
    const [issue] = issuesOf(
      stepWith('output_tokens', '{ discrete: { values: [1k, 2k], weights: [40%, 40%] } }'),
    );
    expect(issue?.message).toMatch(/^The weights add to 80% \(40% \+ 40%\)/);
  });

  it.each([
    ['mixture weights', mixtureOf('80%', '20'), '(80%, 20)'],
    [
      'discrete weights',
      '{ discrete: { values: [1, 2, 3], weights: [60%, 3, 1] } }',
      '(60%, 3, 1)',
    ],
  ])('refuses %s that mix percents and plain numbers, saying so', (_case, value, terms) => {
    const issues = issuesOf(stepWith('output_tokens', value));
    expect(issues.map((issue) => issue.message)).toEqual([
      `The weights mix % and plain numbers ${terms}: in % they are chances that add to 100%, ` +
        'without % they are shares of their sum, and one list cannot be both.',
    ]);
  });

  it('refuses [33.7%, 33.7%, 33.7%], printing its sum 101.1%, one point past rounding', () => {
    // 3 x 33.7 = 101.1, by hand: more than the one point of rounding from 100.
    const [issue] = issuesOf(
      stepWith(
        'output_tokens',
        '{ discrete: { values: [1, 2, 3], weights: [33.7%, 33.7%, 33.7%] } }',
      ),
    );
    expect(issue?.message).toMatch(/^The weights add to 101\.1% \(33\.7% \+ 33\.7% \+ 33\.7%\)/);
  });

  it.each([
    ['percents that add to 100%', '{ discrete: { values: [1, 2, 3], weights: [60%, 30%, 10%] } }'],
    [
      'percents that add to 101%, within the point of rounding',
      '{ discrete: { values: [1, 2, 3], weights: [33%, 33%, 35%] } }',
    ],
    [
      'percents rounded to within a point of 100%',
      '{ discrete: { values: [1, 2, 3], weights: [33%, 33%, 33%] } }',
    ],
    ['relative weights without %', '{ discrete: { values: [1, 2, 3], weights: [1, 2, 1] } }'],
    ['no weights at all', '{ discrete: { values: [1, 2, 3] } }'],
    ['relative mixture weights', mixtureOf('1', '2')],
    ['mixture percents adding to 100%', mixtureOf('70%', '30%')],
  ])('accepts %s without a word', (_case, value) => {
    expect(issuesOf(stepWith('output_tokens', value))).toEqual([]);
  });

  it('reads relative weights [1, 3] as the shares 25% and 75%, 1/4 and 3/4 of their sum', () => {
    const relative = '{ discrete: { values: [200, 600], weights: [1, 3] } }';
    const percent = '{ discrete: { values: [200, 600], weights: [25%, 75%] } }';
    const first = forecastForTest(stepWith('output_tokens', relative), 400);
    const second = forecastForTest(stepWith('output_tokens', percent), 400);
    expect(first.total.annual.perTask).toEqual(second.total.annual.perTask);
  });
});
