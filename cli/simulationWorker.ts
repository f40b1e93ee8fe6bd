/**
 * A worker thread's share of a forecast: it validates and plans the scenario
 * text itself (a plan holds functions, which cannot cross threads), simulates
 * the blocks it was given into the shared result, and returns their sums and
 * its sketches. Runs only from the compiled build: Node 20 cannot start a worker
 * from a .ts file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { settleScenario } from '../engine/forecast.js';
import { loadScenarioDocument } from '../engine/loadScenarioDocument.js';
import { planSimulation } from '../engine/planSimulation.js';
import { BUILTIN_CATALOG } from '../engine/priceCatalog.js';
import { simulateBlocks } from '../engine/simulate.js';
import { validateScenario } from '../engine/validate/validateScenario.js';
import { loadScenarioFile } from './loadScenarioFile.js';
import {
  listSketches,
  viewSharedResult,
  type WorkerReply,
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
const partials = simulateBlocks(
  plan,
  {
    seed: settled.seed,
    trials: settled.trials,
    taskNoise: task.taskNoise,
    // Each finished block is reported, so the main thread can draw a progress bar.
    onBlockDone: (trials) => parentPort?.postMessage({ progressTrials: trials }),
  },
  result,
  task.blocks,
);
const sketches = listSketches(result);
const reply: WorkerReply = {
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
parentPort?.postMessage(reply);
