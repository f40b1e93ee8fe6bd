import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../../cli/makeCli.js';
import { makeTemporaryFolder } from './runCli.js';

/** Runs the CLI in-process on a machine of `totalMemoryBytes`. */
async function runWithMemory(argv: readonly string[], totalMemoryBytes: number) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: process.cwd(),
    env: {},
    totalMemoryBytes,
  };
  const code = await makeCli(argv, io).run();
  return { code, stdout, stderr };
}

const MIB = 1024 ** 2;

/** The refusal of a million trials of code-review, with the way out. */
const REFUSED_MILLION = /code-review\.yaml: 1,000,000 trials would need .*\(--trials \d+\)\.\n$/;

describe('the memory check of run', () => {
  it('refuses, exit 2, a run too large for the machine and writes nothing', async () => {
    const out = join(makeTemporaryFolder(), 'reports');
    const { code, stdout, stderr } = await runWithMemory(
      ['run', 'scenarios/code-review.yaml', '--trials', '1M', '--out', out],
      512 * MIB,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    // 1M trials of code-review (12 months, options) need GiBs; 75% of 0.5 GiB is 0.4 GiB.
    expect(stderr).toContain('code-review.yaml: 1,000,000 trials would need about ');
    expect(stderr).toContain(
      "more than this machine's 0.5 GiB allows (a run may take 75% of it, 0.4 GiB)",
    );
    const most = /; use at most ([\d,]+) trials \(--trials (\d+)\)\.\n$/.exec(stderr);
    expect(Number(most?.[2])).toBeGreaterThan(0);
    expect(Number(most?.[2])).toBeLessThan(1_000_000);
    expect(existsSync(out)).toBe(false);
  });

  it('names --max-trials under --precision, which may run up to it', async () => {
    const out = join(makeTemporaryFolder(), 'reports');
    const argv = ['run', 'scenarios/code-review.yaml', '--precision', '1%', '--out', out];
    const { code, stderr } = await runWithMemory(argv, 512 * MIB);
    expect(code).toBe(2);
    expect(stderr).toMatch(/1,000,000 trials would need .*\(--max-trials \d+\)\.\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('says when no count of trials fits', async () => {
    const argv = ['run', 'scenarios/code-review.yaml', '--trials', '1000', '--out', 'unused'];
    const { code, stderr } = await runWithMemory(argv, 100 * MIB);
    expect(code).toBe(2);
    expect(stderr).toContain('no number of trials fits; run it on a machine with more memory.');
  });
});

describe('the memory check of compare and solve', () => {
  it('refuses a comparison too large for the machine before writing it', async () => {
    const out = join(makeTemporaryFolder(), 'reports');
    const argv = ['compare', 'scenarios/code-review.yaml', '--trials', '1M', '--out', out];
    const { code, stdout, stderr } = await runWithMemory(argv, 512 * MIB);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(REFUSED_MILLION);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a solve too large for the machine', async () => {
    const path = 'workloads.code-review.steps.review-loop.calls';
    const argv = ['solve', 'scenarios/code-review.yaml', '--vary', path, '--target', 'p80 <= $1M'];
    const { code, stdout, stderr } = await runWithMemory([...argv, '--trials', '1M'], 512 * MIB);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(REFUSED_MILLION);
  });
});
