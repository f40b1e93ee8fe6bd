import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateSharedResult, viewSharedResult } from '../../cli/sharedResult.js';
import { forecastOnThreads } from '../../cli/forecastOnThreads.js';
import { forecastScenario } from '../../engine/forecast.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { RESULT_ARRAYS } from '../../engine/simulationResult.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { makeTemporaryFolder } from './runCli.js';

// Worker threads run the compiled build (Node 20 cannot start a worker from a
// .ts file), so these tests build it first and run the real command.
beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}, 180_000);

function summaryOnThreads(threads: number, seed = 5): Buffer {
  const out = makeTemporaryFolder();
  execFileSync('node', [
    'dist/cli/bin.js',
    'run',
    'scenarios/code-review.yaml',
    '--trials',
    '4500',
    '--seed',
    String(seed),
    '--threads',
    String(threads),
    '--quiet',
    '--out',
    out,
  ]);
  return readFileSync(join(out, 'code-review', 'summary.json'));
}

describe('simulating on several threads', () => {
  it('gives a byte-identical summary.json on 1, 2 and 4 threads', () => {
    const one = summaryOnThreads(1);
    expect(summaryOnThreads(2).equals(one)).toBe(true);
    expect(summaryOnThreads(4).equals(one)).toBe(true);
  });

  it('still gives different numbers for a different seed', () => {
    expect(summaryOnThreads(2, 6).equals(summaryOnThreads(2, 5))).toBe(false);
  });
});

describe('simulating with sketched workload series', () => {
  const text = readFileSync('scenarios/support-triage.yaml', 'utf8');
  const { scenario } = validateScenario(loadScenarioDocument(text), BUILTIN_CATALOG);
  const options = { trials: 6_500, seed: 11, exactWorkloadSeries: false };

  it('gives the same summary on 1, 2 and 4 threads, sketch counts merged from each', async () => {
    const one = JSON.stringify(forecastScenario(scenario!, options));
    expect(one).toContain('workloadMonthlySketch');
    for (const threads of [2, 4]) {
      const many = await forecastOnThreads(text, scenario!, options, threads, []);
      expect(JSON.stringify(many)).toBe(one);
    }
  });
});

describe('a result in shared memory', () => {
  it('is seen by another thread as the same arrays, in the same order', () => {
    const shape = { trials: 700, months: 5, workloadCount: 3, exact: true };
    const { result, buffers } = allocateSharedResult(shape);
    const view = viewSharedResult(shape, buffers);
    for (const name of RESULT_ARRAYS) {
      expect(view[name].length).toBe(result[name].length);
      expect(view[name].buffer).toBe(result[name].buffer);
    }
  });
});
