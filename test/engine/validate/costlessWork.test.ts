import { describe, expect, it } from 'vitest';
import { loadScenarioDocument } from '../../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../../engine/priceCatalog.js';
import { validateScenario } from '../../../engine/validate/validateScenario.js';

/** A scenario whose workload `a` spends from the first month, beside workload `b` as given. */
function withWorkloadB(b: string, prices = ''): string {
  return (
    `scenario: t\nstart: 2027-01\n${prices}workloads:\n` +
    '  a:\n    tasks_per_month: 10k\n    steps:\n' +
    '      s: { model: gpt-4o-mini, input_tokens: 1k, output_tokens: 100 }\n' +
    `  b:\n${b}`
  );
}

function issuesOf(yaml: string) {
  return validateScenario(loadScenarioDocument(yaml), BUILTIN_CATALOG).issues;
}

/** Each warning as `line:column path`, the place a user reads first. */
function placesOf(yaml: string): string[] {
  return issuesOf(yaml)
    .filter((issue) => issue.severity === 'warning')
    .map((issue) => `${issue.line}:${issue.column} ${issue.path}`);
}

describe('warnings for work that can never cost anything', () => {
  it('warns at a step with a model and no tokens, and at its workload', () => {
    // The reviewer's case: `draft: { model: gpt-4o }` runs but sends and gets nothing.
    const yaml = withWorkloadB(
      '    tasks_per_month: 10k\n    steps:\n      draft: { model: gpt-4o }\n',
    );
    // Line 8 is `  b:` (column 3), line 11 is `      draft: ...` (column 7), counted in the text.
    expect(placesOf(yaml)).toEqual(['8:3 workloads.b', '11:7 workloads.b.steps.draft']);
    const messages = issuesOf(yaml).map((issue) => issue.message);
    expect(messages).toContain(
      'Step `draft` never costs anything: it has no input, output or reasoning tokens.',
    );
    expect(messages).toContain(
      'Workload `b` costs $0 in every month: none of its steps ever costs anything ' +
        '(see the warning at each step).',
    );
  });

  it('says a step with `when: 0` never runs', () => {
    const step = '      s: { model: gpt-4o, input_tokens: 1k, when: 0 }\n';
    const issues = issuesOf(withWorkloadB(`    tasks_per_month: 10k\n    steps:\n${step}`));
    const stepIssue = issues.find((issue) => issue.path === 'workloads.b.steps.s');
    const message = 'Step `s` never costs anything: `when` is 0, so it never runs.';
    expect(stepIssue?.message).toBe(message);
    expect(stepIssue?.hint).toBe('raise `when` above 0, or remove the step');
  });

  it('says a step with no calls makes none, and a model priced at $0 charges nothing', () => {
    const prices = 'prices:\n  models:\n    free: { input: 0, output: 0, as_of: 2026-01-01 }\n';
    const steps =
      '      none: { model: gpt-4o, input_tokens: 1k, calls: 0 }\n' +
      '      gratis: { model: free, input_tokens: 1k, output_tokens: 50 }\n';
    const yaml = withWorkloadB(`    tasks_per_month: 10k\n    steps:\n${steps}`, prices);
    const messages = issuesOf(yaml).map((issue) => issue.message);
    expect(messages).toContain(
      'Step `none` never costs anything: `calls` is 0, so it makes no call.',
    );
    expect(messages).toContain(
      'Step `gratis` never costs anything: `free` charges $0 for every kind of token it has.',
    );
  });

  it('warns at the workload alone when it runs no task', () => {
    const step = '      s: { model: gpt-4o, input_tokens: 1k }\n';
    const yaml = withWorkloadB(`    tasks_per_month: 0\n    steps:\n${step}`);
    expect(placesOf(yaml)).toEqual(['8:3 workloads.b']);
    expect(issuesOf(yaml)[0]?.message).toBe(
      'Workload `b` costs $0 in every month: `tasks_per_month` is 0, so it runs no task.',
    );
  });

  it('stays quiet for a step that may cost in some trials or after a migration', () => {
    const prices = 'prices:\n  models:\n    free: { input: 0, output: 0, as_of: 2026-01-01 }\n';
    const steps =
      '      maybe: { model: gpt-4o, input_tokens: 1k, when: { bernoulli: 30% } }\n' +
      '      later:\n        model: free\n        input_tokens: 1k\n' +
      '        migrate: { to: gpt-4o, from: 2027-06 }\n';
    const yaml = withWorkloadB(`    tasks_per_month: 10k\n    steps:\n${steps}`, prices);
    expect(placesOf(yaml)).toEqual([]);
  });

  it('warns for one such step without calling its working workload $0', () => {
    const steps =
      '      works: { model: gpt-4o, input_tokens: 1k }\n      idle: { model: gpt-4o }\n';
    const yaml = withWorkloadB(`    tasks_per_month: 10k\n    steps:\n${steps}`);
    expect(placesOf(yaml)).toEqual(['12:7 workloads.b.steps.idle']);
  });
});

describe('the first month must cost something', () => {
  it('refuses a scenario whose only model is priced at $0, which made every index 0 / 0', () => {
    const yaml =
      'scenario: t\nstart: 2027-01\nprices:\n  models:\n' +
      '    free: { input: 0, output: 0, as_of: 2026-01-01 }\n' +
      'workloads:\n  a:\n    tasks_per_month: 10k\n    steps:\n' +
      '      s: { model: free, input_tokens: 1k, output_tokens: 100 }\n';
    const errors = issuesOf(yaml).filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => `${issue.line}:${issue.column} ${issue.path}`)).toEqual([
      '6:1 workloads',
    ]);
    expect(errors[0]?.message).toMatch(/^Nothing is spent in the first month/);
  });

  it('counts a priced successor model only when its migration starts in the first month', () => {
    const firstMonthErrors = (from: string) =>
      issuesOf(
        'scenario: t\nstart: 2027-01\nprices:\n  models:\n' +
          '    free: { input: 0, output: 0, as_of: 2026-01-01 }\n' +
          'workloads:\n  a:\n    tasks_per_month: 10k\n    steps:\n' +
          '      s:\n        model: free\n        input_tokens: 1k\n' +
          `        migrate: { to: gpt-4o, from: ${from} }\n`,
      ).filter((issue) => issue.severity === 'error' && issue.path === 'workloads');
    expect(firstMonthErrors('2027-06')).toHaveLength(1);
    expect(firstMonthErrors('2027-01')).toEqual([]);
  });
});
