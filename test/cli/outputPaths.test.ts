import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    expect(readdirSync(join(out, 'code-review'))).toEqual([]);
    expect(readdirSync(join(out, 'support-triage'))).toEqual(['report.html']);
  });
});
