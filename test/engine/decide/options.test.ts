import { describe, expect, it } from 'vitest';
import { compareOptions } from '../../../engine/decide/compareOptions.js';
import { simulateVariant } from '../../../engine/decide/simulateVariant.js';
import { forecastScenarioText } from '../../../engine/forecast.js';
import { expectRelativelyClose } from '../../tolerance.js';
import { forecastForTest } from '../scenarioText.js';
import { reviewScenario, scenarioOf } from './decideScenarios.js';

const OPTIONS = `
options:
  same:
    description: The loop as it is, written again
    set:
      workloads.review.steps.loop.output_tokens: 500
  short-answers:
    description: Half the output per call
    set:
      workloads.review.steps.loop.output_tokens: 250
`;

describe('options', () => {
  const scenario = scenarioOf(reviewScenario(OPTIONS));
  const run = { seed: scenario.seed, trials: scenario.trials };

  it('reads each option as the scenario with its keys set', () => {
    expect(scenario.options!.map((option) => option.name)).toEqual(['same', 'short-answers']);
    const step = scenario.options![1]!.scenario.workloads[0]!.steps[0]!;
    expect(step.outputTokens).toEqual({ kind: 'fixed', value: 250 });
  });

  it('an option identical to the scenario differs from it by exactly zero in every trial', () => {
    const base = simulateVariant(scenario, run);
    const same = simulateVariant(scenario.options![0]!.scenario, run);
    for (let trial = 0; trial < run.trials; trial += 1)
      expect(same.annualPerTask[trial]! - base.annualPerTask[trial]!).toBe(0);
    const comparison = compareOptions(
      [
        { name: 'base', description: '', scenario },
        { name: 'same', description: '', scenario: scenario.options![0]!.scenario },
      ],
      run,
    );
    const pair = comparison.pairs[0]!;
    expect([pair.difference.p10, pair.difference.p90, pair.difference.sd]).toEqual([0, 0, 0]);
    expect(pair.probabilityEqual).toBe(1);
    expect(pair.probabilityFirstCheaper).toBe(0);
  });

  it('pairs trials: P(cheaper) counts the trials in which one costs less', () => {
    const summary = forecastForTest(reviewScenario(OPTIONS));
    const pair = summary.options!.pairs.find((p) => p.second === 'short-answers')!;
    const base = simulateVariant(scenario, run);
    const short = simulateVariant(scenario.options![1]!.scenario, run);
    let cheaper = 0;
    let difference = 0;
    for (let trial = 0; trial < run.trials; trial += 1) {
      const d = base.annualPerTask[trial]! - short.annualPerTask[trial]!;
      if (d < 0) cheaper += 1;
      difference += d;
    }
    expect(pair.first).toBe('base');
    expect(pair.probabilityFirstCheaper).toBe(cheaper / run.trials);
    // Less output per call can only cost less here: the base is never the cheaper.
    expect(pair.probabilityFirstCheaper).toBe(0);
    expectRelativelyClose(pair.difference.mean, difference / run.trials, 1e-9);
  });

  it('reports an override of a missing workload at the override, with a suggestion', () => {
    const text = reviewScenario(`
options:
  typo:
    set:
      workloads.reveiw.steps.loop.output_tokens: 250
`);
    const outcome = forecastScenarioText(text);
    expect(outcome.ok).toBe(false);
    const issue = outcome.issues[0]!;
    const line = text.split('\n').findIndex((l) => l.includes('workloads.reveiw')) + 1;
    expect([issue.code, issue.line, issue.column]).toEqual(['unknown-key', line, 7]);
    expect(issue.hint).toContain('workloads.review');
  });

  it('reports a bad value in an override at the value, naming the option', () => {
    const text = reviewScenario(`
options:
  broken:
    set:
      workloads.review.steps.loop.cached_share: 140%
`);
    const outcome = forecastScenarioText(text);
    expect(outcome.ok).toBe(false);
    const issue = outcome.issues.find((i) => i.severity === 'error')!;
    const line = text.split('\n').findIndex((l) => l.includes('cached_share: 140%')) + 1;
    expect(issue.line).toBe(line);
    expect(issue.message).toContain('With option `broken`');
  });

  it.each([
    ['scenario', 'other'],
    ['start', '2028-01'],
    ['months', '24'],
    ['trials', '5'],
    ['seed', '7'],
    ['budget', '$1M'],
    ['per_token_volume', 'flat'],
  ])('refuses an option that sets `%s`, at the key, saying why', (key, value) => {
    const text = reviewScenario(`
options:
  other-run:
    set:
      ${key}: ${value}
`);
    const outcome = forecastScenarioText(text);
    expect(outcome.ok).toBe(false);
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    // The override is the only line indented under `set:` that writes the key.
    const line = text.split('\n').findIndex((l) => l === `      ${key}: ${value}`) + 1;
    expect([errors[0]!.code, errors[0]!.line, errors[0]!.column]).toEqual([
      'not-supported',
      line,
      7,
    ]);
    expect(errors[0]!.path).toBe(`options.other-run.set.${key}`);
    expect(errors[0]!.message).toContain('the same horizon on the same draws');
  });
});

