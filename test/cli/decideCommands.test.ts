import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../engine/decide/parseTarget.js';
import { rangeOf, sentenceOf } from '../../cli/solveCommand.js';
import { formatComparison } from '../../cli/compareCommand.js';
import type { OptionOutcome } from '../../engine/summaryTypes.js';
import { forecastForTest } from '../engine/scenarioText.js';
import { reviewScenario } from '../engine/decide/decideScenarios.js';
import { makeTemporaryFolder, runCli } from './runCli.js';

/**
 * Every input fixed: annual spend is 12 months * 1000 tasks * calls * 1000 tokens * $2/M,
 * which is 24 * calls.
 */
const LINEAR = `
scenario: linear
start: 2027-01
months: 12
trials: 1000
prices:
  models:
    test-model:
      { input: $2.00, cached_input: $0.50, cache_write: $2.50, output: $8.00, as_of: 2026-12-01 }
  curve:
    annual_change: 0%
workloads:
  w:
    tasks_per_month: 1000
    steps:
      s:
        model: test-model
        calls: 2
        input_tokens: 1000
        output_tokens: 0
`;

function writeScenario(folder: string, name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe('pertask solve', () => {
  it('finds the closed-form limit of a linear scenario: mean <= $120 at 5 calls', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const run = await runCli(
      ['solve', file, '--vary', 'workloads.w.steps.s.calls', '--target', 'mean <= $120', '--json'],
      folder,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.outcome).toBe('found');
    expect([result.low, result.high]).toEqual([0.5, 8]);
    expect(result.limit).toBeLessThanOrEqual(5);
    // Bisection stops within RELATIVE_WIDTH (1e-4, solveTarget.ts) of the 7.5-wide range.
    expect(result.limit).toBeGreaterThan(5 - 7.5e-4);
    expect(result.statisticAtLimit).toBeCloseTo(24 * result.limit, 9);
  });

  it('gives a limit that a separate forecast confirms, and that breaks just past it', async () => {
    const folder = makeTemporaryFolder();
    const text = reviewScenario().replace(
      'output_tokens: 500',
      'output_tokens: 500\n        when: 1',
    );
    const file = writeScenario(folder, 'review.yaml', text);
    const path = 'workloads.review.steps.loop.calls';
    const run = await runCli(
      ['solve', file, '--vary', path, '--target', 'p80 <= budget', '--json'],
      folder,
    );
    expect(run.code).toBe(0);
    const { limit, low, high } = JSON.parse(run.stdout);
    const at = (calls: number) =>
      forecastForTest(text.replace('calls: 3', `calls: ${calls}`)).budget!;
    // Independent: the full forecast's budget plan, P80 of annual spend.
    const budget = at(limit);
    expect(budget.plan!.coversP80).toBeLessThanOrEqual(budget.amount);
    // Twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range) past the limit.
    const past = at(limit + 2e-4 * (high - low));
    expect(past.plan!.coversP80).toBeGreaterThan(past.amount);
  });

  it('says so when the target holds over the whole range, with exit code 1', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.calls', '--target', 'mean <= $1M'];
    const run = await runCli(args, folder);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('holds everywhere');
  });

  it('refuses a path that is not in the scenario, naming the nearest key', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const args = ['solve', file, '--vary', 'workloads.w.steps.t.calls', '--target', 'p80 <= $100'];
    const run = await runCli([...args, '--between', '1', '3'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No key `t`');
  });

  it('reads targets on the mean and on any percentile', () => {
    expect(parseTarget('p80 <= budget', 110_000)).toMatchObject({ statistic: 0.8, atMost: true });
    expect(parseTarget('mean < $1.5M', null)).toMatchObject({ statistic: 'mean', amount: 1.5e6 });
    expect(parseTarget('p95>=20k', null)).toMatchObject({ atMost: false, amount: 20_000 });
    expect(() => parseTarget('p80 <= budget', null)).toThrow(/sets none/);
    expect(() => parseTarget('median under 3', null)).toThrow(/cannot read/);
  });
});

