import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, makeCli } from '../../cli/makeCli.js';
import { makeTemporaryFolder, runCli } from './runCli.js';

const EXAMPLES = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join('scenarios', name));

const EXPECTED_FILES = [
  'report.html',
  'summary.json',
  'monthly.csv',
  'summary.md',
  'report.xlsx',
  ...['index', 'monthly-fan', 'annual-distribution', 'by-workload'].flatMap((chart) => [
    `${chart}.vl.json`,
    `${chart}.svg`,
    `${chart}.png`,
  ]),
];

describe('pertask run on the bundled examples', () => {
  it('finds the five examples', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES)('runs %s and writes every report file', async (file) => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', file, '--trials', '400', '--out', out]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const folders = readdirSync(out);
    expect(folders).toHaveLength(1);
    const written = readdirSync(join(out, folders[0]!)).sort();
    const summary = JSON.parse(readFileSync(join(out, folders[0]!, 'summary.json'), 'utf8'));
    // Every example has a budget and drivers of the gap; the backtest has no uncertain
    // input, hence no tornado; some have options.
    const decisions = ['gap-waterfall', 'budget'];
    if (summary.sensitivity.inputs.length > 0) decisions.push('tornado');
    if (summary.options !== undefined) decisions.push('paired-differences');
    const charts = decisions.flatMap((chart) => [
      `${chart}.vl.json`,
      `${chart}.svg`,
      `${chart}.png`,
    ]);
    expect(written).toEqual([...EXPECTED_FILES, ...charts].sort());
    expect(summary.scenario.trials).toBe(400);
    expect(run.stdout).toMatch(/(annual|\d+-month) spend/);
    expect(run.stdout).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('pertask run output modes', () => {
  it('prints the summary JSON on stdout with --json and nothing else there', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', EXAMPLES[0]!, '--trials', '300', '--json', '--out', out]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.schemaVersion).toBe(1);
    expect(run.stderr).toContain('Wrote');
  });

  it('prints nothing with --quiet', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', EXAMPLES[0]!, '--trials', '300', '--quiet', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('prints the few-trials warning on stderr only, and keeps it in the JSON', async () => {
    const out = makeTemporaryFolder();
    const text = await runCli(['run', EXAMPLES[0]!, '--trials', '100', '--out', out]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('warning: Only 100 trials');
    expect(text.stdout).not.toContain('Only 100 trials');
    const json = await runCli(['run', EXAMPLES[0]!, '--trials', '100', '--json', '--out', out]);
    expect(json.stderr).toContain('warning: Only 100 trials');
    const summary = JSON.parse(json.stdout);
    expect(summary.warnings.some((w: string) => w.startsWith('trials: Only 100 trials'))).toBe(
      true,
    );
  });

  it('prints no warning of validation or of few trials with --quiet', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'steep.yaml');
    writeFileSync(
      file,
      'scenario: steep\nstart: 2027-01\nworkloads:\n  w:\n    tasks_per_month: 10k\n' +
        '    growth: 30%\n    steps:\n      s: { model: gpt-4o, input_tokens: 1000 }\n',
    );
    const loud = await runCli(['run', file, '--trials', '100', '--out', join(folder, 'a')]);
    expect(loud.stderr).toContain('warning [implausible] workloads.w.growth');
    const run = await runCli(['run', file, '--trials', '100', '-q', '--out', join(folder, 'b')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('writes a byte-identical summary.json for the same seed', async () => {
    const first = makeTemporaryFolder();
    const second = makeTemporaryFolder();
    const args = ['run', EXAMPLES[1]!, '--trials', '700', '--seed', '99', '--quiet'];
    await runCli([...args, '--out', first]);
    await runCli([...args, '--out', second]);
    const [folder] = readdirSync(first);
    const read = (root: string) => readFileSync(join(root, folder!, 'summary.json'));
    expect(read(second).equals(read(first))).toBe(true);
  });
});

describe('pertask run on bad input', () => {
  it('refuses --port without --watch, as it refuses --max-trials without --precision', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', EXAMPLES[0]!, '--port', '8080', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('pertask: --port goes with --watch.\n');
    expect(readdirSync(out)).toEqual([]);
  });

  it('takes --trials in the forms a scenario takes trials: 1k, 1,000, 1e3', async () => {
    for (const written of ['1k', '1,000', '1e3']) {
      const out = makeTemporaryFolder();
      const run = await runCli(['run', EXAMPLES[0]!, '--trials', written, '--json', '--out', out]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).scenario.trials).toBe(1000);
    }
  });

  it('refuses a count of trials it cannot read, writing the range as the README does', async () => {
    for (const [flag, written] of [
      ['--trials', '20M'],
      ['--trials', '1.5'],
      ['--trials', '10%'],
      ['--max-trials', '$2k'],
    ]) {
      const args = ['run', EXAMPLES[0]!, flag!, written!, '--precision', '1%'];
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `pertask: ${flag} must be a whole number of trials from 1 to 10,000,000, written as ` +
          `in a scenario (20000, 20,000 or 20k); got ${written}.\n`,
      );
    }
  });

  it('exits 2 naming file:line:col and the key, writing nothing, for a broken file', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'broken.yaml');
    writeFileSync(
      file,
      'scenario: broken\nstart: 2027-01\nworkloads:\n  w:\n    tasks_per_month: 10k\n' +
        '    steps:\n      s: { model: gpt-4o, input_tokens: lots }\n',
    );
    const out = join(folder, 'out');
    const run = await runCli(['run', file, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:7:41`);
    expect(run.stderr).toContain('workloads.w.steps.s.input_tokens');
    expect(run.stderr).toContain('^^^^');
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing for any file when one of several is broken', async () => {
    const folder = makeTemporaryFolder();
    const bad = join(folder, 'bad.yaml');
    writeFileSync(bad, 'scenario: bad\nstart: 2027-01\n');
    const out = join(folder, 'out');
    const run = await runCli(['run', EXAMPLES[0]!, bad, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The key `workloads` is required');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for a missing file, an unknown option and a bad --trials', async () => {
    expect((await runCli(['run', 'no-such.yaml'])).code).toBe(2);
    expect((await runCli(['run', EXAMPLES[0]!, '--bogus'])).code).toBe(2);
    const badTrials = await runCli(['run', EXAMPLES[0]!, '--trials', '0']);
    expect(badTrials.code).toBe(2);
    expect(badTrials.stderr).toContain('--trials');
    expect((await runCli([])).code).toBe(2);
  });

  it('exits 2 before simulating when --out cannot hold the reports', async () => {
    const folder = makeTemporaryFolder();
    const file = join(folder, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await runCli(['run', EXAMPLES[0]!, '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `pertask: cannot write ${file} (it is a file, not a folder); ` +
        'choose another folder with --out.\n',
    );
    expect((await runCli(['run', EXAMPLES[0]!, '--out', '/proc/pertask-test'])).code).toBe(2);
  });

  it('exits 2 and writes nothing when a file stands where a scenario folder would go', async () => {
    const out = makeTemporaryFolder();
    const run0 = await runCli([
      'run',
      EXAMPLES[0]!,
      '--trials',
      '100',
      '-q',
      '--json',
      '--out',
      out,
    ]);
    const name = JSON.parse(run0.stdout).scenario.name as string;
    const other = makeTemporaryFolder();
    writeFileSync(join(other, name), 'not a folder');
    const run = await runCli(['run', EXAMPLES[0]!, '--trials', '100', '--out', other]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `pertask: cannot write ${join(other, name)} (it is a file, not a folder); ` +
        'choose another folder with --out.\n',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(other)).toEqual([name]);
  });

  it('names an unknown option once, as typed, without its camel-case twin', async () => {
    const run = await runCli(['run', EXAMPLES[0]!, '--bogus-opt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown option: --bogus-opt\n');
    expect(run.stderr).not.toContain('bogusOpt');
  });

  it('says a word is not a command and lists the commands, with the nearest one', async () => {
    const unknown = await runCli(['bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('`bogus` is not a command.');
    expect(unknown.stderr).toMatch(/Commands: run, .*validate, .*prices/);
    const typo = await runCli(['rnu', EXAMPLES[0]!]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean `run`?');
  });

  it('knows the same commands, in the same order, as its help lists', async () => {
    const help = await runCli(['--help']);
    const listed = [...help.stdout.matchAll(/^ {2}pertask (\w+)/gm)].map((match) => match[1]);
    expect(listed).toEqual([...COMMAND_NAMES]);
  });

  it('never shows a stack trace', async () => {
    const run = await runCli(['run', 'no-such.yaml']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('pertask run --format', () => {
  it('writes only the formats it names', async () => {
    const out = makeTemporaryFolder();
    const args = ['run', EXAMPLES[0]!, '--trials', '300', '-q', '--out', out];
    const run = await runCli([...args, '--format', 'html, xlsx']);
    expect(run.code).toBe(0);
    const [folder] = readdirSync(out);
    expect(readdirSync(join(out, folder!)).sort()).toEqual(['report.html', 'report.xlsx']);
  });

  it('writes a PNG per chart that starts with the PNG signature', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli([
      'run',
      EXAMPLES.find((file) => file.endsWith('code-review.yaml'))!,
      '--trials',
      '300',
      '-q',
      '--out',
      out,
      '--format',
      'png',
    ]);
    expect(run.code).toBe(0);
    const [folder] = readdirSync(out);
    const files = readdirSync(join(out, folder!)).sort();
    // The example has a budget, drivers of the gap, uncertain inputs and options, so it has
    // the four decision charts beside the four of every forecast.
    expect(files).toEqual([
      'annual-distribution.png',
      'budget.png',
      'by-workload.png',
      'gap-waterfall.png',
      'index.png',
      'monthly-fan.png',
      'paired-differences.png',
      'tornado.png',
    ]);
    for (const file of files) {
      // PNG signature, RFC 2083 section 3.1: 137 80 78 71 13 10 26 10.
      const bytes = readFileSync(join(out, folder!, file));
      expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    }
  });

  it('refuses an unknown format with exit 2, the valid names and the closest', async () => {
    const out = makeTemporaryFolder();
    const run = await runCli(['run', EXAMPLES[0]!, '--out', out, '--format', 'html,xslx']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown format `xslx`');
    expect(run.stderr).toContain('html, json, csv, md, xlsx, png, svg, vl');
    expect(run.stderr).toContain('Did you mean `xlsx`?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('pertask run on a terminal', () => {
  /** Runs with stderr claiming to be a terminal, as it is in an interactive shell. */
  async function runOnTerminal(extra: readonly string[]) {
    let stderr = '';
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: true },
      cwd: process.cwd(),
      env: {},
    };
    const out = makeTemporaryFolder();
    const args = ['run', EXAMPLES[0]!, '--trials', '3000', '--format', 'json', '--out', out];
    const code = await makeCli([...args, ...extra], io).run();
    return { code, stderr };
  }

  it.each([['--quiet'], ['--json']])('draws no progress bar under %s', async (flag) => {
    const run = await runOnTerminal([flag]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain('trials\u001b[K');
  });
});

describe('pertask run on a scenario with work that costs nothing', () => {
  const scenarioWith = (b: string) =>
    'scenario: idle\nstart: 2027-01\ntrials: 200\nworkloads:\n' +
    '  a:\n    tasks_per_month: 10k\n    steps:\n' +
    '      s: { model: gpt-4o-mini, input_tokens: 1k, output_tokens: 100 }\n' +
    `  b:\n    tasks_per_month: 10k\n    steps:\n      ${b}\n`;

  it.each([
    ['a step with a model and no tokens', 'draft: { model: gpt-4o }'],
    ['a step with `when: 0`', 'draft: { model: gpt-4o, input_tokens: 1k, when: 0 }'],
  ])('exits 0 with %s and says why it is $0', async (_case, step) => {
    // The review's repro: validate accepted these and run exited 1 after writing the reports.
    const folder = makeTemporaryFolder();
    writeFileSync(join(folder, 'idle.yaml'), scenarioWith(step));
    const run = await runCli(['run', 'idle.yaml', '--out', 'out'], folder);
    expect(run.stderr).not.toContain('failed while running');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^b\s+\$0\s+\$0\s+–$/m);
    // The warning, with the step's place: line 12, column 7 of the file above.
    expect(run.stderr).toContain('idle.yaml:12:7: warning [implausible] workloads.b.steps.draft');
  });
});
