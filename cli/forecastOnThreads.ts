import { Worker } from 'node:worker_threads';
import { addDecisions } from '../engine/decide/addDecisions.js';
import {
  progressCounter,
  runScenario,
  settleScenario,
  summarizeForecast,
  taskNoiseOf,
  type ForecastOptions,
} from '../engine/forecast.js';
import { planSimulation } from '../engine/planSimulation.js';
import type { ScenarioIssue } from '../engine/scenarioIssue.js';
import type { Scenario } from '../engine/scenarioTypes.js';
import { addBlockSums, blockCount } from '../engine/simulate.js';
import { simulateTasks } from '../engine/simulateTasks.js';
import type { Summary } from '../engine/summaryTypes.js';
import { keepsWorkloadSeries } from '../engine/simulationResult.js';
import {
  allocateSharedResult,
  mergeSketches,
  type WorkerReply,
  type WorkerTask,
} from './sharedResult.js';

/**
 * Forecasts a validated scenario with its blocks of trials spread over worker
 * threads, block b going to thread b mod threads. Every block draws from
 * streams keyed by the seed and its own index, the blocks' sums are added in
 * block order, and sketches (of a run too large to keep every series) hold
 * whole counts that add up alike in any order, so the summary is byte for
 * byte the one a single thread gives.
 */
export async function forecastOnThreads(
  text: string,
  scenario: Scenario,
  options: Pick<ForecastOptions, 'trials' | 'seed' | 'exactWorkloadSeries' | 'decisions'>,
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
    exact:
      options.exactWorkloadSeries ??
      keepsWorkloadSeries(settled.trials, settled.months, settled.workloads.length),
  };
  const { result, buffers } = allocateSharedResult(shape);
  const blocks = blockCount(settled.trials);
  const shares = Array.from({ length: Math.min(threads, blocks) }, (_, thread) =>
    Array.from({ length: blocks }, (_, block) => block).filter(
      (block) => block % threads === thread,
    ),
  );
  const onBlockDone = progressCounter(settled.trials, onProgress);
  const replies = await Promise.all(
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
      byBlock[block] = replies[thread]!.partials[index]!;
    });
  });
  for (const reply of replies) if (reply.sketches !== null) mergeSketches(result, reply.sketches);
  addBlockSums(result, byBlock);
  const summary = summarizeForecast(settled, plan, result, issues, taskCosts);
  if (options.decisions === false) return summary;
  return addDecisions(summary, {
    scenario: runScenario(scenario, settled),
    plan,
    result,
    taskNoise,
  });
}

/** The compiled worker beside this file; from the TypeScript source, the build's copy. */
export const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../dist/cli/simulationWorker.js', import.meta.url)
  : new URL('./simulationWorker.js', import.meta.url);

/** A worker's messages: a block's trials done, then its reply with the blocks' sums. */
type WorkerMessage = WorkerReply | { readonly progressTrials: number };

function runWorker(
  onBlockDone: ((trials: number) => void) | undefined,
  task: WorkerTask,
): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: task });
    worker.on('message', (message: WorkerMessage) => {
      if ('progressTrials' in message) onBlockDone?.(message.progressTrials);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a simulation thread stopped with code ${code}`));
    });
  });
}