describe('pertask compare', () => {
  it('compares a scenario with its options and writes the chart', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli([
      'compare',
      'scenarios/code-review.yaml',
      '--trials',
      '1000',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('base - haiku-re-review');
    expect(run.stdout).not.toMatch(/NaN|undefined/);
    for (const name of ['comparison.json', 'paired-differences.svg', 'paired-differences.vl.json'])
      expect(existsSync(join(out, 'compare', name))).toBe(true);
    const comparison = JSON.parse(readFileSync(join(out, 'compare', 'comparison.json'), 'utf8'));
    expect(comparison.trials).toBe(1000);
  });

  it('says which option was cheaper in a run of one trial, never in 100% of trials', async () => {
    const folder = makeTemporaryFolder();
    // LINEAR spends 24 * calls a year: $48 as written, $24 at one call, $72 at three.
    const options = ['one-call: 1', 'three-calls: 3', 'two-calls: 2'].map((line) => {
      const [name, calls] = line.split(': ');
      return `  ${name}:\n    set:\n      workloads.w.steps.s.calls: ${calls}`;
    });
    const file = writeScenario(folder, 'linear.yaml', `${LINEAR}options:\n${options.join('\n')}\n`);
    const run = await runCli(['compare', file, '--trials', '1', '--out', folder], folder);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/% of trials/);
    expect(run.stdout).toContain(
      [
        'Differences in the one trial run, first minus second:',
        '  base - one-call: +$24; one-call is the cheaper',
        '  base - three-calls: -$24; base is the cheaper',
        '  base - two-calls: $0; they cost the same',
        '  one-call - three-calls: -$48; one-call is the cheaper',
        '  one-call - two-calls: -$24; one-call is the cheaper',
        '  three-calls - two-calls: +$24; two-calls is the cheaper',
        'One trial gives no share of trials in which an option is the cheaper.',
      ].join('\n'),
    );
    const chart = readFileSync(join(folder, 'compare', 'paired-differences.vl.json'), 'utf8');
    expect(JSON.parse(chart).title.text).toBe(
      "one-call costs less than base in the run's one trial, by $24",
    );
  });

  it('says an option identical to the scenario costs the same in every trial', async () => {
    const folder = makeTemporaryFolder();
    const text = `${LINEAR}options:\n  same:\n    set:\n      workloads.w.steps.s.calls: 2\n`;
    const file = writeScenario(folder, 'linear.yaml', text);
    const run = await runCli(['compare', file, '--trials', '2', '--out', folder], folder);
    expect(run.code).toBe(0);
    // `same` sets calls to LINEAR's own 2: both cost $48 in each trial (LINEAR's closed form).
    expect(run.stdout).toContain(
      '  base - same: P10 $0, P50 $0, P90 $0; they cost the same in every trial',
    );
    expect(run.stdout).not.toContain('cheaper in 0%');
  });

  it('keeps the share of trials in which each is cheaper at more than one trial', async () => {
    const folder = makeTemporaryFolder();
    const text = `${LINEAR}options:\n  one-call:\n    set:\n      workloads.w.steps.s.calls: 1\n`;
    const file = writeScenario(folder, 'linear.yaml', text);
    const run = await runCli(['compare', file, '--trials', '2', '--out', folder], folder);
    // Every input is fixed, so base ($48) costs more than one-call ($24) in both trials.
    expect(run.stdout).toContain(
      '  base - one-call: P10 +$24, P50 +$24, P90 +$24; base is cheaper in 0% of trials',
    );
  });

  it('pairs two files on the first one’s draws: a copy differs by exactly zero', async () => {
    const folder = makeTemporaryFolder();
    const a = writeScenario(folder, 'a.yaml', LINEAR.replace('trials: 1000', 'trials: 2000'));
    const b = writeScenario(folder, 'b.yaml', LINEAR.replace('scenario: linear', 'scenario: copy'));
    const run = await runCli(['compare', a, b, '--json', '--out', folder], folder);
    expect(run.code).toBe(0);
    const pair = JSON.parse(run.stdout).pairs[0];
    expect([pair.first, pair.second, pair.probabilityEqual]).toEqual(['linear', 'copy', 1]);
    expect(run.stderr).toContain('runs on');
  });

  it('refuses scenarios whose horizons differ, naming both files and horizons', async () => {
    const folder = makeTemporaryFolder();
    const a = writeScenario(folder, 'a.yaml', LINEAR);
    const later = LINEAR.replace('scenario: linear', 'scenario: later');
    writeScenario(folder, 'b.yaml', later.replace('start: 2027-01', 'start: 2027-03'));
    writeScenario(folder, 'c.yaml', later.replace('months: 12', 'months: 24'));
    for (const [other, horizon] of [
      ['b.yaml', '2027-03 for 12 months'],
      ['c.yaml', '2027-01 for 24 months'],
    ] as const) {
      const run = await runCli(['compare', a, join(folder, other), '--out', 'out'], folder);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `pertask: cannot compare ${a} (2027-01 for 12 months) with ${join(folder, other)} ` +
          `(${horizon}): compared scenarios need the same \`start:\` and \`months:\`.\n`,
      );
    }
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('refuses one file named twice, or two files of one scenario name, as run does', async () => {
    const folder = makeTemporaryFolder();
    const a = writeScenario(folder, 'a.yaml', LINEAR);
    writeScenario(folder, 'twin.yaml', LINEAR.replace('trials: 1000', 'trials: 2000'));
    const twin = join(folder, 'twin.yaml');
    const sameName =
      `pertask: ${a} and ${twin} both name the scenario \`linear\`; compared scenarios ` +
      'are told apart by that name (give each its own `scenario:`).\n';
    // One file named twice gets no advice about `scenario:`, which would not help.
    for (const [second, message] of [
      [a, `pertask: ${a} is named twice; name each file once.\n`],
      ['a.yaml', `pertask: ${a} and a.yaml are one file, named twice; name each file once.\n`],
      [twin, sameName],
    ] as const) {
      const run = await runCli(['compare', a, second, '--out', 'out'], folder);
      // Before, the same file twice printed two `linear` rows and "linear - linear ...".
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(message);
      expect(run.stdout).toBe('');
    }
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it('names a 24-month horizon as such in the table, the chart title and its axis', async () => {
    const folder = makeTemporaryFolder();
    const long = LINEAR.replace('months: 12', 'months: 24');
    const a = writeScenario(folder, 'a.yaml', long);
    const b = writeScenario(folder, 'b.yaml', long.replace('scenario: linear', 'scenario: copy'));
    const run = await runCli(['compare', a, b, '--out', folder], folder);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^24-month spend, per-task forecast, 1,000 trials on common draws:\n/,
    );
    expect(run.stdout).not.toContain('Annual');
    const chart = readFileSync(join(folder, 'compare', 'paired-differences.vl.json'), 'utf8');
    expect(chart).toContain('24-month per-task spend, first option minus second');
    expect(chart).toContain('Difference in 24-month spend');
    expect(chart).not.toMatch(/annual/i);
  });

  it('refuses one file without options, with exit code 2', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const run = await runCli(['compare', file, '--out', folder], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing to compare');
  });
});

describe('the comparison as printed', () => {
  // Hand-made outcomes: $120k is five characters and $87.3k six, as code-review's base and
  // loop-cap-6 print at one trial.
  const optionOf = (name: string, spend: number): OptionOutcome => ({
    name,
    description: '',
    annual: {
      ...{ mean: spend, meanStandardError: null, sd: null },
      ...{ p5: spend, p10: spend, p25: spend, p50: spend, p75: spend, p90: spend, p95: spend },
      ...{ p10StandardError: null, p50StandardError: null, p90StandardError: null },
    },
    costPerTask: [{ workload: 'review', first: 0.5, last: 0.4 }],
  });
  const options = [optionOf('base', 120_000), optionOf('loop-cap-6', 87_300)];

  it('right-aligns each money column, so that a shorter figure keeps the columns in line', () => {
    const text = formatComparison({ trials: 2, options, pairs: [] }, 12);
    const [heading, base, capped] = text.split('\n');
    expect(heading).toBe('Annual spend, per-task forecast, 2 trials on common draws:');
    expect(base).toBe(
      '  base        P10  $120k  P50  $120k  P90  $120k  (review $0.5 -> $0.4 a task)',
    );
    expect(capped!.indexOf('P50')).toBe(base!.indexOf('P50'));
    expect(capped!.indexOf('P90')).toBe(base!.indexOf('P90'));
  });

  it("says each option's one spend once at one trial, not as three equal percentiles", () => {
    // The spends are the hand-made ones above; a P10, P50 and P90 of one draw are that draw.
    const text = formatComparison({ trials: 1, options, pairs: [] }, 12);
    const [heading, base, capped] = text.split('\n');
    expect(heading).toBe('Annual spend, per-task forecast, one trial on common draws:');
    expect(base).toBe('  base         $120k in the one trial  (review $0.5 -> $0.4 a task)');
    expect(capped).toBe('  loop-cap-6  $87.3k in the one trial  (review $0.5 -> $0.4 a task)');
    expect(text).not.toContain('P50');
  });

  it('says a pair costs the same in every trial, or in what share, beside the cheaper', () => {
    const pairOf = (second: string, firstCheaper: number, equal: number) => ({
      first: 'base',
      second,
      difference: optionOf('difference', 0).annual,
      probabilityFirstCheaper: firstCheaper,
      probabilityEqual: equal,
    });
    const pairs = [pairOf('loop-cap-6', 0, 1), pairOf('loop-cap-6', 0.5, 0.25)];
    const lines = formatComparison({ trials: 2, options, pairs }, 12).split('\n');
    // Hand-made shares: every trial equal, then 50% cheaper and 25% equal (25% dearer).
    expect(lines).toContain(
      '  base - loop-cap-6: P10 $0, P50 $0, P90 $0; they cost the same in every trial',
    );
    expect(lines).toContain(
      '  base - loop-cap-6: P10 $0, P50 $0, P90 $0; base is cheaper in 50% of trials, ' +
        'the same in 25%',
    );
  });
});

describe('pertask run --precision', () => {
  it('adds trials until the standard error of annual P90 is within the share asked', async () => {
    const out = makeTemporaryFolder();
    const args = ['run', 'scenarios/code-review.yaml', '--trials', '1000', '--precision', '1%'];
    const run = await runCli([...args, '--json', '--out', out]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    const { p90, p90StandardError } = summary.total.annual.perTask;
    expect(summary.precision.met).toBe(true);
    expect(summary.precision.trials % 1000).toBe(0);
    expect(summary.scenario.trials).toBe(summary.precision.trials);
    // The figure it reports is the summary's own, recomputed here.
    expect(summary.precision.achieved).toBeCloseTo(p90StandardError / p90, 12);
    expect(summary.precision.achieved).toBeLessThanOrEqual(0.01);
  });

  it('stops at the ceiling and says the target was not met', async () => {
    const out = makeTemporaryFolder();
    const args = ['run', 'scenarios/code-review.yaml', '--trials', '1000', '--precision', '0.1%'];
    const run = await runCli([...args, '--max-trials', '2000', '--json', '--out', out]);
    const summary = JSON.parse(run.stdout);
    expect([summary.precision.met, summary.precision.trials]).toEqual([false, 2000]);
  });

  it('refuses a --max-trials below the trials the run starts from, naming both', async () => {
    const out = makeTemporaryFolder();
    // support-triage.yaml sets `trials: 20000`; before, --max-trials 5000 ran 5,000.
    const args = ['run', 'scenarios/support-triage.yaml', '--precision', '0.1%'];
    const scenarioStart = await runCli([...args, '--max-trials', '5000', '--out', out]);
    expect(scenarioStart.code).toBe(2);
    expect(scenarioStart.stderr).toBe(
      'pertask: --max-trials 5,000 is below the 20,000 trials the run starts from ' +
        "(scenarios/support-triage.yaml's `trials:`); --precision only adds trials, so give " +
        '--max-trials 20,000 or more, or start from fewer with --trials.\n',
    );
    const given = await runCli([...args, '--trials', '3000', '--max-trials', '2000', '--out', out]);
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('below the 3,000 trials the run starts from (--trials)');
    expect(readdirSync(out)).toEqual([]);
  });

  it('runs the scenario’s own trials when the ceiling is just those', async () => {
    const out = makeTemporaryFolder();
    const args = ['run', 'scenarios/support-triage.yaml', '--precision', '0.1%'];
    const run = await runCli([...args, '--max-trials', '20000', '--json', '--out', out]);
    const summary = JSON.parse(run.stdout);
    // 20,000 from the scenario's `trials:`; 0.1% is far below what they reach, so not met.
    expect(summary.precision).toMatchObject({ trials: 20000, ceiling: 20000, met: false });
    expect(summary.scenario.trials).toBe(20000);
  });

  it('refuses a precision that is not a share', async () => {
    const run = await runCli(['run', 'scenarios/code-review.yaml', '--precision', '150%']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--precision takes a share');
  });
});

describe('pertask solve, asked in the forms a user writes', () => {
  it('names the missing key and the keys there before asking for --between', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const args = [
      'solve',
      file,
      '--vary',
      'workloads.w.steps.nosuch.calls',
      '--target',
      'mean <= $120',
    ];
    const run = await runCli(args, folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No key `nosuch`');
    // `nosuch` is far from every step name, so the keys there are listed instead of a guess.
    expect(run.stderr).toContain('keys there: `s`');
    expect(run.stderr).not.toContain('--between');
  });

  it('names a misspelt last key too, rather than asking for --between', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.cals', '--target', 'mean <= $120'];
    const run = await runCli(args, folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cals/);
    expect(run.stderr).not.toContain('give the range');
  });

  it('takes --between 1k 30k from the command line, as the README writes it', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const args = ['solve', file, '--vary', 'workloads.w.tasks_per_month', '--target'];
    const run = await runCli([...args, 'mean <= $120', '--between', '1k', '30k', '--json'], folder);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.low, result.high]).toEqual([1000, 30_000]);
    // Closed form (LINEAR's comment): annual spend is 12 x tasks x 2 calls x 1000 x $2/M,
    // which is 0.048 x tasks, so $120 is reached at 2,500 tasks a month.
    expect(result.limit).toBeLessThanOrEqual(2500);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(2500 - 2e-4 * 29_000);
  });

  it('takes --between 5% 90% from the command line, as the error suggests', async () => {
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace('output_tokens: 0', 'output_tokens: 0\n        when: 50%');
    const file = writeScenario(folder, 'when.yaml', text);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.when', '--target'];
    const run = await runCli([...args, 'mean <= $12', '--between', '5%', '90%', '--json'], folder);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.low, result.high]).toEqual([0.05, 0.9]);
    // Closed form: with the step run in a share `when` of tasks, annual spend is 48 x when,
    // so $12 is reached at 25%.
    expect(result.limit).toBeLessThanOrEqual(0.25);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(0.25 - 2e-4 * 0.85);
  });

  it('reads --between as a scenario reads numbers: 1k, 30k, 5%, 90%', () => {
    expect(rangeOf(['1k', '30k'])).toEqual([1000, 30_000]);
    expect(rangeOf(['5%', '90%'])).toEqual([0.05, 0.9]);
    expect(rangeOf([1, 8])).toEqual([1, 8]);
    expect(() => rangeOf(['lots', '1k'])).toThrow(/two numbers, written as in a scenario/);
    expect(() => rangeOf(['5%'])).toThrow(/two numbers/);
    expect(() => rangeOf(['5%', '5%'])).toThrow(/--between 5% 5% is an empty range/);
  });

  it('takes the ends of --between in either order, as a scenario takes `a to b`', async () => {
    expect(rangeOf(['30k', '1k'])).toEqual([1000, 30_000]);
    expect(rangeOf(['50%', '5%'])).toEqual([0.05, 0.5]);
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace('output_tokens: 0', 'output_tokens: 0\n        when: 50%');
    const file = writeScenario(folder, 'when.yaml', text);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.when', '--target', 'mean <= $12'];
    const upward = await runCli([...args, '--between', '5%', '90%', '--json'], folder);
    const downward = await runCli([...args, '--between', '90%', '5%', '--json'], folder);
    expect(downward.code).toBe(0);
    expect(downward.stderr).toBe('');
    expect(downward.stdout).toBe(upward.stdout);
  });

  it('refuses an end of --between that a share cannot hold, once and in percent', async () => {
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace('output_tokens: 0', 'output_tokens: 0\n        when: 50%');
    const file = writeScenario(folder, 'when.yaml', text);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.when', '--target', 'mean <= $12'];
    const run = await runCli([...args, '--between', '5%', '150%'], folder);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // One line: before, an issue block with no location came first, and the value read 1.5.
    expect(run.stderr).toBe(
      'pertask: --between 5% 150%: workloads.w.steps.s.when cannot be set to 150%. ' +
        'A share or probability must lie between 0% and 100%.\n',
    );
  });

  it('says how near a range that misses comes, and asks to widen only where it can', async () => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const calls = ['solve', file, '--vary', 'workloads.w.steps.s.calls', '--target'];
    const below = await runCli([...calls, 'mean <= $1'], folder);
    expect(below.code).toBe(1);
    // Closed form (LINEAR): annual spend is 24 x calls; the default range from 2 calls is
    // 0.5 to 8, so the nearest is $12 at 0.5 calls, and calls may go lower.
    expect(below.stdout).toContain(
      'no value there reaches it; the statistic comes closest at 0.5, where it is $12. ' +
        'The key may also go below 0.5, which a wider --between can search.',
    );
    const text = LINEAR.replace('output_tokens: 0', 'output_tokens: 0\n        when: 50%');
    const when = writeScenario(folder, 'when.yaml', text);
    const args = ['solve', when, '--vary', 'workloads.w.steps.s.when', '--target'];
    const above = await runCli([...args, 'mean >= $100', '--json'], folder);
    expect(above.code).toBe(1);
    const result = JSON.parse(above.stdout);
    // Closed form: annual spend is 48 x when, at most $48 at 100%, the end of a share's range.
    expect(result.closest).toEqual({ end: 'high', canWiden: false });
    expect(result.statisticAtHigh).toBeCloseTo(48, 9);
    const sentence = await runCli([...args, 'mean >= $100'], folder);
    expect(sentence.stdout).toContain(
      'comes closest at 100%, where it is $48, and the key can go no higher.',
    );
    expect(sentence.stdout).not.toContain('widen');
  });

  it('writes a share it finds as a percent', () => {
    const result = {
      path: 'workloads.w.steps.check.when',
      target: 'mean <= $120',
      low: 0.05,
      high: 0.9,
      limit: 0.18514,
      holdsBelow: true,
      statisticAtLimit: 119.9,
      statisticAtLow: 10,
      statisticAtHigh: 400,
      closest: null,
      outcome: 'found' as const,
      runs: 17,
      trials: 2000,
      months: 12,
    };
    const sentence = sentenceOf(result);
    expect(sentence).toContain('may go up to 18.51% while');
    expect(sentenceOf({ ...result, outcome: 'holds-everywhere' })).toContain('between 5% and 90%');
    const share = { ...result, path: 'workloads.w.steps.s.migrate.share', limit: 0.6945 };
    expect(sentenceOf(share)).toContain('may go up to 69.45% while');
  });

  it('cuts a limit to four figures toward the side where the target holds', () => {
    const result = {
      path: 'workloads.w.steps.s.output_tokens',
      target: 'p80 <= $700',
      low: 100,
      high: 2000,
      // The limit the reviewer's run found (--json); to the nearest it would print 289.
      limit: 288.958740234375,
      holdsBelow: true,
      statisticAtLimit: 699.9,
      statisticAtLow: 300,
      statisticAtHigh: 4000,
      closest: null,
      outcome: 'found' as const,
      runs: 17,
      trials: 2000,
      months: 12,
    };
    expect(sentenceOf(result)).toContain('may go up to 288.9 while');
    expect(sentenceOf({ ...result, holdsBelow: false })).toContain('may go down to 289 while');
    expect(sentenceOf({ ...result, limit: 1e300 })).toContain('may go up to 1e300 while');
  });

  it('names the horizon whose spend the target is on: annual at 12 months, else the months', () => {
    const result = {
      path: 'workloads.w.steps.s.calls',
      target: 'p90 <= $25k',
      low: 1,
      high: 8,
      limit: 2.38,
      holdsBelow: true,
      statisticAtLimit: 24_990,
      statisticAtLow: 10_000,
      statisticAtHigh: 80_000,
      closest: null,
      outcome: 'found' as const,
      runs: 17,
      trials: 2000,
      months: 24,
    };
    // The words horizonWordOf (reports/charts/chartTheme.ts) gives the run summary and page.
    expect(sentenceOf(result)).toContain('while p90 <= $25k on 24-month spend holds (there');
    expect(sentenceOf({ ...result, months: 12 })).toContain('p90 <= $25k on annual spend holds');
    expect(sentenceOf({ ...result, outcome: 'holds-everywhere' })).toMatch(
      /^p90 <= \$25k on 24-month spend holds everywhere/,
    );
  });

  it('solves a target on 24-month spend, and says the horizon in --json', async () => {
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace('months: 12', 'months: 24');
    const file = writeScenario(folder, 'two-years.yaml', text);
    const vary = ['--vary', 'workloads.w.steps.s.calls', '--target', 'mean <= $120'];
    const run = await runCli(['solve', file, ...vary, '--json'], folder);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.months).toBe(24);
    // LINEAR's closed form over 24 months: 24 x 1,000 x calls x 1,000 x $2/M = 48 x calls,
    // so $120 is reached at 2.5 calls.
    expect(result.limit).toBeLessThanOrEqual(2.5);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(2.5 - 2e-4 * (result.high - result.low));
  });

  it('writes a number it finds with thousands separators, as the rest of the output', () => {
    const result = {
      path: 'workloads.w.tasks_per_month',
      target: 'mean <= $120',
      low: 118_850,
      high: 1_901_600,
      limit: 475_400,
      holdsBelow: true,
      statisticAtLimit: 119.9,
      statisticAtLow: 10,
      statisticAtHigh: 400,
      closest: null,
      outcome: 'found' as const,
      runs: 17,
      trials: 2000,
      months: 12,
    };
    // The review's output read "may go up to 475400".
    expect(sentenceOf(result)).toContain('may go up to 475,400 while');
    const flat = { end: null, canWiden: false };
    const nowhere = sentenceOf({ ...result, outcome: 'holds-nowhere', closest: flat });
    expect(nowhere).toContain('between 118,900 and 1,902,000');
    // Equal statistics at both ends (10 and 10): no end is nearer and no range helps.
    const even = { ...result, outcome: 'holds-nowhere' as const, statisticAtHigh: 10 };
    expect(sentenceOf({ ...even, closest: flat })).toContain(
      'the statistic is $10 at both ends, so this key does not move it.',
    );
  });

  it('picks a default range around a share written with %, up to 100%', async () => {
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace('output_tokens: 0', 'output_tokens: 0\n        when: 50%');
    const file = writeScenario(folder, 'when.yaml', text);
    const args = ['solve', file, '--vary', 'workloads.w.steps.s.when', '--target', 'mean <= $12'];
    const run = await runCli([...args, '--json'], folder);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // A quarter of 50%, then 100%: four and two times 50% are not shares.
    expect([result.low, result.high]).toEqual([0.125, 1]);
    // Closed form: annual spend is 48 x when (LINEAR with the step in a share of tasks).
    expect(result.limit).toBeLessThanOrEqual(0.25);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(0.25 - 2e-4 * 0.875);
    const sentence = await runCli(args, folder);
    expect(sentence.stdout).toMatch(/may go up to 2[45](\.\d+)?% while/);
  });

  it.each([
    ['workloads.w.steps.s.migrate.ramp', 'takes a whole number'],
    ['workloads.w.steps.s.migrate.from', 'takes a month'],
  ])('says plainly that %s cannot be varied', async (path, holds) => {
    const folder = makeTemporaryFolder();
    const text = LINEAR.replace(
      'output_tokens: 0',
      'output_tokens: 0\n        migrate: { to: gpt-4.1-mini, from: 2027-04, ramp: 2 }',
    );
    const file = writeScenario(folder, 'migrate.yaml', text);
    const run = await runCli(['solve', file, '--vary', path, '--target', 'mean <= $12'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(holds);
    expect(run.stderr).toContain('cannot vary');
    expect(run.stderr).not.toContain('above 0');
  });
});

