import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../cli/formatRunSummary.js';
import { forecastForTest, TEST_PRICES } from '../engine/scenarioText.js';

/** Workload `a` from January; workload `c` whose only step starts in June (the review's z_c). */
const lateStart = `
scenario: late-start
start: 2027-01
trials: 50
${TEST_PRICES}
workloads:
  a:
    tasks_per_month: 10k
    steps:
      s: { model: test-model, input_tokens: 1000 }
  c:
    tasks_per_month: 100
    steps:
      s: { model: test-model, input_tokens: 1000, from: 2027-06 }
`;

describe('the terminal summary of a workload whose steps start after the first month', () => {
  const summary = forecastForTest(lateStart);
  // Formatted lazily, so that a throw fails the test below rather than the file's setup.
  const textOf = () => formatRunSummary(summary);
  const linesOf = () => textOf().split('\n');

  it('prints instead of failing on a change from $0', () => {
    expect(textOf).not.toThrow();
  });

  it('marks the change "new" and says when its tasks first cost something', () => {
    // c's tasks cost $0 before 2027-06 and 1000 tokens at $2 per million from then on.
    const row = linesOf().find((line) => line.startsWith('c ') && line.includes('$0.002'));
    expect(row?.trimEnd().endsWith('new')).toBe(true);
    expect(textOf()).toContain(
      'new: tasks of c cost $0 at P50 in 2027-01 and first cost something in 2027-06; ' +
        'a change from $0 has no percentage.',
    );
  });

  it('keeps the percentage for the workload that runs from the start', () => {
    // a's price and tokens never change: 0%.
    const row = linesOf().find((line) => line.startsWith('a ') && line.includes('$0.002'));
    expect(row?.trimEnd().endsWith('0%')).toBe(true);
  });

  it('gives no threshold, rather than "100% above $0", for its single tasks', () => {
    expect(textOf()).toContain(
      'Single tasks of c in 2027-12: median $0.002, P95 $0.002; no threshold for expensive ' +
        'tasks, as the 2027-01 median is $0.',
    );
    expect(textOf()).not.toMatch(/more than \$0 /);
  });

  it('names the statistic of each change, so the table and the index sentence can differ', () => {
    const text = textOf();
    expect(text).toContain('change of P50s');
    expect(text).toContain("the median of the trials' own changes, where the table compares P50s");
  });
});

/** Workload `b` with a step that has a model and no tokens: $0 a task in every month. */
const modelOnly = `
scenario: model-only
start: 2027-01
trials: 50
${TEST_PRICES}
workloads:
  a:
    tasks_per_month: 10k
    steps:
      s: { model: test-model, input_tokens: 1000 }
  b:
    tasks_per_month: 10k
    steps:
      draft: { model: test-model }
`;

describe('the terminal summary of a workload that costs $0 in both months', () => {
  const summary = forecastForTest(modelOnly);
  const textOf = () => formatRunSummary(summary);

  it('prints instead of failing on the change from $0 to $0 (0 / 0)', () => {
    // Before, formatChange(NaN) threw "cannot format NaN as a change" and run exited 1.
    expect(textOf).not.toThrow();
  });

  it('shows the reports’ dash for the change and says why beneath the table', () => {
    // b's step has no tokens, so its tasks cost $0 in 2027-01 and in 2027-12.
    // The cost table's row: the name, $0 in the first and the last month, then the dash.
    expect(textOf()).toMatch(/^b\s+\$0\s+\$0\s+–$/m);
    expect(textOf()).toContain(
      '–: tasks of b cost $0 at P50 in both 2027-01 and 2027-12, so there is no change to give.',
    );
    expect(textOf()).not.toContain('NaN');
  });
});

describe('the terminal index sentence', () => {
  it('says there is no index when no trial spends in the first month', () => {
    const step = '{ model: test-model, input_tokens: 1000, when: { bernoulli: 60% } }';
    const sometimes = modelOnly.replace('{ model: test-model, input_tokens: 1000 }', step);
    // Seed 2 draws `when` = 0 in the run's one trial (see summarizeIndex's tests).
    const text = formatRunSummary(forecastForTest(sometimes, 1, 2));
    expect(text).toContain(
      'No trial has tasks and spend in the first month, so cost per task and per token have ' +
        'nothing to be followed from.',
    );
  });
});