describe('a planned change', () => {
  const text = reviewScenario(`
options:
  short-answers:
    set:
      workloads.review.steps.loop.output_tokens: 250
planned_changes:
  - { workload: review, option: short-answers, from: 2027-07, ramp: 2 }
`);

  it('follows the scenario before its month and blends in the option over its ramp', () => {
    const scenario = scenarioOf(text);
    const run = { seed: scenario.seed, trials: scenario.trials };
    const changed = simulateVariant(scenario, run);
    const { plannedChanges: _planned, ...unplanned } = scenario;
    const before = simulateVariant(unplanned, run);
    const after = simulateVariant(scenario.options![0]!.scenario, run);
    // Month index 6 is 2027-07: half the tasks switched; from index 7 all of them.
    const shares = [0, 0, 0, 0, 0, 0, 0.5, 1, 1, 1, 1, 1];
    for (let trial = 0; trial < run.trials; trial += 50) {
      shares.forEach((share, month) => {
        const at = month * run.trials + trial;
        const expected = (1 - share) * before.totalPerTask[at]! + share * after.totalPerTask[at]!;
        expectRelativelyClose(changed.totalPerTask[at]!, expected, 1e-9);
      });
    }
  });

  it('is a driver of the gap and is echoed in the summary', () => {
    const summary = forecastForTest(text);
    expect(summary.plannedChanges).toEqual([
      { workload: 'review', option: 'short-answers', from: '2027-07', rampMonths: 2 },
    ]);
    expect(summary.gapAttribution!.map((part) => part.driver)).toContain('planned-changes');
  });

  it('refuses an option that changes more than how the workload runs', () => {
    const outcome = forecastScenarioText(
      text.replace('workloads.review.steps.loop.output_tokens: 250', 'workloads.review.growth: 5%'),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.issues[0]!.message).toContain('may set only keys under');
  });
});

describe('an option in a scenario with planned changes', () => {
  // Two models at round prices and fixed tokens, so each annual figure is a sum by
  // hand: a task of 1k input and 1k output tokens costs 2k x $10 / 1M = $0.02 on
  // big and $0.002 on small; 1,000 tasks a month for 12 months.
  const text = `
scenario: options-keep-planned-changes
start: 2027-01
months: 12
trials: 20
prices:
  models:
    big: { input: $10, output: $10, as_of: 2026-12-01 }
    small: { input: $1, output: $1, as_of: 2026-12-01 }
options:
  moreshare:
    set:
      workloads.w.steps.s.migrate.share: 100%
  addmig:
    set:
      workloads.v.steps.s.model: small
planned_changes:
  - { workload: v, option: addmig, from: 2027-07 }
workloads:
  w:
    tasks_per_month: 1000
    steps:
      s:
        model: big
        input_tokens: 1000
        output_tokens: 1000
        migrate: { to: small, from: 2027-01, share: 50% }
  v:
    tasks_per_month: 1000
    steps:
      s:
        model: big
        input_tokens: 1000
        output_tokens: 1000
`;
  const options = forecastForTest(text).options!;
  const annualOf = (name: string) =>
    options.options.find((option) => option.name === name)!.annual.p50;

  it('keeps the planned change of a workload the option does not set', () => {
    // By hand: w at a 50% share costs 12k x (0.5 x $0.02 + 0.5 x $0.002) = $132;
    // v switches to small in 2027-07: 6k x $0.02 + 6k x $0.002 = $132. Base $264.
    // moreshare: w all on small, 12k x $0.002 = $24, v as planned $132: $156.
    expectRelativelyClose(annualOf('base'), 264, 1e-9);
    expectRelativelyClose(annualOf('moreshare'), 156, 1e-9);
    const pair = options.pairs.find((p) => p.second === 'moreshare')!;
    expectRelativelyClose(pair.difference.p50, 108, 1e-9);
  });

  it("runs a workload the option sets its own way all year, not the change's", () => {
    // By hand: addmig puts v on small from the first month, 12k x $0.002 = $24, w $132.
    expectRelativelyClose(annualOf('addmig'), 156, 1e-9);
  });
});

describe('mistakes in options and planned changes', () => {
  it('are all reported at once, each at its place', () => {
    const text = reviewScenario(`
options:
  typo:
    set:
      workloads.review.steps.lop.output_tokens: 250
  fine:
    set:
      workloads.review.steps.loop.output_tokens: 250
planned_changes:
  - { workload: reveiw, option: fine, from: 2027-04 }
  - { workload: review, option: nope, from: 2027-09 }
`);
    const outcome = forecastScenarioText(text);
    expect(outcome.ok).toBe(false);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(outcome.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [lineOf('steps.lop.'), 'workloads.review.steps.lop.output_tokens'],
      [lineOf('workload: reveiw'), 'planned_changes.0.workload'],
      [lineOf('option: nope'), 'planned_changes.1.option'],
    ]);
    expect(outcome.issues[1]!.hint).toBe('did you mean `review`?');
  });
});
