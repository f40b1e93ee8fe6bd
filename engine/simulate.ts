import { TaskCoster } from './costOneTask.js';
import { createRandomStream, type RandomStream } from './createRandomStream.js';
import { imanConover } from './correlation/imanConover.js';
import { drawMany } from './distributions/drawMany.js';
import { normalQuantile } from './distributions/normalQuantile.js';
import { createTrialPrices, priceTrial, type TrialPrices } from './priceTrial.js';
import {
  allocateResult,
  DASHBOARD,
  DASHBOARD_FIELDS,
  TILE_SHIFT,
  TILE_TRIALS,
  type SimulationResult,
} from './simulationResult.js';
import { fillDerived, type SimulationPlan } from './simulationPlan.js';

/**
 * Trials are drawn in blocks of this size. Each block's random streams are
 * keyed by the seed, the block's index and the input's path, never by who
 * computes the block, so results do not depend on how blocks are scheduled.
 */
export const BLOCK_TRIALS = 1000;

/** Trials whose draws are made together within a block; a cache-sized batch. */
const CHUNK_TRIALS = 32;

export interface SimulationRequest {
  readonly seed: number;
  readonly trials: number;
  /**
   * Per workload, the coefficient of variation (sd / mean) of one task's cost
   * in the first and the last month, from simulateTasks; it sizes the noise of
   * months with few tasks. None: no such noise.
   */
  readonly taskNoise?: readonly TaskNoise[];
  /** Called after each block with the trials it simulated, for a progress display. */
  readonly onBlockDone?: (trials: number) => void;
}

export interface TaskNoise {
  readonly first: number;
  readonly last: number;
}

/**
 * Months with fewer tasks than this also carry task-to-task noise: the sum of
 * N task costs varies by sqrt(N) * sd(task) about N * mean (the central limit
 * theorem), which against the mean is 1 / sqrt(N) of a task's own spread:
 * under 3% of it from 1,000 tasks up, and left out there (MODEL.md).
 */
export const FEW_TASKS = 1000;

/**
 * Runs every trial of a plan: draws the trial's uncertain inputs, then for each
 * workload and month the expected cost of one task (from the task-level
 * distributions' moments) times the tasks that month, for the per-task
 * forecast and, on the same draws, for the per-token forecast.
 *
 * Cost: O(trials * (inputs + steps * months)); memory O(trials * workloads *
 * months) for the per-trial series the summary needs.
 */
export function simulate(plan: SimulationPlan, request: SimulationRequest): SimulationResult {
  const result = allocateResult(request.trials, plan.months, plan.workloads.length);
  const blocks = Array.from({ length: blockCount(request.trials) }, (_, block) => block);
  addDashboards(result, simulateBlocks(plan, request, result, blocks));
  return result;
}

/** Number of blocks of BLOCK_TRIALS trials that a run of `trials` trials has. */
export function blockCount(trials: number): number {
  return Math.ceil(trials / BLOCK_TRIALS);
}

/**
 * Simulates the given blocks of trials into `result`, and returns each block's
 * sums for the dashboard, in the order of `blocks`. Workers on other threads
 * call this for their share of the blocks, over a result in shared memory;
 * each block touches only its own trials.
 */
export function simulateBlocks(
  plan: SimulationPlan,
  request: SimulationRequest,
  result: SimulationResult,
  blocks: readonly number[],
): Float64Array[] {
  const kernel = new TrialKernel(plan, result, request.taskNoise ?? []);
  return blocks.map((block) => {
    const first = block * BLOCK_TRIALS;
    const count = Math.min(BLOCK_TRIALS, request.trials - first);
    const dashboard = new Float64Array(result.dashboardSums.length);
    kernel.runBlock(request.seed, block, first, count, dashboard);
    request.onBlockDone?.(count);
    return dashboard;
  });
}

/**
 * Adds the blocks' dashboard sums into the result in block order, so that
 * the floating-point sums do not depend on how blocks were scheduled.
 */
export function addDashboards(result: SimulationResult, byBlock: readonly Float64Array[]): void {
  const sums = result.dashboardSums;
  for (const partial of byBlock) {
    for (let index = 0; index < sums.length; index += 1) sums[index]! += partial[index]!;
  }
}

