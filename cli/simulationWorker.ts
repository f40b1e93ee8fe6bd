/**
 * A worker thread's share of a forecast: it validates and plans the scenario
 * text itself (a plan holds functions, which cannot cross threads), waits for
 * the spread of single tasks that the main thread computes meanwhile, then
 * claims blocks of trials until none is left, simulates them into the shared
 * result, and returns their sums and its sketches. Runs only from the compiled
 * build: Node 20 cannot start a worker from a .ts file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { settleScenario } from '../engine/forecast.js';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { planSimulation } from '../engine/planSimulation.js';
import { BUILTIN_CATALOG } from '../engine/priceCatalog.js';
import { createBlockSimulator } from '../engine/simulate.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { loadScenarioFile } from './loadScenarioFile.js';
import {
  claimBlock,
  listSketches,
  viewSharedResult,
  type WorkerReply,
  type WorkerStart,
  type WorkerTask,
} from './sharedResult.js';

const task = workerData as WorkerTask;
const { scenario } =
  task.from === undefined
    ? validateScenario(loadScenarioDocument(task.text), BUILTIN_CATALOG)
    : loadScenarioFile(task.from.file, task.from.cwd);
if (scenario === undefined) throw new Error('the scenario did not validate in a worker');
const settled = settleScenario(scenario, { trials: task.trials, seed: task.seed });
const plan = planSimulation(settled);
const result = viewSharedResult(task.shape, task.buffers);
parentPort?.once('message', ({ taskNoise }: WorkerStart) => {
  const simulateBlock = createBlockSimulator(
    plan,
    {
      seed: settled.seed,
      trials: settled.trials,
      taskNoise,
      // Each finished block is reported, so the main thread can draw a progress bar.
      onBlockDone: (trials) => parentPort?.postMessage({ progressTrials: trials }),
    },
    result,
  );
  const nextBlock = new Int32Array(task.nextBlock);
  const blocks: number[] = [];
  const partials: Float64Array[] = [];
  let block = claimBlock(nextBlock, task.blocks);
  while (block !== undefined) {
    blocks.push(block);
    partials.push(simulateBlock(block));
    block = claimBlock(nextBlock, task.blocks);
  }
  const sketches = listSketches(result);
  const reply: WorkerReply = {
    blocks,
    partials,
    sketches:
      sketches === null
        ? null
        : sketches.map(({ count, min, max, lowKey, counts }) => ({
            count,
            min,
            max,
            lowKey,
            counts,
          })),
  };
  // Handed over rather than copied: the sketches alone are tens of megabytes.
  const buffers = [...partials, ...(reply.sketches ?? []).map(({ counts }) => counts)];
  parentPort?.postMessage(
    reply,
    buffers.map(({ buffer }) => buffer as ArrayBuffer),
  );
});
