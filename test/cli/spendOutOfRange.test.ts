import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemporaryFolder, runCli } from './runCli.js';

/**
 * 10k tasks growing 200% a month for 120 months: 3^119 = 6e56 times the first
 * month's tasks by the last, far past the 3.4e38 dollars a 32-bit float holds
 * (SpendOutOfRangeError). Without growth the same workload spends about $250.
 */
const step = '      s: { model: gpt-4o-mini, input_tokens: 1k, output_tokens: 100 }\n';
const growing =
  'scenario: ovf\nstart: 2027-01\nmonths: 120\ntrials: 200\nworkloads:\n' +
  `  a:\n    tasks_per_month: 10k\n    growth: 200%\n    steps:\n${step}` +
  'options:\n  cheaper:\n    set:\n      workloads.a.steps.s.model: gpt-4.1-nano\n';
const optionGrows =
  'scenario: ovfopt\nstart: 2027-01\nmonths: 120\ntrials: 200\nworkloads:\n' +
  `  a:\n    tasks_per_month: 10k\n    steps:\n${step}` +
  'options:\n  boom:\n    set:\n      workloads.a.growth: 200%\n';

function folderWith(files: Record<string, string>): string {
  const folder = makeTemporaryFolder();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('a spend past what a forecast can hold', () => {
  it('is refused by compare as run refuses it, at the workload, with exit 2', async () => {
    const folder = folderWith({ 'ovf.yaml': growing });
    const compare = await runCli(['compare', 'ovf.yaml', '--out', 'out'], folder);
    const run = await runCli(['run', 'ovf.yaml', '--out', 'out'], folder);
    // Before, compare printed "P90 $1.89e57" and exited 0.
    for (const refused of [compare, run]) {
      expect(refused.code).toBe(2);
      // Line 6, column 3 is `  a:` in the text above.
      expect(refused.stderr).toContain('ovf.yaml:6:3: error [out-of-range] workloads.a');
      expect(refused.stderr).toContain('The spend of workload `a` grows past 10^38 USD a month');
    }
    expect(compare.stdout).toBe('');
    expect(existsSync(join(folder, 'out'))).toBe(false);
  });

  it("is refused in an option's forecast by run and compare, at the option", async () => {
    const folder = folderWith({ 'ovfopt.yaml': optionGrows });
    for (const command of ['run', 'compare']) {
      const refused = await runCli([command, 'ovfopt.yaml', '--out', 'out'], folder);
      // Before, both exited 0 with the option's spend at $1.89e57.
      expect(refused.code).toBe(2);
      // Line 11, column 3 is `  boom:`.
      expect(refused.stderr).toContain('ovfopt.yaml:11:3: error [out-of-range] options.boom');
      expect(refused.stderr).toContain('With option `boom`, the spend of workload `a` grows');
      expect(existsSync(join(folder, 'out'))).toBe(false);
    }
  });

  it('names the compared file whose scenario overflows among several', async () => {
    const calm = optionGrows.replace('scenario: ovfopt', 'scenario: calm').split('options:')[0]!;
    const folder = folderWith({ 'calm.yaml': calm, 'ovf.yaml': growing });
    const refused = await runCli(['compare', 'calm.yaml', 'ovf.yaml', '--out', 'out'], folder);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ovf.yaml:6:3: error [out-of-range] workloads.a');
  });

  it('is refused by solve with the value that took it there', async () => {
    const folder = folderWith({ 'ovfopt.yaml': optionGrows });
    const args = ['solve', 'ovfopt.yaml', '--vary', 'workloads.a.growth'];
    const refused = await runCli(
      [...args, '--between', '0', '2', '--target', 'mean <= $1k'],
      folder,
    );
    expect(refused.code).toBe(2);
    // The search tries both ends first; at growth 2 (200%) the spend is the one above.
    expect(refused.stderr).toContain('ovfopt.yaml:6:3: error [out-of-range] workloads.a');
    // Growth is a rate, which solve writes as a percent wherever it gives a value of it
    // (its answer, its refusals): 2 is 200%, as `growth: 200%` is written in the file.
    expect(refused.stderr).toContain(
      'pertask: with workloads.a.growth set to 200%, the spend of workload `a` grows past ' +
        '10^38 USD a month',
    );
    expect(refused.stderr).not.toContain('set to 2,');
  });
});