/** Per-plan scratch space, allocated once so the trial loop allocates nothing. */
class TrialKernel {
  private readonly values: Float64Array;
  /**
   * The values of the current chunk's trials, a row of every slot per trial:
   * fixed slots filled once, uncertain ones drawn in place, so a trial takes
   * its row with one copy.
   */
  private readonly rows: Float64Array;
  /** Scratch for inputs drawn every month, which are drawn month by month. */
  private readonly monthDraws: Float64Array;
  private readonly prices: TrialPrices;
  private readonly coster: TaskCoster;
  private readonly tasks: Float64Array;
  private readonly perTokenTasks: Float64Array;
  private blockDashboard: Float64Array;
  private readonly totalTasks: Float64Array;
  private readonly perTokenTokens: Float64Array;
  /** Spend of all workloads per month before few-task noise, for the indices. */
  private readonly expectedPerTask: Float64Array;
  private readonly expectedPerToken: Float64Array;
  /** Whether few-task noise moved any spend of the current trial. */
  private noisyTrial = false;
  /** Spend of all workloads per month in the current trial, both forecasts. */
  private readonly monthPerTask: Float64Array;
  private readonly monthPerToken: Float64Array;

  /** The block's draws of correlated inputs, re-paired, by input index. */
  private correlated: ReadonlyMap<number, Float64Array> = new Map();

  /** One stream per workload for the noise of months with few tasks, renewed each block. */
  private noiseStreams: readonly RandomStream[] = [];

  constructor(
    private readonly plan: SimulationPlan,
    private readonly result: SimulationResult,
    private readonly taskNoise: readonly TaskNoise[],
  ) {
    const months = plan.months;
    this.values = Float64Array.from(plan.fixedSlots);
    this.rows = new Float64Array(CHUNK_TRIALS * plan.slotCount);
    for (let row = 0; row < CHUNK_TRIALS; row += 1)
      this.rows.set(plan.fixedSlots, row * plan.slotCount);
    this.monthDraws = new Float64Array(CHUNK_TRIALS * plan.months);
    this.prices = createTrialPrices(plan);
    this.coster = new TaskCoster(plan, this.values, this.prices);
    this.tasks = new Float64Array(months);
    this.perTokenTasks = new Float64Array(months);
    // Each block brings its own array of dashboard sums (see runBlock).
    this.blockDashboard = new Float64Array(0);
    this.totalTasks = new Float64Array(months);
    this.perTokenTokens = new Float64Array(months);
    this.expectedPerTask = new Float64Array(months);
    this.expectedPerToken = new Float64Array(months);
    this.monthPerTask = new Float64Array(months);
    this.monthPerToken = new Float64Array(months);
  }

  runBlock(
    seed: number,
    block: number,
    firstTrial: number,
    count: number,
    dashboard: Float64Array,
  ): void {
    this.blockDashboard = dashboard;
    this.noiseStreams = this.plan.workloads.map((workload) =>
      createRandomStream(seed, 'block', block, 'task-noise', workload.name),
    );
    const streams = this.plan.inputs.map((input) =>
      createRandomStream(seed, 'block', block, input.path),
    );
    this.correlated = drawCorrelated(this.plan, streams, count, seed, block);
    for (let chunk = 0; chunk < count; chunk += CHUNK_TRIALS) {
      const chunkCount = Math.min(CHUNK_TRIALS, count - chunk);
      this.drawChunk(streams, chunkCount, chunk);
      for (let offset = 0; offset < chunkCount; offset += 1) {
        this.loadTrial(offset);
        priceTrial(this.plan, this.values, this.prices);
        this.runTrial(firstTrial + chunk + offset);
      }
    }
  }

  /**
   * Draws the next few trials of every input. Drawing a chunk at a time keeps
   * all inputs' draws for those trials in cache while the trials read them;
   * each input still draws from its own stream in trial order.
   */
  private drawChunk(streams: readonly RandomStream[], count: number, chunkStart: number): void {
    const { rows, monthDraws } = this;
    const width = this.plan.slotCount;
    this.plan.inputs.forEach((input, index) => {
      const block = this.correlated.get(index);
      if (block !== undefined) {
        for (let trial = 0; trial < count; trial += 1) {
          rows[trial * width + input.slot] = block[chunkStart + trial]!;
        }
        return;
      }
      if (input.count === 1) {
        drawMany(input.dist, streams[index]!, rows, input.slot, count, width);
        return;
      }
      drawMany(input.dist, streams[index]!, monthDraws, 0, count * input.count);
      for (let trial = 0; trial < count; trial += 1) {
        for (let month = 0; month < input.count; month += 1) {
          rows[trial * width + input.slot + month] = monthDraws[trial * input.count + month]!;
        }
      }
    });
    if (this.plan.derived.length > 0) {
      for (let trial = 0; trial < count; trial += 1)
        fillDerived(this.plan.derived, rows, trial * width);
    }
  }

  private loadTrial(offset: number): void {
    const width = this.plan.slotCount;
    this.values.set(this.rows.subarray(offset * width, (offset + 1) * width));
  }

