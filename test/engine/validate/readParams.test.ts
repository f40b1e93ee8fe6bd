import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';
import { forecastForTest, TEST_PRICES } from '../scenarioText.js';

function scenario(params: string, inputTokens: string, extra = ''): string {
  return (
    `scenario: t\nstart: 2027-01\nmonths: 1\ntrials: 400\n${TEST_PRICES}params:\n${params}` +
    `workloads:\n  w:\n    tasks_per_month: 1000\n    steps:\n      s:\n` +
    `        model: test-model\n        input_tokens: ${inputTokens}\n${extra}`
  );
}

function issuesOf(yaml: string) {
  return validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).issues;
}

describe('params and expressions', () => {
  it('prices an input written as an expression over fixed params, to the cent', () => {
    const yaml = scenario('  system_prompt: 1.2k\n  ticket: 400\n', 'system_prompt + 1.5 * ticket');
    const summary = forecastForTest(yaml);
    // 1,000 tasks x 1,800 input tokens x $2 per million = $3.60.
    expect(summary.total.annual.perTask.mean).toBeCloseTo(3.6, 10);
  });

  it('evaluates params in dependency order, whatever order the file lists them', () => {
    const yaml = scenario(
      '  total: prompt + ticket\n  prompt: 2 * ticket\n  ticket: 500\n',
      'total',
    );
    // 1,000 x 1,500 tokens x $2 / 1M = $3.00.
    expect(forecastForTest(yaml).total.annual.perTask.mean).toBeCloseTo(3, 10);
  });

  it('draws an uncertain param per trial and evaluates the expression on its draws', () => {
    const yaml = scenario('  ticket: { uniform: { min: 0, max: 1000 } }\n', '1k + 2 * ticket');
    const annual = forecastForTest(yaml, 4000).total.annual.perTask;
    // E[input] = 1,000 + 2 x 500 = 2,000 tokens: $4.00; sd = 2 x 1000 / sqrt(12) tokens = $1.155.
    const standardError = (((2 * 1000) / Math.sqrt(12)) * 2e-3) / Math.sqrt(4000);
    expect(Math.abs(annual.mean - 4) / standardError).toBeLessThan(4);
    expect(annual.p5).toBeGreaterThan(2 - 1e-9);
    expect(annual.p95).toBeLessThan(6 + 1e-9);
  });

  it('reports a cycle with its path', () => {
    const issue = issuesOf(scenario('  a: b + 1\n  b: c * 2\n  c: a - 3\n', 'a'))[0];
    expect(issue?.code).toBe('cycle');
    expect(issue?.message).toBe('The params depend on each other in a cycle: a -> b -> c -> a.');
    // Line 11: the test prices take lines 5 to 9, `params:` line 10, `a` line 11.
    expect(issue?.line).toBe(11);
  });

  it('names an unknown name and suggests the nearest param', () => {
    const issue = issuesOf(scenario('  ticket: 400\n', '2 * tickte'))[0];
    expect(issue?.code).toBe('unknown-name');
    expect(issue?.message).toBe('Unknown name `tickte` in an expression.');
    expect(issue?.hint).toBe('did you mean `ticket`?');
  });

  it('refuses an expression that can leave the range of its key', () => {
    const issue = issuesOf(scenario('  a: 100 to 500\n  b: 300\n', 'a - b'))[0];
    expect(issue?.code).toBe('out-of-range');
    expect(issue?.path).toBe('workloads.w.steps.s.input_tokens');
    const fixed = issuesOf(scenario('  a: 100\n  b: 300\n', 'a - b'))[0];
    // 100 - 300 = -200, worked by hand.
    expect(fixed?.message).toBe(
      '`a - b` gives -200; input_tokens holds a finite number of 0 or more.',
    );
  });

  it('calls a division by zero an infinite value, not a value that is not a number', () => {
    const issue = issuesOf(scenario('  ticket: 400\n', '60 / 0'))[0];
    expect(issue?.code).toBe('out-of-range');
    // 60 / 0 is +Infinity in IEEE 754 arithmetic, not NaN.
    expect(issue?.message).toBe(
      '`60 / 0` gives an infinite value (a division by zero?); ' +
        'input_tokens holds a finite number of 0 or more.',
    );
  });

  it('keeps a share expression inside 0..1 and reads its percentages', () => {
    const yaml = scenario('  hit_rate: 40%\n', '1k', '        cached_share: hit_rate + 10%\n');
    const { scenario: valid } = validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG);
    const cached = valid?.workloads[0]?.steps[0]?.cachedShare;
    // `x + 10%` is x raised by a tenth, as on a calculator: 40% + 10% of 40% = 44%.
    expect(cached?.kind).toBe('fixed');
    expect(cached?.kind === 'fixed' && cached.value).toBeCloseTo(0.44, 15);
  });
});