describe('compare and solve at few trials', () => {
  it.each([
    [
      'compare',
      // A copy under another name: the same file twice is refused (see above).
      (file: string) => {
        const copy = join(dirname(file), 'copy.yaml');
        writeFileSync(copy, LINEAR.replace('scenario: linear', 'scenario: copy'));
        return ['compare', file, copy, '--out', 'out'];
      },
    ],
    [
      'solve',
      (file: string) => [
        'solve',
        file,
        '--vary',
        'workloads.w.steps.s.calls',
        '--target',
        'mean <= $120',
      ],
    ],
  ])('%s warns on stderr below 1,000 trials, as run does, unless --quiet', async (_, argsOf) => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'linear.yaml', LINEAR);
    const loud = await runCli([...argsOf(file), '--trials', '50'], folder);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain(`${file}: warning: Only 50 trials:`);
    expect(loud.stdout).not.toContain('Only 50 trials');
    const quiet = await runCli([...argsOf(file), '--trials', '50', '--quiet'], folder);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
    const enough = await runCli([...argsOf(file), '--trials', '1000'], folder);
    expect(enough.stderr).not.toContain('Only');
  });
});

describe('pertask solve with a catalog the scenario names', () => {
  it('varies the scenario against that catalog, as run and validate read it', async () => {
    const folder = makeTemporaryFolder();
    const catalog = join(folder, 'team-prices.json');
    const args = ['prices', 'import', '../shared/data/litellm-model-prices.json', '--out', catalog];
    expect((await runCli(args)).code).toBe(0);
    writeScenario(
      folder,
      's.yaml',
      'scenario: s\nstart: 2027-01\nmonths: 12\ntrials: 200\nprices:\n' +
        '  catalog: ./team-prices.json\nworkloads:\n  w:\n    tasks_per_month: 1000\n' +
        '    steps:\n      s: { model: claude-sonnet-4-20250514, input_tokens: 1000 }\n',
    );
    const vary = ['--vary', 'workloads.w.tasks_per_month'];
    const run = await runCli(
      ['solve', 's.yaml', ...vary, '--target', 'mean <= $72', '--json'],
      folder,
    );
    // Before, each variant was validated against the built-in catalog, which lacks this
    // model, and the search failed with "the range 1000 to 1000 is empty".
    expect(run.code).toBe(0);
    // The map prices this model at $3 per million input tokens: annual spend is
    // 12 x tasks x 1,000 x $3/M = 0.036 x tasks, so $72 is reached at 2,000 tasks.
    const result = JSON.parse(run.stdout);
    expect(result.limit).toBeLessThanOrEqual(2000);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(2000 - 2e-4 * (result.high - result.low));
  });
});

