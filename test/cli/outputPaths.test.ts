import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTauBenchUsageLog, TAU_BENCH_PATH } from '../fixtures/usage/tauBenchUsageLog.js';
import { makeTemporaryFolder, runCli } from './runCli.js';

const MAP = '../shared/data/litellm-model-prices.json';
const LOG = 'test/fixtures/usage/generic.jsonl';
const SCENARIO = 'scenarios/code-review.yaml';

/** A usage log calibrate can fit: the tau-bench tasks, which name their tasks. */
function writeTauLog(): string {
  const log = join(makeTemporaryFolder(), 'tau-usage.csv');
  writeFileSync(log, buildTauBenchUsageLog(readFileSync(TAU_BENCH_PATH, 'utf8')));
  return log;
}

/** The command lines of every command that writes, each aimed at `out`. */
function writingCommands(out: string): [string, string[]][] {
  return [
    ['run', ['run', SCENARIO, '--trials', '100', '-q', '--out', out]],
    ['compare', ['compare', SCENARIO, '--trials', '100', '--out', out]],
    ['dashboard', ['dashboard', LOG, '-q', '--out', out]],
    ['calibrate', ['calibrate', writeTauLog(), '--out', out]],
    ['prices import', ['prices', 'import', MAP, '--out', out]],
  ];
}

describe('outputs the user cannot write', () => {
  // Nothing can be created directly under /proc, even by root: open() fails with ENOENT.
  it.each([...writingCommands('/proc/pertask-test'), ['init', ['init', '/proc/pertask-test']]])(
    '%s names a path under /proc and what is wrong, in one line, with exit 2',
    async (_name, argv) => {
      const run = await runCli(argv as string[]);
      expect(run.code).toBe(2);
      const last = run.stderr.trimEnd().split('\n').at(-1);
      expect(last).toMatch(/^pertask: cannot write \/proc\/pertask-test\S* \(nothing can be/);
      expect(run.stderr).not.toMatch(/ENOENT|\.pertask\.tmp|failed while running|\n\s+at /);
    },
  );

  it.each([...writingCommands(''), ['init', ['init', '']]])(
    '%s refuses an empty output path with exit 2 and writes nothing',
    async (_name, argv) => {
      const folder = makeTemporaryFolder();
      const run = await runCli(argv as string[], folder);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--out is empty|init needs a file to write/);
      expect(readdirSync(folder)).toEqual([]);
    },
  );
});

/** Tasks triple every month for ten years: the engine refuses the spend (past 10^38 a month). */
const OVERFLOWING = `scenario: overflow
start: 2027-01
months: 120
trials: 200
workloads:
  w:
    tasks_per_month: 1M
    growth: 200% to 300%
    steps:
      s: { model: gpt-4o-mini, input_tokens: 1k, output_tokens: 100 }
`;

/** Inputs that each block their command after its arguments were read, kept apart from `out`. */
function writeBlockingInputs() {
  const folder = makeTemporaryFolder();
  const write = (name: string, text: string) => {
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  };
  return {
    overflowing: write('overflow.yaml', OVERFLOWING),
    invalid: write('invalid.yaml', 'scenario: bad\nstart: 2027-13\n'),
    badLog: write('bad.csv', 'time,model,input_tokens,output_tokens\nnot a time,gpt-4o,1x,5\n'),
    untaskedLog: write(
      'untasked.csv',
      'time,model,input_tokens,output_tokens\n2025-01-02T00:00:00Z,gpt-4o,100,5\n',
    ),
    emptyMap: write('map.json', '{"dall-e-3": {"mode": "image_generation"}}'),
  };
}

