import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { makeTemporaryFolder, runCli } from './runCli.js';

const FOR_HELP = '\nRun `pertask --help` for usage.\n';

describe('usage errors in the tool’s own words', () => {
  it.each([
    [['run'], 'run needs at least one scenario file: pertask run <scenario.yaml...>'],
    [
      ['validate'],
      'validate needs at least one scenario file: pertask validate <scenario.yaml...>',
    ],
    [
      ['backtest', 'a.yaml'],
      'backtest needs a scenario file and at least one usage file: ' +
        'pertask backtest <scenario.yaml> <logs...>',
    ],
    [
      ['calibrate', 'usage.csv'],
      'calibrate needs at least one usage file and --out: ' +
        'pertask calibrate <logs...> --out <scenario.yaml>',
    ],
    [
      ['prices', 'import', 'map.json'],
      'prices import needs a price map and --out: ' +
        'pertask prices import <map.json> --out <catalog.json>',
    ],
    [['run', 'a.yaml', '--out'], '--out needs a value after it.'],
    [['init', '--template', 'fancy'], '--template takes one of basic, agent; got fancy.'],
  ])('`pertask %s` says what is missing, with exit 2', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`pertask: ${message}${FOR_HELP}`);
  });
});

const SCENARIO = resolve('scenarios/code-review.yaml');

describe('a one-valued flag given twice', () => {
  // Before, yargs's list of both values reached the readers: --trials read "100,200" as
  // 100,200 trials, --out made a folder named "a,b", --format failed while running.
  it.each([
    ['--trials of run', '--trials', ['run', SCENARIO, '--trials', '100', '--trials', '200']],
    ['--out of run', '--out', ['run', SCENARIO, '--out', 'a', '--out', 'b']],
    ['--format of run', '--format', ['run', SCENARIO, '--format', 'html', '--format', 'json']],
    ['--seed of compare', '--seed', ['compare', SCENARIO, '--seed', '1', '--seed', '2']],
    ['--out of prices import', '--out', ['prices', 'import', 'm.json', '--out', 'a', '--out', 'b']],
    // yargs adds up a number flag given twice: this ran with seed 2, exit 0.
    [
      '--seed of run, the same value twice',
      '--seed',
      ['run', SCENARIO, '--seed', '1', '--seed', '1'],
    ],
    ['--out written with =', '--out', ['run', SCENARIO, '--out=a', '--out', 'a']],
    ['--quiet and its alias -q', '--quiet', ['run', SCENARIO, '--quiet', '-q']],
    [
      '--max-trials written in camel case',
      '--max-trials',
      ['run', SCENARIO, '--max-trials', '9', '--maxTrials', '9'],
    ],
  ])('%s given twice is refused with exit 2, naming the flag', async (_name, flag, argv) => {
    // In a folder of its own, so that a run the check let through writes nothing here.
    const run = await runCli(argv, makeTemporaryFolder());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`pertask: ${flag} is given more than once; give it once.\n`);
    expect(run.stdout).toBe('');
  });

  it('reads nothing after -- as a flag', async () => {
    const run = await runCli(['validate', SCENARIO, '--quiet', '--', '--quiet']);
    expect(run.stderr).not.toContain('more than once');
  });

  it('leaves the arguments that take several values alone', async () => {
    const run = await runCli(['validate', SCENARIO, resolve('scenarios/docs-pipeline.yaml')]);
    expect(run.code).toBe(0);
  });
});

describe('whole-number flags read as typed text', () => {
  const SEED_RULE =
    '--seed must be a whole number from 0 to 9,007,199,254,740,991, written as in a scenario ' +
    '(20270101 or 20,270,101)';
  // Before, yargs's number type read "" and " " as 0 and 0x10 as 16, and these ran, exit 0.
  it.each([
    ['run', ['run', SCENARIO, '--seed', ''], `${SEED_RULE}; got an empty value.`],
    ['run', ['run', SCENARIO, '--seed', ' '], `${SEED_RULE}; got a blank value.`],
    ['run', ['run', SCENARIO, '--seed', '0x10'], `${SEED_RULE}; got 0x10.`],
    ['run', ['run', SCENARIO, '--seed', 'abc'], `${SEED_RULE}; got abc.`],
    ['compare', ['compare', SCENARIO, '--seed', ''], `${SEED_RULE}; got an empty value.`],
    [
      'solve',
      ['solve', SCENARIO, '--vary', 'x', '--target', 'p80 <= budget', '--seed', '0x10'],
      `${SEED_RULE}; got 0x10.`,
    ],
    [
      'backtest',
      ['backtest', SCENARIO, 'u.csv', '--seed', ' '],
      `${SEED_RULE}; got a blank value.`,
    ],
    [
      'run',
      ['run', SCENARIO, '--threads', ''],
      '--threads must be a whole number from 1 to 256, e.g. 2 or 8; got an empty value.',
    ],
    [
      'run',
      ['run', SCENARIO, '--watch', '--port', '0x1F90'],
      '--port must be a whole number from 0 to 65,535, e.g. 8080, or 0 for any free port; ' +
        'got 0x1F90.',
    ],
    [
      'dashboard',
      ['dashboard', 'u.csv', '--months', ''],
      '--months must be a whole number from 1 to 120, e.g. 12 or 24; got an empty value.',
    ],
    [
      'calibrate',
      ['calibrate', 'u.csv', '--out', 'c.yaml', '--months', ' '],
      '--months must be a whole number from 1 to 120, e.g. 12 or 24; got a blank value.',
    ],
  ])(
    '%s refuses a flag it cannot read as a whole number, naming what it got',
    async (_command, argv, message) => {
      const run = await runCli(argv, makeTemporaryFolder());
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`pertask: ${message}\n`);
    },
  );

  it('takes a seed in the forms a scenario takes, as --trials does', async () => {
    for (const written of ['1000', '1,000', '1k', '1e3']) {
      const argv = ['run', SCENARIO, '--seed', written, '--trials', '20', '--json', '-q'];
      const run = await runCli([...argv, '--out', makeTemporaryFolder()]);
      expect(run.code).toBe(0);
      // 1000 is what each form means in a scenario's `seed:` (README, scenario reference).
      expect(JSON.parse(run.stdout).scenario.seed).toBe(1000);
    }
  });
});