  private runTrial(trial: number): void {
    const { plan, result } = this;
    const months = plan.months;
    const trials = result.trials;
    this.totalTasks.fill(0);
    this.perTokenTokens.fill(0);
    this.noisyTrial = false;
    this.monthPerTask.fill(0);
    this.monthPerToken.fill(0);
    let annualPerTask = 0;
    let annualPerToken = 0;
    const seriesCount = plan.workloads.length * months;
    for (let w = 0; w < plan.workloads.length; w += 1) {
      this.projectTasks(w);
      this.coster.costOneTask(this.plan.workloads[w]!);
      const [workloadPerTask, workloadPerToken] = this.recordWorkload(w, trial, seriesCount);
      result.annualWorkloadPerTask[w * trials + trial] = workloadPerTask;
      result.annualWorkloadPerToken[w * trials + trial] = workloadPerToken;
      result.costPerTaskFirst[w * trials + trial] = this.coster.costPerTask[0]!;
      result.costPerTaskLast[w * trials + trial] = this.coster.costPerTask[months - 1]!;
      annualPerTask += workloadPerTask;
      annualPerToken += workloadPerToken;
    }
    result.annualPerTask[trial] = annualPerTask;
    result.annualPerToken[trial] = annualPerToken;
    // Summed in small arrays and stored once: adding into the result's
    // month-major arrays for every workload cost a second on the benchmark.
    for (let month = 0; month < months; month += 1) {
      result.totalPerTask[month * trials + trial] = this.monthPerTask[month]!;
      result.totalPerToken[month * trials + trial] = this.monthPerToken[month]!;
    }
    this.recordIndices(trial);
  }

  /** Tasks per month: N0 * prod(1 + g) * season, and the per-token forecast's volume. */
  private projectTasks(w: number): void {
    const workload = this.plan.workloads[w]!;
    const { values, tasks, perTokenTasks } = this;
    const first = values[workload.tasksSlot]!;
    let growth = 1;
    for (let month = 0; month < this.plan.months; month += 1) {
      if (month > 0) {
        const slot = workload.growthPerMonth ? workload.growthSlot + month : workload.growthSlot;
        growth *= 1 + values[slot]!;
      }
      const drawn = workload.tasksPerMonth ? values[workload.tasksSlot + month]! : first;
      tasks[month] = drawn * growth * workload.season[month]!;
      perTokenTasks[month] = this.plan.perTokenVolume === 'grow' ? tasks[month]! : tasks[0]!;
    }
  }

  /**
   * Spend of one workload in every month of this trial, written to the result,
   * with the dashboard's sums and the totals the indices need. Returns the
   * workload's spend over the horizon, per task and per token. Every array is
   * held in a local: property loads in this loop cost more than its arithmetic.
   */
  private recordWorkload(w: number, trial: number, seriesCount: number): [number, number] {
    const months = this.plan.months;
    const { tasks, perTokenTasks } = this;
    const { costPerTask, perTokenCostPerTask, tokensPerTask } = this.coster;
    const { totalTasks, perTokenTokens, expectedPerTask, expectedPerToken } = this;
    const { workloadPerTask, workloadPerToken } = this.result;
    const { monthPerTask, monthPerToken } = this;
    const sums = this.blockDashboard;
    const frozenTokens = tokensPerTask[0]! + tokensPerTask[1]! + tokensPerTask[2]!;
    const tileBase =
      ((trial >>> TILE_SHIFT) * seriesCount + w * months) * TILE_TRIALS +
      (trial & (TILE_TRIALS - 1));
    let spendPerTask = 0;
    let spendPerToken = 0;
    for (let month = 0; month < months; month += 1) {
      const taskCount = tasks[month]!;
      let perTask = taskCount * costPerTask[month]!;
      let perToken = perTokenTasks[month]! * perTokenCostPerTask[month]!;
      if (taskCount < FEW_TASKS && w < this.taskNoise.length && !this.noisyTrial) {
        // Until now the trial's spend was all expected spend: keep a copy, and
        // from here on add expected spend to it beside the noisy spend.
        this.noisyTrial = true;
        expectedPerTask.set(monthPerTask);
        expectedPerToken.set(monthPerToken);
      }
      if (this.noisyTrial) {
        expectedPerTask[month]! += perTask;
        expectedPerToken[month]! += perToken;
        if (taskCount < FEW_TASKS && w < this.taskNoise.length) {
          [perTask, perToken] = this.addTaskNoise(w, month, perTask, perToken);
        }
      }
      workloadPerTask[tileBase + month * TILE_TRIALS] = perTask;
      workloadPerToken[tileBase + month * TILE_TRIALS] = perToken;
      monthPerTask[month]! += perTask;
      monthPerToken[month]! += perToken;
      spendPerTask += perTask;
      spendPerToken += perToken;
      const input = tokensPerTask[month * 3]!;
      const output = tokensPerTask[month * 3 + 1]!;
      const reasoning = tokensPerTask[month * 3 + 2]!;
      const tokens = input + output + reasoning;
      const base = (w * months + month) * DASHBOARD_FIELDS;
      sums[base + DASHBOARD.tasks]! += taskCount;
      sums[base + DASHBOARD.tokens]! += taskCount * tokens;
      sums[base + DASHBOARD.inputPerTask]! += input;
      sums[base + DASHBOARD.outputPerTask]! += output;
      sums[base + DASHBOARD.reasoningPerTask]! += reasoning;
      sums[base + DASHBOARD.costPerTask]! += costPerTask[month]!;
      sums[base + DASHBOARD.perTokenCostPerTask]! += perTokenCostPerTask[month]!;
      totalTasks[month]! += taskCount;
      perTokenTokens[month]! += perTokenTasks[month]! * frozenTokens;
    }
    return [spendPerTask, spendPerToken];
  }