describe('pertask solve on a scenario composed of several files', () => {
  it('varies a key that the file inherits from the base it extends', async () => {
    const folder = makeTemporaryFolder();
    writeScenario(folder, 'base.yaml', LINEAR.replace('scenario: linear', 'scenario: base'));
    // The child doubles the base's tasks, so the varied scenario must be the composed one.
    writeScenario(
      folder,
      'child.yaml',
      'extends: base.yaml\nscenario: child\nworkloads:\n  w:\n    tasks_per_month: 2000\n',
    );
    const vary = ['--vary', 'workloads.w.steps.s.calls', '--target', 'mean <= $120'];
    const run = await runCli(['solve', 'child.yaml', ...vary, '--json'], folder);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // LINEAR's closed form with 2,000 tasks a month: annual spend is
    // 12 x 2,000 x calls x 1,000 x $2/M = 48 x calls, so $120 is reached at 2.5 calls.
    expect(result.limit).toBeLessThanOrEqual(2.5);
    // Within twice the bisection's stopping width (RELATIVE_WIDTH, 1e-4 of the range).
    expect(result.limit).toBeGreaterThan(2.5 - 2e-4 * (result.high - result.low));
  });
});

describe('pertask solve on a key that correlations name', () => {
  const CORRELATED = LINEAR.replace('tasks_per_month: 1000', 'tasks_per_month: 900 to 1100')
    .replace('input_tokens: 1000', 'input_tokens: size')
    .concat(
      'params:\n  size: 900 to 1100\ncorrelations:\n',
      '  - between: [size, workloads.w.tasks_per_month]\n    rank: 0.5\n',
    );

  it.each([
    ['workloads.w.tasks_per_month', '1k', '30k', 1],
    ['params.size', '500', '2k', 0],
  ])('refuses to vary %s before any search, naming the entry', async (path, low, high, at) => {
    const folder = makeTemporaryFolder();
    const file = writeScenario(folder, 'correlated.yaml', CORRELATED);
    const args = ['solve', file, '--vary', path, '--target', 'mean <= $120'];
    const run = await runCli([...args, '--between', low, high], folder);
    expect(run.code).toBe(2);
    // The entry and the name in it, with its place, rather than a fault of the value tried.
    expect(run.stderr).toContain(`error [correlation] correlations.0.between.${at}`);
    expect(run.stderr).toContain(`--vary ${path}: the key is correlated (\`correlations.0\``);
    expect(run.stderr).toContain('remove that entry from `correlations`');
    expect(run.stderr).not.toContain('cannot be set to');
  });
});