describe('a param written in percents', () => {
  function paramOf(text: string) {
    // 1 + x keeps the tokens at or above 0 for a rate as for a share.
    const yaml = scenario(`  x: ${text}\n`, '1k * (1 + x)');
    const { scenario: valid, issues } = validateScenario(
      loadScenarioDocument(yaml),
      BUILTIN_CATALOG,
    );
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    return valid!.params!.get('x')!;
  }

  it('reads a range inside 0..100% as a share whose P5 and P95 are the ends', () => {
    const x = paramOf('40% to 60%');
    expect(x.kind === 'uncertain' && x.dist.family).toBe('logit-normal');
    // The README's rule: a range gives P5 and P95; 40% is 0.4, as `15%` is 0.15. To 8
    // places: the normal quantile is Acklam's approximation, relative error below 1.2e-9.
    expect(x.kind === 'uncertain' && x.dist.quantile(0.05)).toBeCloseTo(0.4, 8);
    expect(x.kind === 'uncertain' && x.dist.quantile(0.95)).toBeCloseTo(0.6, 8);
  });

  it('reads a range of falls as a rate, the ends in either order', () => {
    const x = paramOf('-40% to -85%');
    expect(x.kind === 'uncertain' && x.dist.family).toBe('rate');
    expect(x.kind === 'uncertain' && x.dist.quantile(0.05)).toBeCloseTo(-0.85, 8);
    expect(x.kind === 'uncertain' && x.dist.quantile(0.95)).toBeCloseTo(-0.4, 8);
  });

  it('reads a range reaching 0% as a rate, since a share range lies strictly inside', () => {
    const x = paramOf('0% to 50%');
    expect(x.kind === 'uncertain' && x.dist.family).toBe('rate');
    expect(x.kind === 'uncertain' && x.dist.quantile(0.95)).toBeCloseTo(0.5, 8);
  });

  it('reads a single percentage as its number, and prices an expression over it', () => {
    expect(paramOf('40%')).toEqual({ kind: 'fixed', value: 0.4 });
    // 1,000 tasks x (1k x 40%) = 400 input tokens x $2 per million = $0.80.
    const summary = forecastForTest(scenario('  x: 40%\n', '1k * x'));
    expect(summary.total.annual.perTask.mean).toBeCloseTo(0.8, 10);
  });
});

