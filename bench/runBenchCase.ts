/**
 * One case of `npm run bench`, run in a child process of its own so that its
 * peak memory is its own: forecasts a scenario and prints, as one JSON line,
 * its wall time, the process's peak resident memory (worker threads
 * included), a hash of the summary and a check value.
 *
 * Usage: node dist/bench/runBenchCase.js <large | scenario file> <trials> <threads>
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { forecastOnThreads } from '../cli/forecastOnThreads.js';
import { forecastScenario } from '../engine/forecast.js';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../engine/priceCatalog.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { LARGE_SHAPE, generateLargeScenario } from './generateLargeScenario.js';

export interface BenchCaseResult {
  readonly seconds: number;
  /**
   * CPU seconds of all the process's threads over the forecast: on a machine
   * shared with other work, a steadier figure than the wall time.
   */
  readonly cpuSeconds: number;
  readonly peakBytes: number;
  /** sha256 of the summary JSON: equal hashes, byte-identical summaries. */
  readonly summaryHash: string;
  readonly annualPerTaskP50: number;
  readonly sketched: boolean;
}

async function main(): Promise<void> {
  const [source = 'large', trialsText = '', threadsText = '1'] = process.argv.slice(2);
  const text =
    source === 'large' ? generateLargeScenario(LARGE_SHAPE) : readFileSync(source, 'utf8');
  const { scenario, issues } = validateScenario(loadScenarioDocument(text), BUILTIN_CATALOG);
  if (scenario === undefined) throw new Error(`${source} is invalid: ${issues[0]?.message}`);
  const trials = Number(trialsText);
  const threads = Number(threadsText);
  // The forecast alone: the decision analyses are bounded apart (see the README's Benchmark).
  const overrides = { trials, seed: undefined, decisions: false };
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const summary =
    threads > 1
      ? await forecastOnThreads(text, scenario, overrides, threads, [])
      : forecastScenario(scenario, overrides);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const result: BenchCaseResult = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakBytes: process.resourceUsage().maxRSS * 1024,
    summaryHash: createHash('sha256').update(JSON.stringify(summary)).digest('hex'),
    annualPerTaskP50: summary.total.annual.perTask.p50,
    sketched: summary.workloadMonthlySketch !== undefined,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
