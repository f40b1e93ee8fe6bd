import { Worker } from 'node:worker_threads';
import {
  progressCounter,
  settleScenario,
  summarizeForecast,
  taskNoiseOf,
} from '../engine/forecast.js';
import { planSimulation } from '../engine/planSimulation.js';
import type { ScenarioIssue } from '../engine/scenarioIssue.js';
import type { Scenario } from '../engine/scenarioTypes.js';
import { addDashboards, blockCount } from '../engine/simulate.js';
import { simulateTasks } from '../engine/simulateTasks.js';
import type { Summary } from '../engine/summaryTypes.js';
import { allocateSharedResult, type WorkerTask } from './sharedResult.js';

/**
 * Forecasts a validated scenario with its blocks of trials spread over worker
 * threads, block b going to thread b mod threads. Every block draws from
 * streams keyed by the seed and its own index, and the dashboard sums are added
 * in block order, so the summary is byte for byte the one a single thread
 * gives.
 */
export async function forecastOnThreads(
  text: string,
  scenario: Scenario,
  options: { trials: number | undefined; seed: number | undefined },
  threads: number,
  issues: readonly ScenarioIssue[],
  onProgress?: (trialsDone: number, trials: number) => void,
  from?: { readonly file: string; readonly cwd: string },
): Promise<Summary> {
  const settled = settleScenario(scenario, options);
  const plan = planSimulation(settled);
  const taskCosts = simulateTasks(plan, settled.seed);
  const taskNoise = taskNoiseOf(taskCosts);
  const shape = {
    trials: settled.trials,
    months: settled.months,
    workloadCount: settled.workloads.length,
  };
  const { result, buffers } = allocateSharedResult(shape);
  const blocks = blockCount(settled.trials);
  const shares = Array.from({ length: Math.min(threads, blocks) }, (_, thread) =>
    Array.from({ length: blocks }, (_, block) => block).filter(
      (block) => block % threads === thread,
    ),
  );
  const onBlockDone = progressCounter(settled.trials, onProgress);
  const partials = await Promise.all(
    shares.map((share) =>
      runWorker(onBlockDone, {
        text,
        from,
        trials: settled.trials,
        seed: settled.seed,
        shape,
        buffers,
        blocks: share,
        taskNoise,
      }),
    ),
  );
  const byBlock = new Array<Float64Array>(blocks);
  shares.forEach((share, thread) => {
    share.forEach((block, index) => {
      byBlock[block] = partials[thread]![index]!;
    });
  });
  addDashboards(result, byBlock);
  return summarizeForecast(settled, plan, result, issues, taskCosts);
}

/** The compiled worker beside this file; from the TypeScript source, the build's copy. */
export const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../dist/cli/simulationWorker.js', import.meta.url)
  : new URL('./simulationWorker.js', import.meta.url);

/** A worker's messages: a block's trials done, then its blocks' dashboard sums. */
type WorkerMessage = Float64Array[] | { readonly progressTrials: number };

function runWorker(
  onBlockDone: ((trials: number) => void) | undefined,
  task: WorkerTask,
): Promise<Float64Array[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: task });
    worker.on('message', (message: WorkerMessage) => {
      if (Array.isArray(message)) resolve(message);
      else onBlockDone?.(message.progressTrials);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a simulation thread stopped with code ${code}`));
    });
  });
}