describe('expressions over the keys of their own step', () => {
  function stepScenario(keys: string, params = ''): string {
    return (
      `scenario: t\nstart: 2027-01\nmonths: 1\ntrials: 4000\n${TEST_PRICES}` +
      (params === '' ? '' : `params:\n${params}`) +
      `workloads:\n  w:\n    tasks_per_month: 1000\n    steps:\n      s:\n` +
      `        model: test-model\n${keys}`
    );
  }

  it('reads a sibling key, whatever order the step lists its keys, to the cent', () => {
    const yaml = stepScenario(
      '        calls: 2\n        context_growth: output_tokens\n' +
        '        output_tokens: input_tokens * 20%\n        input_tokens: 1k\n',
    );
    // Output 200 a call, growth 200 a call. Input per task: 2 x 1,000 + 200 x 2 x 1 / 2 =
    // 2,200 tokens ($4.40 per thousand tasks at $2/M); output 2 x 200 = 400 ($3.20 at $8/M).
    expect(forecastForTest(yaml).total.annual.perTask.mean).toBeCloseTo(7.6, 10);
  });

  it('gives both keys the same draw in a trial, not two independent ones', () => {
    const yaml = stepScenario(
      '        input_tokens: { uniform: { min: 0, max: 1000 } }\n' +
        '        output_tokens: input_tokens / 2\n',
    );
    const annual = forecastForTest(yaml, 4000).total.annual.perTask;
    // Per trial: 1,000 tasks x (X x $2 + X / 2 x $8) / 1M = 0.006 X with X ~ U(0, 1000), so spend
    // is U(0, 6): sd 6 / sqrt(12) = 1.732. Independent draws would give
    // sqrt(2^2 + 4^2) / sqrt(12) = 1.291.
    expect(annual.sd).toBeCloseTo(6 / Math.sqrt(12), 1);
    // U(0, 6)'s P5 is 0.3; the sample P5's standard error at 4,000 trials is about 0.02.
    expect(Math.abs(annual.p5 - 0.3)).toBeLessThan(0.1);
  });

  it('reports keys of a step that read each other with the cycle', () => {
    const issues = issuesOf(
      stepScenario(
        '        output_tokens: input_tokens * 10%\n        input_tokens: output_tokens * 3\n',
      ),
    );
    expect(issues[0]?.code).toBe('cycle');
    expect(issues[0]?.message).toBe(
      'The keys of this step depend on each other in a cycle: ' +
        'output_tokens -> input_tokens -> output_tokens.',
    );
  });

  it('suggests a sibling key for a misspelt name', () => {
    const issue = issuesOf(
      stepScenario('        input_tokens: 1k\n        output_tokens: inptu_tokens * 10%\n'),
    )[0];
    expect(issue?.code).toBe('unknown-name');
    expect(issue?.hint).toBe('did you mean `input_tokens`?');
  });

  it('refuses an expression over a key drawn every month', () => {
    const issue = issuesOf(
      stepScenario(
        '        input_tokens: { lognormal: { mean: 2k, sd: 500 }, per: month }\n' +
          '        output_tokens: input_tokens * 10%\n',
      ),
    )[0];
    expect(issue?.code).toBe('not-supported');
    expect(issue?.path).toBe('workloads.w.steps.s.output_tokens');
  });

  it('reads a key the step does not write at its default', () => {
    // `when` unwritten is 1: output 1,000 x 1 x 10% = 100 tokens, as in the test below.
    const yaml = stepScenario(
      '        input_tokens: 1k\n        output_tokens: input_tokens * when * 10%\n',
    );
    expect(forecastForTest(yaml).total.annual.perTask.mean).toBeCloseTo(2.8, 10);
  });

  it('never suggests the key itself for a misspelt name', () => {
    const issue = issuesOf(stepScenario('        output_tokens: outptu_tokens * 10%\n'))[0];
    expect(issue?.code).toBe('unknown-name');
    expect(issue?.hint).not.toContain('`output_tokens`');
  });

  it('lets the step key hide a param of the same name', () => {
    const yaml = stepScenario(
      '        input_tokens: 1k\n        output_tokens: input_tokens * 10%\n',
      '  input_tokens: 5k\n',
    );
    // Output 100 tokens (10% of the step's 1,000, not the param's 5,000):
    // 1,000 x (1,000 x $2 + 100 x $8) / 1M = $2.80.
    expect(forecastForTest(yaml).total.annual.perTask.mean).toBeCloseTo(2.8, 10);
  });
});
