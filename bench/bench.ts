/**
 * `npm run bench`: times the forecast of a large generated scenario (50
 * workloads of 5 steps, 36 months, 100,000 trials) and reports the rate in
 * trial-workload-months per second and the peak resident memory. Targets are
 * checked here, not in unit tests, since shared machines make timings noisy.
 */
import { forecastScenario } from '../engine/forecast.js';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { BUILTIN_CATALOG } from '../engine/priceCatalog.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { availableParallelism } from 'node:os';
import { forecastOnThreads } from '../cli/forecastOnThreads.js';
import { generateLargeScenario } from './generateLargeScenario.js';

const SHAPE = { workloads: 50, steps: 5, months: 36, trials: 100_000 };
const TARGET_SECONDS = 30;
const TARGET_BYTES = 2 * 1024 ** 3;

async function main(): Promise<void> {
  const text = generateLargeScenario(SHAPE);
  const { scenario, issues } = validateScenario(loadScenarioDocument(text), BUILTIN_CATALOG);
  if (scenario === undefined) {
    process.stderr.write(`bench scenario is invalid: ${JSON.stringify(issues[0])}\n`);
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  // The forecast and its summary, as before the decision analyses, which are
  // bounded on their own (engine/decide/decisionBudget.ts) and timed apart.
  const summary = forecastScenario(scenario, { decisions: false });
  const seconds = (performance.now() - started) / 1000;
  const peakBytes = process.resourceUsage().maxRSS * 1024;
  const cells = SHAPE.trials * SHAPE.workloads * SHAPE.months;
  const rows = [
    ['scenario', `${SHAPE.workloads} workloads x ${SHAPE.steps} steps, ${SHAPE.months} months`],
    ['trials', SHAPE.trials.toLocaleString('en-US')],
    ['wall time (forecast and summary)', `${seconds.toFixed(2)} s (target ${TARGET_SECONDS} s)`],
    ['trial-workload-months per second', Math.round(cells / seconds).toLocaleString('en-US')],
    ['peak resident memory', `${(peakBytes / 1024 ** 2).toFixed(0)} MiB (target 2048 MiB)`],
    ['annual spend P50 (check value)', summary.total.annual.perTask.p50.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([label]) => label!.length));
  for (const [label, value] of rows) process.stdout.write(`${label!.padEnd(width)}  ${value}\n`);
  const met = seconds <= TARGET_SECONDS && peakBytes <= TARGET_BYTES;
  // A benchmark measures; it does not fail the command. The verdict is printed.
  process.stdout.write(met ? 'one-thread targets met\n' : 'one-thread targets missed\n');
  const threads = availableParallelism();
  const threadedStart = performance.now();
  const threaded = await forecastOnThreads(
    text,
    scenario,
    { trials: undefined, seed: undefined, decisions: false },
    threads,
    [],
  );
  const threadedSeconds = (performance.now() - threadedStart) / 1000;
  const same = JSON.stringify(threaded) === JSON.stringify(summary);
  process.stdout.write(
    `wall time on ${threads} threads         ${threadedSeconds.toFixed(2)} s` +
      ` (same summary as one thread: ${same ? 'yes' : 'NO'})\n`,
  );
}

await main();
