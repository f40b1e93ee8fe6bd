import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';

function scenario(workload: string, prices = ''): string {
  return (
    `scenario: t\nstart: 2027-01\n${prices}workloads:\n  w:\n${workload}` +
    '    steps:\n      s: { model: gpt-4o, input_tokens: 1k, output_tokens: 100 }\n'
  );
}

function warningsOf(yaml: string) {
  const { scenario: valid, issues } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
  expect(valid, 'a warning must not stop the run').toBeDefined();
  return issues.filter((issue) => issue.severity === 'warning');
}

describe('plausibility warnings', () => {
  it('warns when a lognormal P95 is more than 1000 times its P5, on that line', () => {
    const [warning] = warningsOf(scenario('    tasks_per_month: 100 to 500k\n'));
    expect(warning?.code).toBe('implausible');
    expect(warning?.line).toBe(5);
    expect(warning?.message).toMatch(/5,000 times its P5/);
  });

  it('warns when a mean is more than 100 times the median', () => {
    // lognormal sigma 3.5: mean / median = exp(sigma^2 / 2) = exp(6.125) = 457.
    const yaml = scenario('    tasks_per_month: { lognormal: { mu: 9, sigma: 3.5 } }\n');
    const messages = warningsOf(yaml).map((warning) => warning.message);
    expect(messages.some((message) => /457 times the median/.test(message))).toBe(true);
  });

  it('warns about growth above 20% a month and says what it compounds to', () => {
    const [warning] = warningsOf(scenario('    tasks_per_month: 10k\n    growth: 25%\n'));
    // 1.25^12 = 14.55
    expect(warning?.message).toBe('Growth of 25% a month multiplies tasks by 14.6 in a year.');
  });

  it('warns about a price per million that looks like a price per thousand', () => {
    const prices = 'prices:\n  models:\n    gpt-4o: { input: $0.0025 }\n';
    const [warning] = warningsOf(scenario('    tasks_per_month: 10k\n', prices));
    expect(warning?.path).toBe('prices.models.gpt-4o.input');
    expect(warning?.hint).toMatch(/per thousand/);
  });

  it('flags each price of an override that is far off the same model in the catalog', () => {
    // gpt-4o lists $2.50 input and $10 output a million: 2.5 / 0.0025 = 10 / 0.01 = 1,000.
    const prices = 'prices:\n  models:\n    gpt-4o: { input: 0.0025, output: 0.01 }\n';
    const warnings = warningsOf(scenario('    tasks_per_month: 10k\n', prices));
    expect(warnings.map((warning) => [warning.path, warning.message])).toEqual([
      [
        'prices.models.gpt-4o.input',
        "$0.0025 per million tokens is 1,000 times below gpt-4o's catalog input price ($2.5).",
      ],
      [
        'prices.models.gpt-4o.output',
        "$0.01 per million tokens is 1,000 times below gpt-4o's catalog output price ($10).",
      ],
    ]);
  });

  it('flags the output price of a new model against the catalog output prices', () => {
    const prices =
      'prices:\n  models:\n    mine: { input: 0.0025, output: 0.01, as_of: 2026-01-01 }\n';
    const warnings = warningsOf(scenario('    tasks_per_month: 10k\n', prices));
    expect(warnings.map((warning) => warning.path)).toEqual([
      'prices.models.mine.input',
      'prices.models.mine.output',
    ]);
  });

  it('stays quiet about a negotiated discount of half the catalog price', () => {
    const prices = 'prices:\n  models:\n    gpt-4o: { input: 1.25, output: 5 }\n';
    expect(warningsOf(scenario('    tasks_per_month: 10k\n', prices))).toEqual([]);
  });

  it('warns when the input of a call passes the model context window', () => {
    const yaml = scenario('    tasks_per_month: 10k\n').replace(
      'input_tokens: 1k',
      'input_tokens: 300k',
    );
    const [warning] = warningsOf(yaml);
    expect(warning?.message).toMatch(/above gpt-4o's context window of 128,000/);
  });

  it('stays quiet for the bundled kind of values', () => {
    expect(warningsOf(scenario('    tasks_per_month: 10k to 20k\n    growth: 1% to 3%\n'))).toEqual(
      [],
    );
  });
});