  /**
   * A month of few tasks: its spend is a sum of a few task costs, not their
   * expectation. One normal draw Z moves both forecasts (common random
   * numbers): the per-task spend by sqrt(N) * sd(task) * Z, with the task's
   * coefficient of variation taken between the first and last month's, and
   * the per-token spend likewise with the first month's. Spend stays at 0 or
   * above.
   */
  private addTaskNoise(
    w: number,
    month: number,
    perTask: number,
    perToken: number,
  ): [number, number] {
    const noise = this.taskNoise[w]!;
    const months = this.plan.months;
    const share = months > 1 ? month / (months - 1) : 0;
    const variation = noise.first + (noise.last - noise.first) * share;
    const z = normalQuantile(this.noiseStreams[w]!.next());
    const taskCount = this.tasks[month]!;
    const perTokenCount = this.perTokenTasks[month]!;
    const taskSd = variation * this.coster.costPerTask[month]!;
    const tokenSd = noise.first * this.coster.perTokenCostPerTask[month]!;
    return [
      Math.max(0, perTask + Math.sqrt(taskCount) * taskSd * z),
      Math.max(0, perToken + Math.sqrt(perTokenCount) * tokenSd * z),
    ];
  }

  /**
   * The headline indices, relative to month 0. Cost per token is the price of
   * the first month's token mix (per-token spend over per-token tokens): what
   * the vendors' price curve does to a fixed basket. Cost per task is per-task
   * spend over tasks, all workloads together.
   */
  private recordIndices(trial: number): void {
    const result = this.result;
    const trials = result.trials;
    // From expected spend, before any few-task noise: the indices describe
    // prices and tasks, not how a handful of tasks happened to fall.
    const expectedPerTask = this.noisyTrial ? this.expectedPerTask : this.monthPerTask;
    const expectedPerToken = this.noisyTrial ? this.expectedPerToken : this.monthPerToken;
    const perToken0 = expectedPerToken[0]! / this.perTokenTokens[0]!;
    const perTask0 = expectedPerTask[0]! / this.totalTasks[0]!;
    for (let month = 0; month < this.plan.months; month += 1) {
      const series = month * trials + trial;
      const tokenPrice = expectedPerToken[month]! / this.perTokenTokens[month]!;
      result.costPerTokenIndex[series] = tokenPrice / perToken0;
      const taskCost = expectedPerTask[month]! / this.totalTasks[month]!;
      result.costPerTaskIndex[series] = taskCost / perTask0;
    }
  }
}

/**
 * Draws a whole block of every correlated input from its own stream (the same
 * draws it would have alone) and re-pairs them across the block's trials to
 * the target rank correlation (Iman-Conover), shuffling from a stream of the
 * block's own.
 */
function drawCorrelated(
  plan: SimulationPlan,
  streams: readonly RandomStream[],
  count: number,
  seed: number,
  block: number,
): ReadonlyMap<number, Float64Array> {
  const correlation = plan.correlation;
  if (correlation === null) return new Map();
  const columns = correlation.inputIndices.map((index) => {
    const column = new Float64Array(count);
    drawMany(plan.inputs[index]!.dist, streams[index]!, column, 0, count);
    return column;
  });
  imanConover(
    columns,
    correlation.cholesky,
    createRandomStream(seed, 'block', block, 'correlation'),
  );
  return new Map(correlation.inputIndices.map((index, j) => [index, columns[j]!]));
}