describe('a blocked command leaves no folder behind', () => {
  const inputs = writeBlockingInputs();
  // Each aims at a folder two levels below a fresh one, none of which exists yet.
  const cases: [string, (out: string) => string[], RegExp][] = [
    [
      'run of a scenario the engine refuses',
      (out) => ['run', inputs.overflowing, '--out', out],
      /error \[out-of-range\] workloads\.w\n/,
    ],
    [
      'run of an invalid scenario',
      (out) => ['run', inputs.invalid, '--out', out],
      /error \[bad-month\] start/,
    ],
    [
      'compare of an invalid scenario',
      (out) => ['compare', inputs.invalid, '--out', out],
      /error \[bad-month\] start/,
    ],
    [
      'dashboard of a bad log',
      (out) => ['dashboard', inputs.badLog, '--out', out],
      /bad\.csv:2:1: error \[time\]/,
    ],
    [
      'calibrate of a bad log',
      (out) => ['calibrate', inputs.badLog, '--out', `${out}/c.yaml`],
      /bad\.csv:2:1: error \[time\]/,
    ],
    [
      'calibrate of a log without tasks',
      (out) => ['calibrate', inputs.untaskedLog, '--out', `${out}/c.yaml`],
      /cannot calibrate: .*name no tasks/,
    ],
    [
      'prices import of a map without text models',
      (out) => ['prices', 'import', inputs.emptyMap, '--as-of', '2026-01-01', '--out', `${out}/p`],
      /no text model with input and output prices/,
    ],
    [
      'init of a name too long',
      (out) => ['init', `${out}/${'x'.repeat(300)}.yaml`],
      /\(the name is too long\)/,
    ],
  ];

  it.each(cases)('%s exits 2 and makes no folder', async (_name, argvOf, reason) => {
    const root = makeTemporaryFolder();
    const run = await runCli(argvOf(join(root, 'new', 'deeper')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/failed while running|\n\s+at /);
    expect(readdirSync(root)).toEqual([]);
  });

  it('keeps an --out folder that was there before, untouched', async () => {
    const out = makeTemporaryFolder();
    writeFileSync(join(out, 'mine.txt'), 'mine');
    const run = await runCli(['run', inputs.overflowing, '-q', '--out', out]);
    expect(run.code).toBe(2);
    expect(readdirSync(out)).toEqual(['mine.txt']);
    expect(existsSync(join(out, 'overflow'))).toBe(false);
  });
});

describe('a set of outputs is written all or nothing', () => {
  it('replaces no report of a run when one of them is blocked by a folder', async () => {
    const out = makeTemporaryFolder();
    const argv = ['run', SCENARIO, '--trials', '100', '-q', '--out', out];
    expect((await runCli(argv)).code).toBe(0);
    const folder = join(out, 'code-review');
    const before = new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name))]));
    const stale = readFileSync(join(folder, 'summary.json'), 'utf8');
    // summary.md turned into a folder: the rename onto it would fail with EISDIR.
    const blocked = join(folder, 'summary.md');
    rmSync(blocked);
    mkdirSync(blocked);
    const run = await runCli([...argv, '--seed', '99']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `pertask: cannot write ${blocked} (it is a folder, not a file); ` +
        'move it away, or choose another folder with --out.\n',
    );
    expect(readFileSync(join(folder, 'summary.json'), 'utf8')).toBe(stale);
    expect(readdirSync(folder).sort()).toEqual([...before.keys()].sort());
    for (const [name, stat] of before) {
      if (name === 'summary.md') continue;
      expect(statSync(join(folder, name)).mtimeMs).toBe(stat.mtimeMs);
    }
  });

  it('writes no scenario of a run of two when the second cannot be written', async () => {
    const out = makeTemporaryFolder();
    mkdirSync(join(out, 'support-triage', 'report.html'), { recursive: true });
    const run = await runCli([
      'run',
      SCENARIO,
      'scenarios/support-triage.yaml',
      '--trials',
      '100',
      '-q',
      '--out',
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('report.html (it is a folder, not a file)');
    // The first scenario's folder was never made: every target is checked first.
    expect(existsSync(join(out, 'code-review'))).toBe(false);
    expect(readdirSync(join(out, 'support-triage'))).toEqual(['report.html']);
  });
});

describe('a file that exists is overwritten only with --force', () => {
  /** The commands that write one named file, each aimed at `target`. */
  const singleFileCommands = (target: string): [string, string[]][] => [
    ['init', ['init', target]],
    ['calibrate', ['calibrate', writeTauLog(), '--out', target]],
    ['prices import', ['prices', 'import', resolve(MAP), '--out', target]],
  ];

  it.each(singleFileCommands('kept.txt'))(
    '%s refuses with the one message, naming the path, and --force overwrites',
    async (_name, argv) => {
      const folder = makeTemporaryFolder();
      writeFileSync(join(folder, 'kept.txt'), 'mine');
      const refused = await runCli(argv, folder);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^pertask: kept\.txt already exists; add --force to overwrite it, or choose another /,
      );
      expect(readFileSync(join(folder, 'kept.txt'), 'utf8')).toBe('mine');
      const forced = await runCli([...argv, '--force'], folder);
      expect(forced.code).toBe(0);
      expect(readFileSync(join(folder, 'kept.txt'), 'utf8')).not.toBe('mine');
    },
  );

  it.each(singleFileCommands('a-folder'))(
    '%s refuses a folder at the path even with --force',
    async (_name, argv) => {
      const folder = makeTemporaryFolder();
      mkdirSync(join(folder, 'a-folder'));
      const run = await runCli([...argv, '--force'], folder);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^pertask: cannot write a-folder \(it is a folder, not a file\);/);
    },
  );

  it.each([['init'], ['calibrate'], ['prices', 'import']])(
    '%s describes --force in the same words',
    async (...command) => {
      const help = await runCli([...command, '--help']);
      expect(help.stdout).toMatch(/--force\s+Overwrite the file if it exists/);
    },
  );
});
