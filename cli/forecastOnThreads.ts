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
import { addBlockSums, blockCount, createBlockSimulator } from '../engine/simulate.js';
import { simulateTasks } from '../engine/simulateTasks.js';
import type { Summary } from '../engine/summaryTypes.js';
import { keepsWorkloadSeries } from '../engine/simulationResult.js';
import {
  allocateSharedResult,
  claimBlock,
  mergeSketches,
  type WorkerReply,
  type WorkerStart,
  type WorkerTask,
} from './sharedResult.js';

/**
 * Forecasts a validated scenario with its blocks of trials spread over `threads`
 * threads: this one and threads - 1 workers. Every thread claims the next
 * unclaimed block until none is left (claimBlock), so a worker that starts late
 * takes fewer. Every block draws from streams keyed by the seed and its own
 * index, the blocks' sums are added in block order, and sketches (of a run too
 * large to keep every series) hold whole counts that add up alike in any order,
 * so the summary is byte for byte the one a single thread gives.
 *
 * The workers start first: while they load and plan the scenario, this thread
 * samples single tasks (simulateTasks), whose spread they need to begin.
 */
export async function forecastOnThreads(
  text: string,
  scenario: Scenario,
  options: Pick<ForecastOptions, 'trials' | 'seed' | 'exactWorkloadSeries' | 'decisions'> & {
    /** The compiled worker to start; WORKER_URL unless a test runs a build of its own. */
    readonly workerUrl?: URL;
  },
  threads: number,
  issues: readonly ScenarioIssue[],
  onProgress?: (trialsDone: number, trials: number) => void,
  from?: { readonly file: string; readonly cwd: string },
): Promise<Summary> {
  const settled = settleScenario(scenario, options);
  const plan = planSimulation(settled);
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
  const nextBlock = new Int32Array(new SharedArrayBuffer(4));
  const onBlockDone = progressCounter(settled.trials, onProgress);
  const task = {
    text,
    from,
    trials: settled.trials,
    seed: settled.seed,
    shape,
    buffers,
    nextBlock: nextBlock.buffer as SharedArrayBuffer,
    blocks,
  };
  const workers = Array.from({ length: Math.min(threads, blocks) - 1 }, () =>
    startWorker(options.workerUrl ?? WORKER_URL, onBlockDone, task),
  );
  const taskCosts = simulateTasks(plan, settled.seed);
  const taskNoise = taskNoiseOf(taskCosts);
  for (const worker of workers) worker.start({ taskNoise });
  const replies = Promise.all(workers.map((worker) => worker.reply));
  // A worker that fails while this thread simulates is reported once the
  // loop below ends (by the await further down), not as an unhandled rejection.
  replies.catch(() => undefined);
  const byBlock = new Array<Float64Array>(blocks);
  const request = { seed: settled.seed, trials: settled.trials, taskNoise, onBlockDone };
  const simulateBlock = createBlockSimulator(plan, request, result);
  let block = claimBlock(nextBlock, blocks);
  while (block !== undefined) {
    byBlock[block] = simulateBlock(block);
    // Lets the workers' progress messages through between blocks.
    await new Promise((resolve) => setImmediate(resolve));
    block = claimBlock(nextBlock, blocks);
  }
  for (const reply of await replies) {
    reply.blocks.forEach((block, index) => {
      byBlock[block] = reply.partials[index]!;
    });
    if (reply.sketches !== null) mergeSketches(result, reply.sketches);
  }
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

/**
 * The compiled worker beside this file; from the TypeScript source, the copy in
 * dist/ that `npm run build` writes (a test passes its own build's instead).
 */
export const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../dist/cli/simulationWorker.js', import.meta.url)
  : new URL('./simulationWorker.js', import.meta.url);

/** A worker's messages: a block's trials done, then its reply with the blocks' sums. */
type WorkerMessage = WorkerReply | { readonly progressTrials: number };

/** A started worker: `start` lets it begin simulating, `reply` is what it hands back. */
interface SimulationWorker {
  start(message: WorkerStart): void;
  readonly reply: Promise<WorkerReply>;
}

function startWorker(
  workerUrl: URL,
  onBlockDone: ((trials: number) => void) | undefined,
  task: WorkerTask,
): SimulationWorker {
  const worker = new Worker(workerUrl, { workerData: task });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('progressTrials' in message) onBlockDone?.(message.progressTrials);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a simulation thread stopped with code ${code}`));
    });
  });
  return { start: (message) => worker.postMessage(message), reply };
}
