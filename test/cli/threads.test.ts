import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateSharedResult, viewSharedResult } from '../../cli/sharedResult.js';
import { forecastOnThreads } from '../../cli/forecastOnThreads.js';
import { forecastScenario } from '../../engine/forecast.js';
import { loadScenarioDocument } from '../../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../../engine/priceCatalog.js';
import { RESULT_ARRAYS } from '../../engine/simulationResult.js';
import { validateScenario } from '../../engine/validate/validateScenario.js';
import { makeTemporaryFolder } from './runCli.js';

/**
 * Where these tests compile the CLI: a folder of their own, ignored by git,
 * so that `npm test` never rewrites dist/ under a user who is running
 * `node dist/cli/bin.js` (or `npm start`, `npm run bench`) at the same time.
 */
const BUILD = 'test-output/build';
const BIN = join(BUILD, 'cli', 'bin.js');
const WORKER = pathToFileURL(resolve(BUILD, 'cli', 'simulationWorker.js'));

/** dist/cli/bin.js's modification time before the build, or null when dist/ has none. */
let distBefore: number | null = null;
const distTimeOf = (): number | null =>
  existsSync('dist/cli/bin.js') ? statSync('dist/cli/bin.js').mtimeMs : null;

// Worker threads run compiled JavaScript (Node 20 cannot start a worker from a
// .ts file), so these tests compile first, with the build's settings, and run
// the real command from the compiled files.
beforeAll(() => {
  distBefore = distTimeOf();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', BUILD], {
    stdio: 'inherit',
  });
}, 180_000);

function summaryOnThreads(threads: number, seed = 5): Buffer {
  const out = makeTemporaryFolder();
  execFileSync('node', [
    BIN,
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

describe("the tests' own build of the CLI", () => {
  it('leaves dist/ as it was', () => {
    expect(distTimeOf()).toBe(distBefore);
  });

  it('finds the package.json and the schema from test-output/build', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(execFileSync('node', [BIN, '--version'], { encoding: 'utf8' }).trim()).toBe(
      manifest.version,
    );
    const scenario = join(makeTemporaryFolder(), 'new.yaml');
    execFileSync('node', [BIN, 'init', scenario], { stdio: 'pipe' });
    const [first = ''] = readFileSync(scenario, 'utf8').split('\n');
    const schemaPath = first.replace('# yaml-language-server: $schema=', '');
    expect(resolve(join(scenario, '..'), schemaPath)).toBe(resolve('schema/scenario.schema.json'));
  });
});

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
      const onBuild = { ...options, workerUrl: WORKER };
      const many = await forecastOnThreads(text, scenario!, onBuild, threads, []);
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
