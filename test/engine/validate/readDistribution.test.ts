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
